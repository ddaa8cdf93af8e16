"""The grouper's state as plain rows, so the store can persist it and a later process continue.

``to_state`` gives one JSON-ready dict (``format: storyline.grouper/1``) made of:

* ``stories``: one row per live story (id, title, article ids, pruned channel sums, embedding
  sum, time span, merged_from, …): a natural ``stories_state`` table, one JSON column per row;
* ``articles``: one row per assigned article (article_id, story_id, score, reason);
* ``aliases`` (merged id -> kept id) and ``merges`` (the consolidation log);
* ``doc_freq`` and ``pieces``: the stream's document frequencies, and ``seq``/``n`` counters.

The store keeps it split (:func:`saved_state`, :func:`from_rows`): a small ``head``
(``format: storyline.grouper/2``: the counters, document frequencies, aliases and merges), one
row per story profile, rewritten only when the story changed, and the articles' rows, which are
the store's own assignments. Why: whole, the state is ~230 MB of JSON at 100,000 articles, nearly
all of it profiles, and a watcher adding a few articles a round paid seconds in proportion to
the store to write it; split, a save costs in proportion to the stories the pass changed.

Posting lists are not stored: they are rebuilt from the story profiles in recency order, which
finds the same candidates for all but the oldest stories of very common keys.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from storyline.model import StoryAssignment
from storyline.stories.consolidation import Merge
from storyline.stories.grouper import GrouperConfig, StreamGrouper
from storyline.stories.index import CHANNELS, StoryProfile, postings_keys

FORMAT = "storyline.grouper/1"
HEAD_FORMAT = "storyline.grouper/2"


@dataclass(frozen=True)
class SavedState:
    """What a save writes: the head, the changed stories' rows, the stories merged away."""

    head: str
    profiles: dict[str, str]
    dropped: tuple[str, ...]


def _floats(vec: Any) -> list[float] | None:
    return None if vec is None else [round(float(x), 6) for x in vec]


def _array(values: list[float] | None) -> Any:
    return None if values is None else np.asarray(values, dtype=np.float32)


def story_row(profile: StoryProfile, title_key: tuple[str, int] | None) -> dict[str, Any]:
    """One story as a JSON-ready row."""
    return {
        "id": profile.id,
        "title": profile.title,
        "article_ids": list(profile.article_ids),
        "sums": {c: {k: round(v, 6) for k, v in profile.sums[c].items()} for c in CHANNELS},
        "embedding": _floats(profile.embedding),
        "multilingual": _floats(profile.multilingual),
        "lead": profile.lead,
        "first_day": profile.first_day,
        "last_day": profile.last_day,
        "day_inferred": profile.day_inferred,
        "first_published": profile.first_published,
        "last_published": profile.last_published,
        "merged_from": list(profile.merged_from),
        "seq": profile.seq,
        "title_key": list(title_key) if title_key else None,
    }


def profile_from_row(row: dict[str, Any]) -> StoryProfile:
    """The inverse of :func:`story_row` (norms are recomputed)."""
    profile = StoryProfile(id=row["id"], title=row["title"], article_ids=list(row["article_ids"]))
    profile.sums = {c: {k: float(v) for k, v in row["sums"].get(c, {}).items()} for c in CHANNELS}
    profile.norms = {c: float(np.sqrt(sum(v * v for v in profile.sums[c].values()))) for c in CHANNELS}
    profile.embedding = _array(row.get("embedding"))
    profile.multilingual = _array(row.get("multilingual"))
    profile.lead = row.get("lead", "")
    profile.first_day, profile.last_day = row.get("first_day"), row.get("last_day")
    profile.day_inferred = bool(row.get("day_inferred"))
    profile.first_published, profile.last_published = row.get("first_published"), row.get("last_published")
    profile.merged_from = list(row.get("merged_from", []))
    profile.seq = int(row.get("seq", 0))
    return profile


def _head(grouper: StreamGrouper) -> dict[str, Any]:
    return {
        "seq": grouper.seq,
        "n": grouper.df.n,
        "doc_freq": {c: dict(grouper.df.counts[c]) for c in CHANNELS},
        "pieces": {str(k): v for k, v in grouper.df.pieces.items()},
        "aliases": dict(grouper.aliases),
        "merges": [
            {"kept": m.kept, "merged": m.merged, "score": m.score, "at": m.at} for m in grouper.merges
        ],
    }


def to_state(grouper: StreamGrouper) -> dict[str, Any]:
    """Everything a later process needs to continue the stream, as one dict."""
    return {
        "format": FORMAT,
        **_head(grouper),
        "stories": [story_row(p, grouper.title_keys.get(p.id)) for p in grouper.profiles.values()],
        "articles": [
            {"article_id": a.article_id, "story_id": a.story_id, "score": a.score, "reason": a.reason}
            for a in grouper.assignments.values()
        ],
    }


def saved_state(grouper: StreamGrouper) -> SavedState:
    """The head and the rows of the stories changed since the last save (see the module doc)."""
    head = json.dumps({"format": HEAD_FORMAT, **_head(grouper)}, separators=(",", ":"))
    profiles, dropped = {}, []
    for story_id in sorted(grouper.take_unsaved()):
        profile = grouper.profiles.get(story_id)
        if profile is None:
            dropped.append(story_id)
        else:
            row = story_row(profile, grouper.title_keys.get(story_id))
            profiles[story_id] = json.dumps(row, separators=(",", ":"))
    return SavedState(head, profiles, tuple(dropped))


def from_state(state: dict[str, Any], config: GrouperConfig | None = None) -> StreamGrouper:
    """A grouper that continues the stream ``state`` (of :func:`to_state`) was taken from.

    Its stories all count as unsaved, so that saving it with :func:`saved_state` writes them all.
    """
    if state.get("format") != FORMAT:
        raise ValueError(f"not a grouper state of format {FORMAT}: {state.get('format')!r}")
    assignments = (
        StoryAssignment(row["article_id"], row["story_id"], float(row["score"]), row["reason"])
        for row in state["articles"]
    )
    grouper = _restore(state, state["stories"], assignments, config)
    grouper.mark_unsaved(set(grouper.profiles))
    return grouper


def from_rows(
    head: dict[str, Any],
    profiles: Iterable[str],
    assignments: Iterable[StoryAssignment],
    config: GrouperConfig | None = None,
) -> StreamGrouper:
    """A grouper continuing the stream from a saved head, its stories' JSON rows and the
    store's assignments (each article's story, or the story it was since merged into)."""
    if head.get("format") != HEAD_FORMAT:
        raise ValueError(f"not a grouper state head of format {HEAD_FORMAT}: {head.get('format')!r}")
    return _restore(head, [json.loads(row) for row in profiles], assignments, config)


def _restore(
    head: dict[str, Any],
    rows: list[dict[str, Any]],
    assignments: Iterable[StoryAssignment],
    config: GrouperConfig | None,
) -> StreamGrouper:
    grouper = StreamGrouper(config)
    grouper.seq = int(head["seq"])
    grouper.df.n = int(head["n"])
    grouper.df.counts = {c: Counter(head["doc_freq"].get(c, {})) for c in CHANNELS}
    grouper.df.pieces = Counter({int(k): v for k, v in head.get("pieces", {}).items()})
    for row in sorted(rows, key=lambda r: r.get("seq", 0)):
        profile = profile_from_row(row)
        grouper.profiles[profile.id] = profile
        if row.get("title_key"):
            grouper.title_keys[profile.id] = (str(row["title_key"][0]), int(row["title_key"][1]))
        for key in postings_keys(profile):
            grouper.postings.add(key, profile.id)
    for assignment in assignments:
        grouper.assignments[assignment.article_id] = assignment
    grouper.aliases = dict(head.get("aliases", {}))
    grouper.merges = [
        Merge(m["kept"], m["merged"], float(m["score"]), int(m["at"])) for m in head.get("merges", [])
    ]
    return grouper
