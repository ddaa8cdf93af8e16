"""Story grouping benchmark: ECB+ (three shuffled orders) and BASIL, next to the naive baseline.

    python bench/grouping.py [--data DIR] [--json] [--ablations] [--fit] [--scale N]

Prints storyline's B³ precision/recall/F1, ARI, the share of gold stories split and of predicted
stories mixing two events, per order, beside TF-IDF single-pass clustering computed in the same
run (its threshold swept on the reported set: an upper bound for it). ``--ablations`` adds each
signal alone and all-but-one (weights refitted on the dev parts each time; a few minutes);
``--fit`` prints freshly fitted weights (to paste into ``storyline/stories/scoring.py``);
``--scale N`` streams N synthetic articles built from the benchmark texts (see
:func:`synthetic_stream`) and prints ms per article at 1k, 10k, 100k stored, throughput and
peak memory (N=100000 takes several minutes).

DIR is the shared bench folder; by default ``$STORYLINE_BENCH``, else ``../shared/bench`` from the
working directory, else ``/work/shared/bench``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from storyline.evaluate.clustering import scores
from storyline.evaluate.grouping import (
    ablations,
    evaluate_basil,
    evaluate_ecbplus,
    fit_weights,
    load_basil,
    load_ecbplus,
)
from storyline.evaluate.sets import default_bench_dir
from storyline.model import Article
from storyline.stories import StreamGrouper

ARTICLES_PER_DAY = 10
"""Synthetic stream density. Only 186 gold stories feed it, so each recurs as a new event about
every 140 days at 100k articles; denser, the same texts would recur within weeks."""
MEASURE_WINDOW = 500
"""Articles timed at each measuring point (1k, 10k, 100k stored)."""

COLUMNS = ("b3_precision", "b3_recall", "b3_f1", "ari", "split_share", "mixed_share", "stories")


def _row(label: str, figures: dict[str, float]) -> str:
    return f"  {label:<26}" + "".join(f"{figures.get(c, 0):>12}" for c in COLUMNS)


def render(report: dict[str, object], target: float) -> str:
    """One block per set: ours per order, the baseline per order, then the means."""
    orders = report["orders"]
    baseline = report["baseline_tfidf_stream"]
    assert isinstance(orders, dict) and isinstance(baseline, dict)
    lines = [
        f"{report['set']}: {report['articles']} articles, {report['gold_stories']} gold stories",
        "  " + " " * 26 + "".join(f"{c:>12}" for c in COLUMNS),
    ]
    for name, figures in orders.items():
        lines.append(_row(f"storyline {name}", figures))
    for name, figures in baseline["orders"].items():
        lines.append(_row(f"tfidf@{baseline['threshold']} {name}", figures))
    speed = [f["articles_per_s"] for f in orders.values()]
    lines.append(
        f"  mean B³ F1: storyline {report['b3_f1']} (min {report['b3_f1_min']}, held-out part "
        f"{report['heldout_b3_f1']}) vs baseline {baseline['b3_f1']}; target ≥ {target}: "
        f"{'met' if float(str(report['b3_f1'])) >= target else 'NOT met'}; "
        f"{min(speed):.0f}–{max(speed):.0f} articles/s"
    )
    return "\n".join(lines)


def _perturb(text: str, rng: random.Random) -> str:
    """Drop ~15% of the sentences after the first and swap two of the rest: a rewrite of the
    same report, as another outlet or a later edit would have it."""
    lines = [line for line in text.split("\n") if line.strip()]
    head, rest = lines[:1], [line for line in lines[1:] if rng.random() > 0.15]
    if len(rest) > 2:
        i, j = rng.sample(range(len(rest)), 2)
        rest[i], rest[j] = rest[j], rest[i]
    return "\n".join(head + rest)


def synthetic_stream(data: Path, total: int, seed: int = 7) -> Iterator[tuple[Article, str]]:
    """``total`` (article, gold) pairs in publication order. Each event instance takes one gold
    story of ECB+ or BASIL, a random start day over the stream's span, and 3–12 of its articles,
    perturbed (:func:`_perturb`) and dated within two days of the start; the same gold story
    recurs at other start days as a *different* event, which only the dates tell apart."""
    rng = random.Random(seed)
    pool: dict[str, list[Article]] = {}
    for bench in (load_ecbplus(data), load_basil(data)):
        for article in bench.articles:
            pool.setdefault(f"{bench.name}:{bench.gold[article.id]}", []).append(article)
    keys = sorted(pool)
    span = max(1, total // ARTICLES_PER_DAY)
    start = date(2020, 1, 1)
    items: list[tuple[float, Article, str]] = []
    instance = 0
    while len(items) < total:
        key = rng.choice(keys)
        first = rng.uniform(0, span)
        members = rng.sample(pool[key], min(len(pool[key]), rng.randint(3, 12)))
        for base in members:
            day = first + rng.uniform(0, 2)
            published = (start + timedelta(days=day)).isoformat()
            text = _perturb(base.text, rng)
            items.append(
                (
                    day,
                    Article(
                        id=f"syn{len(items):07d}",
                        text=text,
                        origin=base.id,
                        title=base.title,
                        published=published,
                    ),
                    f"{key}#{instance}",
                )
            )
        instance += 1
    items.sort(key=lambda t: t[0])
    for _, article, gold in items[:total]:
        yield article, gold


def run_scale(data: Path, total: int) -> dict[str, object]:
    """Stream ``total`` synthetic articles; time assignment around 1k, 10k and 100k stored."""
    grouper = StreamGrouper()
    last = max(0, total - MEASURE_WINDOW)
    marks = sorted({min(m, last) for m in (1_000, 10_000, 100_000) if m <= total}) or [last]
    timed: dict[int, float] = {}
    gold: dict[str, str] = {}
    stream = list(synthetic_stream(data, total))
    began = time.perf_counter()
    window_start = 0.0
    for i, (article, label) in enumerate(stream):
        for mark in marks:
            if i == mark:
                window_start = time.perf_counter()
        grouper.assign(article)
        gold[article.id] = label
        for mark in marks:
            if i == mark + MEASURE_WINDOW - 1:
                timed[mark] = (time.perf_counter() - window_start) / MEASURE_WINDOW * 1000
    elapsed = time.perf_counter() - began
    points = [{"stored": m, "ms_per_article": round(timed[m], 3)} for m in marks if m in timed]
    quality = scores(gold, grouper.membership())
    return {
        "articles": total,
        "how": "ECB+/BASIL stories re-dated at random days over the span, 3–12 perturbed copies each",
        "points": points,
        "articles_per_s": round(total / elapsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stories": len(grouper.stories()),
        "cost_ratio": round(points[-1]["ms_per_article"] / points[0]["ms_per_article"], 2) if points else 0.0,
        "b3_f1": quality["b3_f1"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ablations", action="store_true")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--scale", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    data = args.data or default_bench_dir()
    out: dict[str, object] = {}
    if args.fit:
        weights = fit_weights([load_ecbplus(data), load_basil(data)])
        print(json.dumps(weights, indent=1))
        return 0
    if args.scale:
        out["scale"] = run_scale(data, args.scale)
    else:
        out["ecbplus"] = evaluate_ecbplus(data)
        out["basil"] = evaluate_basil(data)
        if args.ablations:
            out["ablations"] = ablations([load_ecbplus(data), load_basil(data)])
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    if "ecbplus" in out:
        ecb, basil = out["ecbplus"], out["basil"]
        assert isinstance(ecb, dict) and isinstance(basil, dict)
        print(render(ecb, 0.90))
        print()
        print(render(basil, 0.95))
    if "ablations" in out:
        table = out["ablations"]
        assert isinstance(table, dict)
        print("\nablations (mean B³ F1 over the 3 orders; weights refitted on the dev parts):")
        for label, row in table.items():
            print(f"  {label:<22} ecbplus {row['ecbplus']:.4f}   basil {row['basil']:.4f}")
    if "scale" in out:
        scale = out["scale"]
        assert isinstance(scale, dict)
        print(f"scale: {scale['articles']} synthetic articles ({scale['how']})")
        for point in scale["points"]:
            print(f"  at {point['stored']:>7} stored: {point['ms_per_article']:.2f} ms/article")
        print(
            f"  {scale['articles_per_s']:.0f} articles/s overall, peak memory {scale['peak_rss_mb']:.0f} MB, "
            f"{scale['stories']} stories, B³ F1 {scale['b3_f1']}; "
            f"cost ratio last/first {scale['cost_ratio']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
