"""Loaded-language lexicon benchmark: our outlet-voice terms against BASIL's lexical-bias spans.

Prints sentence-, span- and token-level precision/recall/F1 for the years the lexicon was tuned
on (2010-2015), the held-out years (2016-2019: the figures to report) and all years, then the
lexicon's size per category. ``--terms N`` adds the N most frequent terms on the tuning years with
how many of their matches overlap a gold span (what tuning looked at; never run it on the
held-out years).

    python bench/framing_lexicon.py [--data DIR] [--json] [--terms N]

DIR is the shared bench folder (holding ``basil/``) or the ``basil`` folder itself; by default
``$STORYLINE_BENCH``, else ``../shared/bench`` from the working directory, else
``/work/shared/bench``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from storyline.evaluate.basil import TEST_YEARS, TUNE_YEARS, evaluate_lexicon, term_report
from storyline.evaluate.sets import default_bench_dir
from storyline.read.lexicon import lexicon_sizes

SPLITS: dict[str, Sequence[int] | None] = {
    "tune 2010-2015": TUNE_YEARS,
    "test 2016-2019": TEST_YEARS,
    "all years": None,
}
LEVELS = ("sentence", "span", "token")


def _always_positive_f1(counts: dict[str, float]) -> float:
    """Sentence F1 of calling every sentence loaded: the floor a lexicon must clear."""
    precision = counts["gold_positive_sentences"] / counts["sentences"] if counts["sentences"] else 0.0
    return 2 * precision / (precision + 1) if precision else 0.0


def render(reports: dict[str, dict[str, dict[str, float]]], sizes: dict[str, int]) -> str:
    """One block per split: a P/R/F1 row per level, then the counts."""
    lines = ["BASIL lexical bias (outlet voice) vs storyline loaded terms", ""]
    for split, report in reports.items():
        lines.append(f"{split}:")
        lines.append(f"  {'level':<10}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}")
        for level in LEVELS:
            f = report[level]
            lines.append(
                f"  {level:<10}{f['precision']:>8.3f}{f['recall']:>8.3f}{f['f1']:>8.3f}"
                f"{int(f['tp']):>7}{int(f['fp']):>7}{int(f['fn']):>7}"
            )
        counts = report["counts"]
        lines.append("  " + ", ".join(f"{key} {int(value)}" for key, value in counts.items()))
        lines.append(f"  always-positive baseline: sentence F1 {_always_positive_f1(counts):.3f}")
        lines.append("")
    lines.append("lexicon entries: " + ", ".join(f"{name} {count}" for name, count in sizes.items()))
    lines.append(f"total {sum(sizes.values())}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="bench folder (see module doc)")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.add_argument(
        "--terms", type=int, default=0, help="list the N most frequent terms on the tuning years"
    )
    args = parser.parse_args(argv)
    data_dir = args.data or default_bench_dir()
    try:
        reports = {split: evaluate_lexicon(data_dir, years) for split, years in SPLITS.items()}
        terms = term_report(data_dir, TUNE_YEARS)[: args.terms] if args.terms else []
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sizes = lexicon_sizes()
    if args.json:
        print(json.dumps({"splits": reports, "lexicon": sizes, "tune_terms": terms}, indent=2))
        return 0
    print(render(reports, sizes))
    if terms:
        print("\nterm (tuning years): matches, overlapping gold")
        print("\n".join(f"  {term:<24}{count:>5}{hits:>5}" for term, count, hits in terms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
