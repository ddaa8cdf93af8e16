"""The grouping index: document frequencies, story profiles, and an inverted index of stories.

Why an inverted index (and not LSH or an ANN index over embeddings): an article's rarest terms
and its names are what tie it to its story, so looking up the stories that share them finds the
right one almost always (on ECB+ and BASIL the gold story was among the candidates for >99% of
articles), and a lookup costs the same at 1k or 100k stored articles because every posting list
keeps only its :data:`POSTING_CAP` most recent stories (news streams arrive roughly in time
order, and a story older than the cap on all its keys is old news). An embedding ANN index
would need a native dependency and still miss the name matches that decide ECB+.

A story's profile is the sum of its articles' unit vectors per channel, pruned to the heaviest
keys so its size stays bounded however many articles join.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter, mul

import numpy as np
import numpy.typing as npt

Vector = dict[str, float]
Floats = npt.NDArray[np.float32]

CHANNELS: tuple[str, ...] = ("terms", "names", "places", "numbers", "years")
"""The sparse feature channels, each weighted by its own document frequencies."""

PROFILE_CAP: dict[str, int] = {"terms": 96, "names": 48, "places": 16, "numbers": 24, "years": 8}
"""Keys kept per channel of a story profile. Pruning to these sizes changed ECB+ dev B³ F1 by
less than 0.002 against unpruned profiles, and bounds memory and scoring time per story."""
POSTING_CAP = 48
"""Most recent stories kept per index key. 48 lost no gold candidate on ECB+/BASIL; at 100k
articles it keeps a lookup under 1 ms."""
QUERY_TERMS = 12
"""An article looks up its highest-weighted terms (plus all its names): swept 8–20, 12 found the
gold story as often as 20 at two-thirds of the cost."""
MAX_CANDIDATES = 24
"""Stories scored in full per article, those sharing the most looked-up keys first."""


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency; never below 1 so a key seen everywhere still counts a little."""
    return math.log((n + 1) / (df + 1)) + 1.0


def weigh(bag: Mapping[str, float], df: Mapping[str, int], n: int) -> Vector:
    """A unit TF-IDF vector with sublinear term frequency (1 + log tf)."""
    vec = {k: (1.0 + math.log(tf)) * idf(df.get(k, 0), n) for k, tf in bag.items() if tf > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sparse dot product (iterates the smaller side)."""
    if len(a) > len(b):
        a, b = b, a
    # only the shared keys, in the smaller side's order: the keys it lacks added 0.0, which
    # leaves a float sum unchanged, so the result is the full product's to the last bit
    shared = list(filter(b.__contains__, a))
    return float(sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared))))


def norm(a: Mapping[str, float]) -> float:
    """Euclidean length of a sparse vector."""
    return math.sqrt(sum(v * v for v in a.values()))


def top(vec: Mapping[str, float], k: int) -> list[tuple[str, float]]:
    """The ``k`` heaviest keys, equal weights in key order.

    Two sorts keyed in C (by key, then stably by weight, heaviest first) rather than one keyed
    by a Python function of both: that function ran once per key, for every article's query
    terms and every story's prominent keys, ~6% of the grouping client's time."""
    ranked = sorted(vec.items(), key=itemgetter(0))
    ranked.sort(key=itemgetter(1), reverse=True)
    return ranked[:k]


@dataclass
class DocFreq:
    """Document frequencies per channel, updated as articles arrive (IDF from the stream itself)."""

    n: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {c: Counter() for c in CHANNELS})
    pieces: Counter[int] = field(default_factory=Counter)
    """Word-piece frequencies, for the embedding's IDF weights."""

    def add(self, bags: Mapping[str, Iterable[str]]) -> None:
        """Count one article's keys."""
        self.n += 1
        for channel, keys in bags.items():
            self.counts[channel].update(set(keys))


@dataclass
class StoryProfile:
    """What the index knows of one story: pruned channel sums, embedding sum, time span."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    sums: dict[str, Vector] = field(default_factory=lambda: {c: {} for c in CHANNELS})
    norms: dict[str, float] = field(default_factory=lambda: {c: 0.0 for c in CHANNELS})
    embedding: Floats | None = None
    multilingual: Floats | None = None
    """Multilingual embedding of the story's first article, computed only when a report in
    another language asks for it."""
    lead: str = ""
    """Title and lead of the story's first article (what the multilingual model reads)."""
    first_day: float | None = None
    last_day: float | None = None
    day_inferred: bool = False
    first_published: str | None = None
    last_published: str | None = None
    merged_from: list[str] = field(default_factory=list)
    prominent: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    """Cache of the heaviest keys per channel, cleared whenever the sums change."""
    seq: int = 0
    """Arrival number of the story's latest article: the recency order of posting lists."""
    _norm: tuple[Floats, float] | None = field(default=None, compare=False, repr=False)
    """The embedding sum and its length, worked out once per sum (see :meth:`embedding_norm`)."""

    def embedding_norm(self) -> float:
        """The length of the embedding sum (0.0 without one), kept with the very array it was
        worked out of: every candidate scored against the story needs it."""
        if self.embedding is None:
            return 0.0
        cached = self._norm
        if cached is None or cached[0] is not self.embedding:
            cached = self._norm = (self.embedding, float(np.linalg.norm(self.embedding)))
        return cached[1]

    def add(self, vectors: Mapping[str, Vector], embedding: Floats | None) -> None:
        """Fold one article's unit vectors into the profile, pruning each channel to its cap."""
        self.prominent.clear()
        for channel, vec in vectors.items():
            total = self.sums[channel]
            for key, value in vec.items():
                total[key] = total.get(key, 0.0) + value
            cap = PROFILE_CAP[channel]
            if len(total) > 2 * cap:
                total = dict(top(total, cap))
                self.sums[channel] = total
            self.norms[channel] = norm(total)
        if embedding is not None:
            self.embedding = embedding.copy() if self.embedding is None else self.embedding + embedding

    def heaviest(self, channel: str, k: int) -> list[tuple[str, float]]:
        """The ``k`` heaviest keys of a channel (cached until the next change)."""
        cached = self.prominent.get(channel)
        if cached is None or len(cached) < k:
            cached = self.prominent[channel] = top(self.sums[channel], k)
        return cached[:k]

    def absorb(self, other: StoryProfile) -> None:
        """Take in another story's profile (consolidation)."""
        self.add(other.sums, other.embedding)
        self.article_ids.extend(other.article_ids)
        for day in (other.first_day, other.last_day):
            self.widen(day, other.day_inferred)
        self.first_published = _min_opt(self.first_published, other.first_published)
        self.last_published = _max_opt(self.last_published, other.last_published)
        self.merged_from.extend([other.id, *other.merged_from])
        self.seq = max(self.seq, other.seq)

    def widen(self, day: float | None, inferred: bool) -> None:
        """Stretch the story's time span to cover ``day``."""
        if day is None:
            return
        self.first_day = day if self.first_day is None else min(self.first_day, day)
        self.last_day = day if self.last_day is None else max(self.last_day, day)
        self.day_inferred = self.day_inferred or inferred


def _min_opt(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _max_opt(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


class Postings:
    """Key -> most recent stories that have it (a bounded deque per key)."""

    def __init__(self) -> None:
        self._lists: dict[str, deque[str]] = {}
        self._changes: set[str] | None = None

    def add(self, key: str, story_id: str) -> None:
        """Record that ``story_id`` has ``key`` (moving it to the recent end)."""
        posting = self._lists.get(key)
        if posting is None:
            posting = self._lists[key] = deque(maxlen=POSTING_CAP)
        elif story_id in posting:
            if posting[-1] == story_id:
                return
            posting.remove(story_id)
            posting.append(story_id)
            return
        if self._changes is not None:
            self._changes.add(key)
        posting.append(story_id)

    def stories(self, key: str) -> tuple[str, ...]:
        """The stories posted under ``key``, oldest first."""
        posting = self._lists.get(key)
        return tuple(posting) if posting else ()

    def track_changes(self) -> set[str]:
        """Start noting the keys whose stories change (a story added or pushed out, not
        reordered): the returned set fills until :meth:`stop_tracking`. Lets a reader that
        copied some postings (:mod:`~storyline.stories.merge_lookup`) know which went stale."""
        self._changes = set()
        return self._changes

    def stop_tracking(self) -> None:
        """Stop noting changed keys."""
        self._changes = None

    def lookup(self, keys: Iterable[str]) -> Counter[str]:
        """Stories sharing any of ``keys``, with how many keys each shares."""
        # one count over the postings chained (the same counts, met in the same order) rather
        # than an update per key: consolidation looks up ~55 keys per story, 355k times at 100k
        return Counter(chain.from_iterable(filter(None, map(self._lists.get, keys))))

    def __len__(self) -> int:
        return len(self._lists)


def postings_keys(profile: StoryProfile) -> list[str]:
    """Index keys of a story profile (after a merge, or when restoring a saved state)."""
    keys = [f"t:{k}" for k, _ in top(profile.sums["terms"], 4 * QUERY_TERMS)]
    return keys + [f"n:{k}" for k in profile.sums["names"]]
