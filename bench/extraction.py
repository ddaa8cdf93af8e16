"""Article extraction benchmark: storyline's HTML extractor next to plain trafilatura.

Runs both on the same 181 pages of the ScrapingHub article-extraction benchmark in one run and
prints the benchmark's metric (word 4-gram precision/recall/F1), exact-extraction accuracy, the
share of pages with F1 ≥ 0.8 and pages per second, then the ratios ours/trafilatura.

    python bench/extraction.py [--data DIR] [--json]

DIR is the shared bench folder (holding ``extraction/``) or the ``extraction`` folder itself;
by default ``$STORYLINE_BENCH``, else ``../shared/bench`` from the working directory, else
``/work/shared/bench``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storyline.evaluate.extraction import evaluate_extraction
from storyline.evaluate.sets import default_bench_dir

FIGURES = ("f1", "precision", "recall", "accuracy", "f1_0_8_share", "pages_per_s")


def render(report: dict[str, object]) -> str:
    """A side-by-side table of both extractors, then the two ratios that matter."""
    baseline = report["baseline"]
    assert isinstance(baseline, dict)
    lines = [
        f"extraction benchmark: {report['pages']} pages",
        "",
        f"{'figure':<14}{'storyline':>12}{baseline['name']:>14}",
    ]
    for key in FIGURES:
        ours, theirs = float(str(report[key])), float(baseline[key])
        digits = 1 if key == "pages_per_s" else 4
        lines.append(f"{key:<14}{ours:>12.{digits}f}{theirs:>14.{digits}f}")
    f1_ratio = float(str(report["f1"])) / float(baseline["f1"])
    speed_ratio = float(str(report["pages_per_s"])) / float(baseline["pages_per_s"])
    lines += [
        "",
        f"F1 ratio (ours/{baseline['name']}):    {f1_ratio:.4f}",
        f"speed ratio (ours/{baseline['name']}): {speed_ratio:.3f}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="bench folder (see module doc)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    data_dir = args.data or default_bench_dir()
    try:
        report = evaluate_extraction(data_dir)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
