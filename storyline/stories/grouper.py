"""Streaming story assignment: each new article joins a story or starts one, in arrival order.

Nothing is ever re-clustered. An article is compared with the few stories the inverted index
returns (:mod:`storyline.stories.index`), scored by :mod:`storyline.stories.scoring`, and joins
the best one when the score clears :data:`~storyline.stories.scoring.JOIN_THRESHOLD`. Copies
(``copy_of`` set) follow their canonical article without being scored and add nothing to the
story's profile (they are not extra sources). Story ids never change; :meth:`StreamGrouper.consolidate`
may later fold one story into another, keeping the larger story's id and recording the merge,
and the folded id stays resolvable through :meth:`StreamGrouper.resolve`.

Reports in another language (declared, or guessed from the absence of English function words)
are matched by the multilingual embedding against the stories sharing a name with them and the
most recent stories, since their words share nothing with English stories.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.language.embeddings import (
    MultilingualEmbedder,
    StaticEmbedder,
    multilingual_embedder,
    static_embedder,
)
from storyline.model import Article, Story, StoryAssignment
from storyline.stories import scoring
from storyline.stories.consolidation import Consolidation, Merge
from storyline.stories.features import ArticleFeatures, Features, article_features, story_title
from storyline.stories.index import (
    CHANNELS,
    MAX_CANDIDATES,
    QUERY_TERMS,
    DocFreq,
    Postings,
    StoryProfile,
    Vector,
    postings_keys,
    top,
    weigh,
)

RECENT_STORIES = 8
"""Most recent stories a report in another language is compared with, besides those sharing a name.
Each needs one pass of the multilingual model (~0.13 s a lead on 2 cores): 32 made ingesting a
batch with foreign pages crawl (5 articles/s on the extraction set), 8 keeps it near 20/s and the
fictional German and Turkish reports still join their story."""


@dataclass(frozen=True)
class GrouperConfig:
    """Knobs of one grouper; the defaults are the tuned ones."""

    threshold: float = scoring.JOIN_THRESHOLD
    merge_threshold: float = scoring.MERGE_THRESHOLD
    merge_threshold_dated: float = scoring.MERGE_THRESHOLD_DATED
    weights: Mapping[str, float] | None = None
    """Logit weights; None = :data:`~storyline.stories.scoring.WEIGHTS`."""
    signals: frozenset[str] | None = None
    """Signals in use (ablations); None = all of :data:`~storyline.stories.scoring.SIGNALS`."""
    same_days_bonus: float = scoring.SAME_DAYS_BONUS
    multilingual: bool = True
    consolidate_every: int = 0
    """Run :meth:`StreamGrouper.consolidate` after every this many articles (0 = only when asked)."""


@dataclass
class _Prepared:
    features: Features
    vectors: dict[str, Vector]
    embedding: Any
    pieces: list[int] = field(default_factory=list)


class StreamGrouper:
    """Groups a stream of articles into stories; see the module docstring."""

    def __init__(
        self,
        config: GrouperConfig | None = None,
        embedder: StaticEmbedder | None = None,
        multilingual: MultilingualEmbedder | None = None,
    ) -> None:
        self.config = config or GrouperConfig()
        signals = self.config.signals or frozenset(scoring.SIGNALS)
        self._weights = scoring.restrict(self.config.weights or scoring.WEIGHTS, signals)
        self._use_embedding = "embedding" in signals
        self._embedder = embedder or (static_embedder() if self._use_embedding else None)
        self._multilingual = multilingual
        self.df = DocFreq()
        self.profiles: dict[str, StoryProfile] = {}
        self.postings = Postings()
        self.assignments: dict[str, StoryAssignment] = {}
        self.aliases: dict[str, str] = {}
        self.merges: list[Merge] = []
        self.seq = 0
        self._dirty: set[str] = set()
        self._unsaved: set[str] = set()
        """Stories whose profile changed since the state was loaded or last saved."""
        self.title_keys: dict[str, tuple[str, int]] = {}
        self._early_copies: dict[str, str] = {}
        """Canonical article id -> a copy of it that arrived first."""

    # --- the stream -------------------------------------------------------------------

    def assign(self, article: Article, given: ArticleFeatures | None = None) -> StoryAssignment:
        """Put one article into a story (an article seen before keeps its assignment).

        ``given``: the article's features made elsewhere (an engine's worker), the same as
        :func:`~storyline.stories.features.article_features` with this grouper's embedder would
        make them; worked out here when None.
        """
        known = self.assignments.get(article.id)
        if known is not None:
            return replace(known, story_id=self.resolve(known.story_id))
        self.seq += 1
        if article.copy_of and article.copy_of in self.assignments:
            story_id = self.resolve(self.assignments[article.copy_of].story_id)
            self.profiles[story_id].article_ids.append(article.id)
            return self._record(StoryAssignment(article.id, story_id, 1.0, "copy"))
        early_copy = self._early_copies.pop(article.id, None)
        if early_copy is not None and early_copy in self.assignments:
            # Its copy came first (the canonical article is decided later by the store): join it.
            story_id = self.resolve(self.assignments[early_copy].story_id)
            self._add_to_story(story_id, article, self._prepare(article, given))
            return self._record(StoryAssignment(article.id, story_id, 1.0, "copy"))
        if article.copy_of:
            self._early_copies[article.copy_of] = article.id
        prepared = self._prepare(article, given)
        if prepared.features.language != "en" and self.config.multilingual:
            best, score = self._best_multilingual(prepared)
            threshold = scoring.MULTILINGUAL_JOIN
        else:
            scored = self._joinable(prepared)
            best, score = max(scored, key=lambda s: s[1]) if scored else (None, float("-inf"))
            threshold = self.config.threshold
        if best is not None and score >= threshold:
            assignment = StoryAssignment(article.id, best, round(score, 4), "similar")
        else:
            best = self._new_story(article)
            assignment = StoryAssignment(article.id, best, 0.0, "new")
        self._add_to_story(best, article, prepared)
        self._record(assignment)
        every = self.config.consolidate_every
        if every and self.seq % every == 0:
            self.consolidate()
        return assignment

    def observe(self, article: Article, gold: str) -> list[tuple[dict[str, float], bool]]:
        """Teacher forcing, for fitting weights: score the candidates, then put the article in
        story ``gold`` whatever they scored. Returns (features, candidate is gold) rows."""
        self.seq += 1
        prepared = self._prepare(article)
        rows = [(feats, sid == gold) for sid, feats in self._candidate_features(prepared)]
        if gold not in self.profiles:
            self.profiles[gold] = StoryProfile(id=gold, title="")
        self._add_to_story(gold, article, prepared)
        self._record(StoryAssignment(article.id, gold, 0.0, "gold"))
        return rows

    def _record(self, assignment: StoryAssignment) -> StoryAssignment:
        self.assignments[assignment.article_id] = assignment
        self._dirty.add(assignment.story_id)
        self._unsaved.add(assignment.story_id)
        return assignment

    def _prepare(self, article: Article, given: ArticleFeatures | None = None) -> _Prepared:
        made = given or article_features(article, self._embedder)
        features = made.features
        self.df.add({c: getattr(features, c) for c in CHANNELS})
        vectors = {c: weigh(getattr(features, c), self.df.counts[c], self.df.n) for c in CHANNELS}
        prepared = _Prepared(features, vectors, None)
        if self._embedder is not None and features.language == "en":
            prepared.pieces = made.pieces if made.pieces is not None else self._embedder.pieces(features.lead)
            self.df.pieces.update(set(prepared.pieces))
            prepared.embedding = self._embedder.embed(prepared.pieces, self.df.pieces, self.df.n)
        return prepared

    def _probe(self, prepared: _Prepared) -> scoring.Probe:
        day = prepared.features.day
        return scoring.Probe(prepared.vectors, prepared.embedding, day, day, prepared.features.day_inferred)

    def _lookup(self, vectors: Mapping[str, Vector], exclude: str | None = None) -> list[str]:
        return self._ranked(self.query_keys(vectors), exclude)

    @staticmethod
    def query_keys(vectors: Mapping[str, Vector]) -> list[str]:
        keys = [f"t:{k}" for k, _ in top(vectors["terms"], QUERY_TERMS)]
        return keys + [f"n:{k}" for k in vectors["names"]]

    def _ranked(self, keys: list[str], exclude: str | None) -> list[str]:
        """Candidate stories for ``keys``, best first."""
        hits = self.postings.lookup(keys)
        resolved = dict(hits)  # most hits are live stories: only merged ones are moved
        for sid in hits.keys() & self.aliases.keys():
            real = self.resolve(sid)
            resolved[real] = resolved.get(real, 0) + resolved.pop(sid)
        resolved.pop(exclude or "", None)
        # the best few of often thousands of hits at 100k stories (as sorted()[:n], stably); only
        # hits sharing at least as many keys as the n-th most are ranked by the full key
        counts = sorted(resolved.values(), reverse=True)
        floor = counts[min(len(counts), MAX_CANDIDATES) - 1] if counts else 0
        ranked = heapq.nsmallest(
            MAX_CANDIDATES,
            [kv for kv in resolved.items() if kv[1] >= floor],
            key=lambda kv: (-kv[1], -self.profiles[kv[0]].seq),
        )
        return [sid for sid, _ in ranked]

    def _candidate_features(self, prepared: _Prepared) -> list[tuple[str, dict[str, float]]]:
        probe = self._probe(prepared)
        return [
            (sid, scoring.pair_features(probe, self.profiles[sid])) for sid in self._lookup(prepared.vectors)
        ]

    def _joinable(self, prepared: _Prepared) -> list[tuple[str, float]]:
        """Candidate stories with the score the join holds against its threshold: an undated
        article needs a margin, a report within a story's dates gets a bonus. A story sure to
        stay under the threshold scores -inf, its cosines never worked out (see
        :func:`~storyline.stories.scoring.logit_reaching`): the join only ever meets the bar."""
        probe = self._probe(prepared)
        threshold, bonus = self.config.threshold, self.config.same_days_bonus
        scored = []
        for sid in self._lookup(prepared.vectors):
            profile = self.profiles[sid]
            if prepared.features.day is None:
                extra = -self._undated_margin(sid)
            else:
                extra = bonus * scoring.same_days(probe, profile) if bonus else 0.0
            score = scoring.logit_reaching(probe, profile, self._weights, threshold - extra)
            scored.append((sid, -math.inf if score is None else score + extra))
        return scored

    def _undated_margin(self, story_id: str) -> float:
        profile = self.profiles[story_id]
        return scoring.UNDATED_MARGIN if profile.first_day is not None and not profile.day_inferred else 0.0

    def _best_multilingual(self, prepared: _Prepared) -> tuple[str | None, float]:
        names = {f"n:{k}" for k in prepared.vectors["names"]}
        found = [self.resolve(s) for s in self.postings.lookup(names)]
        recent = sorted(self.profiles.values(), key=lambda p: -p.seq)[:RECENT_STORIES]
        pool = list(dict.fromkeys(found + [p.id for p in recent if p.id not in self.aliases]))
        if not pool:
            return None, float("-inf")
        model = self._multilingual or multilingual_embedder()
        missing = [sid for sid in pool if self.profiles[sid].multilingual is None]
        if missing:
            vectors = model.embed([self.profiles[sid].lead for sid in missing])
            for sid, vec in zip(missing, vectors, strict=True):
                self.profiles[sid].multilingual = vec
            self._unsaved.update(missing)
        mine = model.embed([prepared.features.lead])[0]
        probe = self._probe(prepared)
        best, score = None, float("-inf")
        for sid in pool:
            profile = self.profiles[sid]
            assert profile.multilingual is not None
            value = float(mine @ profile.multilingual) - 0.1 * scoring.time_penalty(probe, profile)
            if value > score:
                best, score = sid, value
        return best, score

    # --- stories ----------------------------------------------------------------------

    def _new_story(self, article: Article) -> str:
        base = f"st-{article.id[:12]}"
        story_id, n = base, 1
        while story_id in self.profiles or story_id in self.aliases:
            n += 1
            story_id = f"{base}-{n}"
        self.profiles[story_id] = StoryProfile(id=story_id, title="")
        return story_id

    def _add_to_story(self, story_id: str, article: Article, prepared: _Prepared) -> None:
        profile = self.profiles[story_id]
        profile.article_ids.append(article.id)
        profile.add(prepared.vectors, prepared.embedding)
        profile.widen(prepared.features.day, prepared.features.day_inferred)
        profile.seq = self.seq
        if article.published:
            profile.first_published = min(filter(None, (profile.first_published, article.published)))
            profile.last_published = max(filter(None, (profile.last_published, article.published)))
        if not profile.lead:
            profile.lead = prepared.features.lead
        # Title: the earliest canonical article's, by publication date, then arrival.
        key = (article.published or "9999", self.seq)
        current = self.title_keys.get(story_id)
        if current is None or key < current:
            self.title_keys[story_id] = key
            profile.title = story_title(article)
        for k, _ in top(prepared.vectors["terms"], QUERY_TERMS):
            self.postings.add(f"t:{k}", story_id)
        for k in prepared.vectors["names"]:
            self.postings.add(f"n:{k}", story_id)

    def resolve(self, story_id: str) -> str:
        """The live id of a story, following merges (a merged id stays resolvable)."""
        while story_id in self.aliases:
            story_id = self.aliases[story_id]
        return story_id

    def membership(self) -> dict[str, str]:
        """Article id -> live story id, for every article assigned so far."""
        return {a: self.resolve(s.story_id) for a, s in self.assignments.items()}

    def stories(self) -> list[Story]:
        """Live stories, oldest first."""
        out = []
        for profile in self.profiles.values():
            if profile.id in self.aliases:
                continue
            out.append(
                Story(
                    id=profile.id,
                    title=profile.title,
                    article_ids=tuple(profile.article_ids),
                    first_published=profile.first_published,
                    last_published=profile.last_published,
                    merged_from=tuple(profile.merged_from),
                )
            )
        return out

    def to_state(self) -> dict[str, Any]:
        """JSON-ready rows of the whole state; see :mod:`storyline.stories.state`."""
        from storyline.stories.state import to_state

        return to_state(self)

    def take_unsaved(self) -> set[str]:
        """Stories changed or merged away since the last call or the load: what a save writes."""
        unsaved, self._unsaved = self._unsaved, set()
        return unsaved

    def mark_unsaved(self, story_ids: set[str]) -> None:
        """Have the next save write these stories too (a state loaded from an older format)."""
        self._unsaved |= story_ids

    @classmethod
    def from_state(cls, state: dict[str, Any], config: GrouperConfig | None = None) -> StreamGrouper:
        """A grouper continuing the stream that ``state`` was taken from."""
        from storyline.stories.state import from_state

        return from_state(state, config)

    # --- consolidation ----------------------------------------------------------------

    def consolidate(self) -> list[Merge]:
        """Fold together stories that turned out to be one: each story changed since the last
        run is compared with its index candidates, profile against profile, and pairs scoring
        at least ``merge_threshold`` merge, best first. Returns the merges made."""
        made = Consolidation(self).run()
        self._dirty.clear()
        self.merges.extend(made)
        return made

    def changed(self) -> list[str]:
        """Live stories changed since the last consolidation, in id order."""
        return [sid for sid in sorted(self._dirty) if sid not in self.aliases and sid in self.profiles]

    def pair_score(self, a: scoring.Probe, b: StoryProfile) -> float:
        """The learned score of two stories being one."""
        return scoring.logit(scoring.pair_features(a, b), self._weights)

    def pair_score_reaching(self, a: scoring.Probe, b: StoryProfile, floor: float) -> float | None:
        """:meth:`pair_score`, or None when it is sure to stay under ``floor`` (see
        :func:`~storyline.stories.scoring.logit_reaching`)."""
        return scoring.logit_reaching(a, b, self._weights, floor)

    def merge_bar(self, a: scoring.Probe, b: StoryProfile) -> float:
        """The score two stories need to merge: lower when their real dates meet."""
        bar = self.config.merge_threshold
        if scoring.same_days(a, b):
            bar = min(bar, self.config.merge_threshold_dated)
        return bar

    def merge(self, kept: str, merged: str) -> Merge:
        """Fold ``merged`` into ``kept`` and return the record of it (``score`` left for the caller)."""
        self._merge(kept, merged)
        return Merge(kept, merged, 0.0, self.seq)

    def _merge(self, kept: str, merged: str) -> None:
        self.profiles[kept].absorb(self.profiles[merged])
        self.aliases[merged] = kept
        self._dirty.add(kept)
        self._dirty.discard(merged)
        self._unsaved.update((kept, merged))
        mine, theirs = self.title_keys.get(kept), self.title_keys.get(merged)
        if theirs is not None and (mine is None or theirs < mine):
            self.title_keys[kept] = theirs
            self.profiles[kept].title = self.profiles[merged].title
        for key in postings_keys(self.profiles[kept]):
            self.postings.add(key, kept)
        del self.profiles[merged]
