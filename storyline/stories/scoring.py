"""How well an article fits a story: one number from several signals, each measurable alone.

The score is a logistic-regression logit over pair features. Its weights were fitted (by
``python bench/grouping.py --fit``) on teacher-forced candidate pairs: the ECB+ dev topics (odd
numbers) and the BASIL dev years streamed in orders 10 and 11, each set weighted equally, so no
reported order (0, 1, 2) and no held-out topic or year was seen. The join threshold was then
swept on the same dev streams.

Signals (the ablation unit, see :data:`SIGNALS`):

* ``terms``: cosine of TF-IDF word stems (title and lead counted twice) to the story centroid;
* ``names``: cosine of capitalised names and their one-word aliases, plus how much of the
  article's (and the story's) three most prominent names the other side never mentions. Two
  events of one kind share words but rarely their people: "Klitschko beats Rahman" against
  "Klitschko beats Thompson";
* ``places``: names after "in/at/near" and datelines;
* ``numbers``: numbers and years written in the text, plus how much of the story's prominent
  numbers the article lacks (tolls, scores, dates in the header);
* ``embedding``: cosine of the static MiniLM embeddings of title + lead;
* ``time``: how far the article's day lies outside the story's span, past a grace of
  :data:`GRACE_DAYS`, saturating at :data:`SCALE_DAYS` further days. Saturation keeps a trial two
  years after the crime (the same ECB+ story) reachable on overwhelming content, while two
  similar events a week apart fall below the threshold. With metadata dates the penalty keeps
  growing past that (:data:`LONG_SCALE_DAYS`). Dates guessed from the header lines saturate and
  count with their own (fitted, small) weight: they are often a page's "updated" date; ECB+'s
  only dates are of that kind. Undated articles get no time evidence either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from storyline.stories.index import CHANNELS, Floats, StoryProfile, Vector, dot, top

FEATURES: tuple[str, ...] = (
    "terms",
    "names",
    "places",
    "numbers",
    "years",
    "embedding",
    "names_missing_article",
    "names_missing_story",
    "numbers_missing_story",
    "time_gap",
    "time_gap_inferred",
)

SIGNALS: dict[str, tuple[str, ...]] = {
    "terms": ("terms",),
    "names": ("names", "names_missing_article", "names_missing_story"),
    "places": ("places",),
    "numbers": ("numbers", "years", "numbers_missing_story"),
    "embedding": ("embedding",),
    "time": ("time_gap", "time_gap_inferred"),
}
"""Signal -> the features it owns; ablations switch whole signals off and refit."""

WEIGHTS: dict[str, float] = {
    "terms": 2.971,
    "names": 2.842,
    "places": 0.863,
    "numbers": 2.603,
    "years": 1.82,
    "embedding": 2.291,
    "names_missing_article": -1.682,
    "names_missing_story": -2.554,
    "numbers_missing_story": -1.869,
    "time_gap": -3.162,
    "time_gap_inferred": -0.249,
    "bias": -1.495,
}
"""Fitted logit weights (see the module docstring); ``bench/grouping.py --fit`` prints them."""

JOIN_THRESHOLD = -1.0
"""An article joins its best story when the logit reaches this (p ≈ 0.27). Swept −2…−0.5 on the dev
streams (orders 10–12): ECB+ dev B³ F1 0.876/0.884/0.890/0.880 at −2/−1.5/−1/−0.5, BASIL dev
0.980/0.970/0.957/0.939: −1 for the harder set."""
MERGE_THRESHOLD = 4.0
"""Consolidation merges two stories whose profiles score at least this (p ≈ 0.98). Swept 1–4 on
the dev streams: below 3 nearly every merge joined the two events of one ECB+ topic (dev F1
0.890 → 0.867 at 1); at 4 merges are rare and safe. Story profiles are averages, so their
cosines run higher than an article's: the bar must be higher than the join's."""
MERGE_THRESHOLD_DATED = 0.5
"""The bar for two stories whose publication dates meet (within the grace): the same days are
evidence an undated ECB+ story never has. 0.5 (p ≈ 0.62) merged the split reports of the example
earthquake (story pair at 0.67); on BASIL (all dated) see the benchmark figures."""
GRACE_DAYS = 3.0
"""Days outside a story's span that cost nothing: follow-ups, time zones, late reports."""
SCALE_DAYS = 7.0
"""Further days over which the time penalty grows to its full weight (1)."""
LONG_SCALE_DAYS = 10.0
"""Past grace + scale, each such span adds 1 more: with metadata dates, a report weeks away from a
story needs ever more content to join, and a near-identical text months later (an anniversary,
a recurring event) starts a new story. Fitted weights saw gaps of at most 4 days (BASIL), so this
slope was set on the synthetic scale stream, not fitted."""
PROMINENT = 3
"""Names or numbers counted as an article's or story's most prominent (swept 1–5: 3 best)."""


@dataclass(frozen=True)
class Probe:
    """One side of a comparison: an article's unit vectors (or a story's normalised sums)."""

    vectors: Mapping[str, Vector]
    embedding: Floats | None
    first_day: float | None
    last_day: float | None
    day_inferred: bool


def _missing(prominent: list[tuple[str, float]], other: Mapping[str, float]) -> float:
    total = sum(w for _, w in prominent)
    if not total or not other:
        return 0.0
    return sum(w for k, w in prominent if k not in other) / total


def time_penalty(probe: Probe, story: StoryProfile, saturate: bool = False) -> float:
    """0 inside the story's span plus grace, rising linearly to 1 over :data:`SCALE_DAYS`, then by
    1 every :data:`LONG_SCALE_DAYS` more (unless ``saturate``, for dates guessed from the text)."""
    if probe.first_day is None or probe.last_day is None or story.first_day is None or story.last_day is None:
        return 0.0
    gap = max(0.0, story.first_day - probe.last_day, probe.first_day - story.last_day) - GRACE_DAYS
    near = min(1.0, max(0.0, gap / SCALE_DAYS))
    return near if saturate else near + max(0.0, gap - SCALE_DAYS) / LONG_SCALE_DAYS


def pair_features(probe: Probe, story: StoryProfile) -> dict[str, float]:
    """The feature values of ``probe`` against ``story``."""
    out = {
        c: (dot(probe.vectors[c], story.sums[c]) / story.norms[c] if story.norms[c] else 0.0)
        for c in CHANNELS
    }
    if probe.embedding is not None and story.embedding is not None:
        length = float(np.linalg.norm(story.embedding))
        out["embedding"] = float(probe.embedding @ story.embedding) / length if length else 0.0
    else:
        out["embedding"] = 0.0
    names = probe.vectors["names"]
    out["names_missing_article"] = _missing(top(names, PROMINENT), story.sums["names"])
    out["names_missing_story"] = _missing(story.heaviest("names", PROMINENT), names)
    out["numbers_missing_story"] = _missing(story.heaviest("numbers", PROMINENT), probe.vectors["numbers"])
    inferred = probe.day_inferred or story.day_inferred
    penalty = time_penalty(probe, story, saturate=inferred)
    out["time_gap"] = 0.0 if inferred else penalty
    out["time_gap_inferred"] = penalty if inferred else 0.0
    return out


def logit(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The weighted sum plus bias."""
    return weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())


def restrict(weights: Mapping[str, float], signals: frozenset[str]) -> dict[str, float]:
    """``weights`` with every feature of a signal outside ``signals`` set to zero."""
    keep = {f for s in signals for f in SIGNALS[s]}
    return {k: (v if k == "bias" or k in keep else 0.0) for k, v in weights.items()}


def fit_logistic(rows: list[tuple[dict[str, float], bool, float]], l2: float = 1e-4) -> dict[str, float]:
    """Weighted L2 logistic regression by Newton's method: ``rows`` are (features, joined?, weight)."""
    names = list(FEATURES)
    x = np.array([[r[0][k] for k in names] + [1.0] for r in rows], dtype=np.float64)
    y = np.array([1.0 if r[1] else 0.0 for r in rows])
    sw = np.array([r[2] for r in rows], dtype=np.float64)
    sw = sw / sw.mean()
    active = np.abs(x).sum(axis=0) > 0
    w = np.zeros(x.shape[1])
    ridge = l2 * np.eye(x.shape[1])
    ridge[-1, -1] = 0.0
    for _ in range(60):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (sw * (p - y)) / len(y) + ridge @ w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x / len(y) + ridge + np.diag(~active) * 1.0
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    fitted = {k: round(float(v), 3) for k, v in zip(names, w[:-1], strict=True)}
    fitted["bias"] = round(float(w[-1]), 3)
    return fitted
