"""Clustering metrics for story grouping: B³ precision/recall/F1, adjusted Rand, split and mixed shares.

B³ follows Bagga & Baldwin (1998): per-item precision and recall averaged over items. The
adjusted Rand index is the usual pair-counting agreement corrected for chance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from math import comb

Gold = Mapping[str, Hashable]
"""Article id -> gold story label."""
Pred = Mapping[str, Hashable]
"""Article id -> predicted story id."""


def _clusters(labels: Mapping[str, Hashable]) -> dict[Hashable, set[str]]:
    out: dict[Hashable, set[str]] = {}
    for item, label in labels.items():
        out.setdefault(label, set()).add(item)
    return out


def bcubed(gold: Gold, pred: Pred) -> tuple[float, float, float]:
    """B³ precision, recall and F1 over the items both clusterings label.

    Per item: precision = |pred cluster ∩ gold cluster| / |pred cluster|, recall = the same over
    |gold cluster|; both averaged over items, F1 their harmonic mean.
    """
    items = [i for i in gold if i in pred]
    if not items:
        return 0.0, 0.0, 0.0
    keep = set(items)
    gold_c = _clusters({i: gold[i] for i in keep})
    pred_c = _clusters({i: pred[i] for i in keep})
    precision = recall = 0.0
    for item in items:
        g, p = gold_c[gold[item]], pred_c[pred[item]]
        shared = len(g & p)
        precision += shared / len(p)
        recall += shared / len(g)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(gold: Gold, pred: Pred) -> float:
    """The adjusted Rand index (Hubert & Arabie 1985) over the items both label; 1.0 when both
    clusterings are trivially identical (a single cluster or all singletons on both sides)."""
    items = [i for i in gold if i in pred]
    n = len(items)
    if n < 2:
        return 1.0
    table = Counter((gold[i], pred[i]) for i in items)
    rows = Counter(gold[i] for i in items)
    cols = Counter(pred[i] for i in items)
    index = sum(comb(v, 2) for v in table.values())
    sum_rows = sum(comb(v, 2) for v in rows.values())
    sum_cols = sum(comb(v, 2) for v in cols.values())
    expected = sum_rows * sum_cols / comb(n, 2)
    maximum = (sum_rows + sum_cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def split_share(gold: Gold, pred: Pred) -> float:
    """Share of gold stories whose articles ended in more than one predicted story."""
    gold_c = _clusters({i: gold[i] for i in gold if i in pred})
    if not gold_c:
        return 0.0
    return sum(len({pred[i] for i in members}) > 1 for members in gold_c.values()) / len(gold_c)


def mixed_share(gold: Gold, pred: Pred) -> float:
    """Share of predicted stories of two or more articles that hold articles of two gold stories."""
    pred_c = _clusters({i: pred[i] for i in pred if i in gold})
    multi = [members for members in pred_c.values() if len(members) > 1]
    if not multi:
        return 0.0
    return sum(len({gold[i] for i in members}) > 1 for members in multi) / len(multi)


def scores(gold: Gold, pred: Pred, items: Iterable[str] | None = None) -> dict[str, float]:
    """Every figure of one clustering, optionally restricted to ``items`` (a held-out part)."""
    if items is not None:
        keep = set(items)
        gold = {i: g for i, g in gold.items() if i in keep}
        pred = {i: p for i, p in pred.items() if i in keep}
    precision, recall, f1 = bcubed(gold, pred)
    return {
        "b3_precision": round(precision, 4),
        "b3_recall": round(recall, 4),
        "b3_f1": round(f1, 4),
        "ari": round(adjusted_rand(gold, pred), 4),
        "split_share": round(split_share(gold, pred), 4),
        "mixed_share": round(mixed_share(gold, pred), 4),
        "stories": len(set(pred.values())),
    }
