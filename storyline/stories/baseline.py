"""The naive baseline the grouper is measured against: TF-IDF single-pass clustering.

Plain lower-cased words minus English stop words, TF-IDF with IDF fitted on the whole set
(the baseline sees the future), cosine to each cluster's centroid, join the best above a
threshold. The benchmark sweeps the threshold on the very set it reports (an upper bound for
the method), as the shared bench README's figures do (ECB+ 0.871, BASIL 0.920).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from storyline.language.stopwords import STOPWORDS
from storyline.model import Article
from storyline.stories.index import dot, norm

THRESHOLDS: tuple[float, ...] = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
"""Thresholds the benchmark sweeps for the baseline."""

_WORD = re.compile(r"[^\W\d_]{2,}")


def tfidf_vectors(articles: Sequence[Article]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors (title + text), IDF over ``articles``."""
    bags = []
    for article in articles:
        text = f"{article.title or ''}\n{article.text}".lower()
        bags.append(Counter(w for w in _WORD.findall(text) if w not in STOPWORDS))
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    out = []
    for bag in bags:
        vec = {k: tf * (math.log((1 + n) / (1 + df[k])) + 1) for k, tf in bag.items()}
        length = norm(vec) or 1.0
        out.append({k: v / length for k, v in vec.items()})
    return out


def single_pass(vectors: Sequence[dict[str, float]], threshold: float) -> list[int]:
    """Cluster numbers, in stream order: join the most similar centroid at ``threshold`` or more."""
    centroids: list[dict[str, float]] = []
    lengths: list[float] = []
    labels: list[int] = []
    postings: dict[str, set[int]] = {}
    for vec in vectors:
        candidates: set[int] = set()
        for key in vec:
            candidates |= postings.get(key, set())
        best, best_score = -1, threshold
        for c in candidates:
            score = dot(vec, centroids[c]) / lengths[c]
            if score >= best_score:
                best, best_score = c, score
        if best < 0:
            best = len(centroids)
            centroids.append({})
            lengths.append(0.0)
        centroid = centroids[best]
        for key, value in vec.items():
            centroid[key] = centroid.get(key, 0.0) + value
            postings.setdefault(key, set()).add(best)
        lengths[best] = norm(centroid)
        labels.append(best)
    return labels


def tfidf_stream(articles: Sequence[Article], threshold: float = 0.3) -> dict[str, str]:
    """Article id -> cluster id of the baseline at one threshold."""
    labels = single_pass(tfidf_vectors(articles), threshold)
    return {a.id: f"c{label}" for a, label in zip(articles, labels, strict=True)}
