"""PolNeAR attribution benchmark: our rules' source, cue and content spans next to CofeNet's.

Parses a PolNeAR split with the pipeline, runs :func:`storyline.read.attributions.find_attributions`
on every article and prints exact-span and token F1 per kind (definitions in
:mod:`storyline.evaluate.polnear`) beside the best published exact F1 (CofeNet, COLING 2022),
then how fast the rules run (parsing excluded) and how fast the parse ran.

    python bench/attribution.py [--data DIR] [--split test|dev|train] [--limit N] [--json]

DIR is the shared bench folder (holding ``polnear/``), the ``polnear`` folder or its ``data``
folder; by default ``$STORYLINE_BENCH``, else ``../shared/bench`` from the working directory,
else ``/work/shared/bench``. Tune on ``train``/``dev``; report ``test``.

CofeNet's figures come from its own preprocessing of PolNeAR (token sequences, its own split
handling), so they are a reference point, not a like-for-like comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storyline.evaluate.polnear import KINDS, evaluate_polnear
from storyline.evaluate.sets import default_bench_dir

PUBLISHED = {"source": 83.2, "cue": 75.3, "content": 72.9}
"""CofeNet (Wang et al., COLING 2022), exact-match F1 on PolNeAR, in percent."""


def render(report: dict[str, object]) -> str:
    """One row per kind: our exact P/R/F1, token F1, and CofeNet's exact F1."""
    scores = report["scores"]
    assert isinstance(scores, dict)
    lines = [
        f"PolNeAR {report['split']}: {report['articles']} articles",
        "",
        f"{'kind':<9}{'exact P':>9}{'exact R':>9}{'exact F1':>10}{'token F1':>10}{'CofeNet F1':>12}",
    ]
    for kind in KINDS:
        row = scores[kind]
        lines.append(
            f"{kind:<9}{row['exact_p'] * 100:>9.1f}{row['exact_r'] * 100:>9.1f}{row['exact_f1'] * 100:>10.1f}"
            f"{row['token_f1'] * 100:>10.1f}{PUBLISHED[kind]:>12.1f}"
        )
    lines += [
        "",
        f"rules: {float(str(report['articles_per_s'])):.0f} articles/s (parse excluded)",
        f"parse: {float(str(report['parse_articles_per_s'])):.1f} articles/s (spaCy, the caller's cost)",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="bench folder (see module doc)")
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"), help="PolNeAR split")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles by name")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        report = evaluate_polnear(args.data or default_bench_dir(), args.split, limit=args.limit)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
