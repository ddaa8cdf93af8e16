"""Candidate look-ups for consolidation, counted over story numbers with numpy.

Why not :meth:`StreamGrouper.lookup <storyline.stories.grouper.StreamGrouper>`'s own look-up:
consolidation looks up a changed story's keys again every time a merge meets one of its
candidates, ~220 stories a merge and 355,631 look-ups for 1,603 merges at 100k articles. Each
chains ~2,700 story ids from ~60 postings, counts them in a dict, folds merged ids into their
story and ranks ~850 hits: ~370 µs, half of consolidation and ~130 s of the grouping client at
100k. Here each posting is kept as an array of story numbers, built the first time a look-up
needs it and dropped when a merge changes that posting, so a look-up is a handful of array
operations over the same ids.

The candidates are the same stories in the same order: those sharing the most keys with the
story (merged ids counted for the story they were merged into), more recent first (by
``seq``), the story itself left out. Live stories have distinct ``seq`` values, so that order
is total; should two share one (a state saved before ``seq`` was kept), the id decides here,
where the dict look-up kept the order the hits were met in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storyline.stories.index import MAX_CANDIDATES, Postings

if TYPE_CHECKING:
    from storyline.stories.grouper import StreamGrouper

Numbers = npt.NDArray[np.int64]

SEQ_SPAN = 1 << 40
"""Above any ``seq``: a hit's rank key is ``count * SEQ_SPAN + seq``."""


class MergeLookup:
    """Ranked candidate stories for a story's look-up keys, kept current across merges.

    Made for one consolidation run: the postings may change between runs without it knowing.
    Call :meth:`merged` after every merge the run makes.
    """

    def __init__(self, grouper: StreamGrouper) -> None:
        self._grouper = grouper
        self._postings: Postings = grouper.postings
        self._numbers: dict[str, int] = {}
        self._ids: list[str] = []
        self._root: Numbers = np.zeros(0, dtype=np.int64)
        """Story number -> the number of the live story it now counts for."""
        self._seq: Numbers = np.zeros(0, dtype=np.int64)
        self._arrays = _Arrays(self._array)
        for story_id in [*grouper.profiles, *grouper.aliases]:
            self._number(story_id)

    def ranked(self, keys: list[str], exclude: str) -> list[str]:
        """The candidate stories for ``keys``, best first (at most :data:`MAX_CANDIDATES`).

        The keys' postings are counted per story with ``bincount`` rather than ``unique``
        (sorting ~2,700 numbers was most of a look-up), then only the hits sharing as many keys
        as the :data:`MAX_CANDIDATES`-th best story are ranked."""
        if not keys:
            return []
        hits = self._root[np.concatenate(list(map(self._arrays.__getitem__, keys)))]
        counts = np.bincount(hits, minlength=len(self._ids))
        counts[self._root[self._number(exclude)]] = 0
        shared = counts[hits]
        pool = np.unique(hits[shared >= _floor(shared)])
        rank = counts[pool] * SEQ_SPAN + self._seq[pool]
        ids = self._ids
        best = sorted(zip((-rank).tolist(), (ids[n] for n in pool.tolist()), strict=True))
        return [story_id for _, story_id in best[:MAX_CANDIDATES]]

    def merged(self, kept: str, merged: str, changed_keys: set[str]) -> None:
        """Account for a merge of ``merged`` into ``kept``: every id that counted for ``merged``
        now counts for ``kept``, whose ``seq`` may have moved, and the postings of
        ``changed_keys`` are read again when next needed."""
        number, gone = self._number(kept), self._number(merged)
        self._root[self._root == gone] = number
        self._seq[number] = self._grouper.profiles[kept].seq
        for key in changed_keys:
            self._arrays.pop(key, None)

    def _array(self, key: str) -> Numbers:
        """A posting's story numbers, read from the postings (empty for a key never posted)."""
        return np.array([self._number(s) for s in self._postings.stories(key)], dtype=np.int64)

    def _number(self, story_id: str) -> int:
        number = self._numbers.get(story_id)
        if number is None:
            number = self._numbers[story_id] = len(self._ids)
            self._ids.append(story_id)
            if number >= len(self._root):
                size = max(1024, 2 * len(self._root))
                self._root = np.resize(self._root, size)
                self._seq = np.resize(self._seq, size)
            grouper = self._grouper
            live = grouper.resolve(story_id)
            self._root[number] = number if live == story_id else self._number(live)
            profile = grouper.profiles.get(story_id)
            self._seq[number] = profile.seq if profile is not None else 0
        return number


class _Arrays(dict[str, Numbers]):
    """Posting arrays by key, each read the first time it is asked for (a look-up fetches
    ~60 of them at once, mostly already read, in one ``map``)."""

    def __init__(self, read: Callable[[str], Numbers]) -> None:
        super().__init__()
        self._read = read

    def __missing__(self, key: str) -> Numbers:
        array = self[key] = self._read(key)
        return array


def _floor(shared: Numbers) -> int:
    """The number of keys the :data:`MAX_CANDIDATES`-th best story shares (1 when fewer stories
    share any), from each hit's story count (0 for stories left out).

    A story sharing ``v`` keys is hit ``v`` times, so ``bincount(shared)[v] // v`` stories
    share exactly ``v``."""
    occurrences = np.bincount(shared)
    stories = occurrences[1:] // np.arange(1, len(occurrences))
    at_least = np.cumsum(stories[::-1])
    reached = int(np.searchsorted(at_least, MAX_CANDIDATES))
    return len(occurrences) - 1 - reached if reached < len(at_least) else 1
