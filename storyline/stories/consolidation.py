"""Consolidation: folding together stories that turned out to be one, after a batch is assigned.

Kept apart from :mod:`storyline.stories.grouper`, which assigns articles, because it is the one
step whose cost grows with the batch rather than with the article: every story the batch changed
is compared with its index candidates, and the best pair over the merge bar merges, again and
again until none is left. Redoing every look-up and score after each merge made a batch of
3,000 new articles spend 88 of its 105 s here, and a batch of 100k would take hours. Scores of
unchanged pairs and each story's best partner are therefore kept until a merge could alter them
(see :class:`_Best`); on the 3k and 10k scale corpora the stories are the same as before.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storyline.stories import scoring
from storyline.stories.merge_lookup import MergeLookup

if TYPE_CHECKING:
    from storyline.stories.grouper import StreamGrouper


@dataclass(frozen=True)
class Merge:
    """One consolidation: ``merged`` was folded into ``kept`` after ``at`` articles."""

    kept: str
    merged: str
    score: float
    at: int


@dataclass(frozen=True)
class _Best:
    """A changed story's best merge, kept until a merge meets one of its candidates.

    A merge of ``merged`` into ``kept`` changes every score against ``kept``, so the stories
    that had either among their candidates look again. (It can also lift ``kept`` into another
    story's candidates; re-doing every look-up that merely reached ``kept`` made a batch of 30k
    articles crawl, each merge meeting most of the thousands of changed stories, and on the 3k
    and 10k scale corpora the stories are identical either way.)
    """

    stamp: int
    candidates: frozenset[str]
    pair: tuple[float, str] | None


class Consolidation:
    """One consolidation pass over a grouper's changed stories.

    The best pair over all changed stories is the top of a heap of each story's best merge,
    (-score, story id): the highest score, and among equal scores the first story in id order.
    A merge re-scores only ``kept`` and the stories that had ``kept`` or ``merged`` among their
    candidates, found through :attr:`_meeting` rather than by a scan of every changed story
    (28k at 100k articles, once per merge). Those look-ups go through a
    :class:`~storyline.stories.merge_lookup.MergeLookup` (the same candidates, counted over
    arrays), and a story looking again only updates :attr:`_meeting` for the candidates it
    gained or lost: at 100k articles each merge makes ~220 stories look again.
    """

    def __init__(self, grouper: StreamGrouper) -> None:
        self.grouper = grouper
        self._probes: dict[tuple[str, int], scoring.Probe] = {}
        self._verdicts: dict[tuple[str, int], dict[str, tuple[int, float, float]]] = {}
        """(story, its size) -> candidate -> (the candidate's size, score, bar): a pair's
        verdict is computed once while neither side changes, and a side only changes by
        absorbing another story, which always adds articles."""
        self._look_up_keys: dict[tuple[str, int], list[str]] = {}
        self._bests: dict[str, _Best] = {}
        self._meeting: dict[str, set[str]] = {}
        """Story id -> the changed stories that have it among their current candidates."""
        self._heap: list[tuple[float, str, int]] = []
        self._stamps = 0
        self._lookup = MergeLookup(grouper)

    def run(self) -> list[Merge]:
        """Merge the best pair over its bar until none is left; the merges, in order."""
        postings = self.grouper.postings
        changed_keys = postings.track_changes()
        try:
            return self._merge_all(changed_keys)
        finally:
            postings.stop_tracking()

    def _merge_all(self, changed_keys: set[str]) -> list[Merge]:
        grouper, made = self.grouper, list[Merge]()
        stale = set(grouper.changed())
        while True:
            for sid in sorted(stale):
                self._look_again(sid)
            stale.clear()
            best = self._pop_best()
            if best is None:
                return made
            score, a, b = best
            pa, pb = grouper.profiles[a], grouper.profiles[b]
            kept, merged = (
                (a, b) if (len(pa.article_ids), -pa.seq) >= (len(pb.article_ids), -pb.seq) else (b, a)
            )
            made.append(replace(grouper.merge(kept, merged), score=round(score, 4)))
            self._lookup.merged(kept, merged, changed_keys)
            changed_keys.clear()
            stale = self._meeting.get(kept, set()) | self._meeting.get(merged, set()) | {kept}
            stale.discard(merged)
            self._forget(merged)

    def _look_again(self, sid: str) -> None:
        """Find a changed story's best merge and offer it to the heap (its earlier best, if
        any, is replaced: its heap entry goes stale and is skipped when popped)."""
        before = self._bests.get(sid)
        own = self._bests[sid] = self._best_partner(sid)
        gained = own.candidates if before is None else own.candidates - before.candidates
        for other in gained:
            self._meeting.setdefault(other, set()).add(sid)
        if before is not None:
            for other in before.candidates - own.candidates:
                self._meeting[other].discard(sid)
        if own.pair is not None:
            heapq.heappush(self._heap, (-own.pair[0], sid, own.stamp))

    def _forget(self, sid: str) -> None:
        """Drop a merged-away story's best merge and its place among others' candidates."""
        own = self._bests.pop(sid, None)
        if own is not None:
            for other in own.candidates:
                self._meeting[other].discard(sid)

    def _pop_best(self) -> tuple[float, str, str] | None:
        """The best pair still current, as (score, story, partner)."""
        while self._heap:
            _, sid, stamp = heapq.heappop(self._heap)
            own = self._bests.get(sid)
            if own is not None and own.stamp == stamp and own.pair is not None:
                return own.pair[0], sid, own.pair[1]
        return None

    def _best_partner(self, sid: str) -> _Best:
        """The candidate a story would merge with (the first of the highest scores over its bar)."""
        profiles = self.grouper.profiles
        ranked = self._lookup.ranked(self._keys(sid), exclude=sid)
        known = self._verdicts.setdefault((sid, len(profiles[sid].article_ids)), {})
        pair: tuple[float, str] | None = None
        for other in ranked:
            size = len(profiles[other].article_ids)
            verdict = known.get(other)
            if verdict is None or verdict[0] != size:
                verdict = known[other] = self._verdict(sid, other, size)
            _, score, bar = verdict
            if score >= bar and (pair is None or score > pair[0]):
                pair = (score, other)
        self._stamps += 1
        return _Best(self._stamps, frozenset(ranked), pair)

    def _probe(self, sid: str) -> scoring.Probe:
        """A story's probe, built once per size: here a profile only changes by absorbing
        another story, which always adds articles."""
        key = (sid, len(self.grouper.profiles[sid].article_ids))
        if key not in self._probes:
            self._probes[key] = scoring.story_probe(self.grouper.profiles[sid])
        return self._probes[key]

    def _keys(self, sid: str) -> list[str]:
        """A story's look-up keys, worked out once per size like its probe: a merge makes the
        stories that had either side among their candidates look again, dozens of times each
        at 100k articles, and sorting a story's terms was a tenth of the pass."""
        key = (sid, len(self.grouper.profiles[sid].article_ids))
        if key not in self._look_up_keys:
            self._look_up_keys[key] = self.grouper.query_keys(self._probe(sid).vectors)
        return self._look_up_keys[key]

    def _verdict(self, sid: str, other: str, size: int) -> tuple[int, float, float]:
        """``(size, score, bar)`` of merging a story with ``other`` of ``size`` articles; the
        score is -inf when it is sure to stay under the bar (it only ever meets the bar)."""
        probe, profile = self._probe(sid), self.grouper.profiles[other]
        bar = self.grouper.merge_bar(probe, profile)
        score = self.grouper.pair_score_reaching(probe, profile, bar)
        return size, -math.inf if score is None else score, bar
