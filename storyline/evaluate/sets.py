"""The public benchmark sets ``storyline eval SET`` knows, each a function of the bench folder.

Every function returns one JSON-ready object of figures whose ``set`` names the set, with the
reference tool or published figure beside ours where the set has one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

Figures = dict[str, object]


def default_bench_dir() -> Path:
    """Where the sets are by default: ``$STORYLINE_BENCH``, else ``../shared/bench`` from the
    working directory when it exists, else ``/work/shared/bench``."""
    if os.environ.get("STORYLINE_BENCH"):
        return Path(os.environ["STORYLINE_BENCH"])
    relative = Path.cwd().parent / "shared" / "bench"
    return relative if relative.is_dir() else Path("/work/shared/bench")


def _extraction(data: Path) -> Figures:
    from storyline.evaluate.extraction import evaluate_extraction

    return {"set": "extraction", **evaluate_extraction(data / "extraction")}


def _polnear(data: Path) -> Figures:
    from storyline.evaluate.polnear import evaluate_polnear

    return {"set": "polnear", "split": "test", **evaluate_polnear(data / "polnear", "test")}


def _basil(data: Path) -> Figures:
    from storyline.evaluate.basil import TEST_YEARS, evaluate_lexicon
    from storyline.evaluate.grouping import evaluate_basil

    return {
        "set": "basil",
        "grouping": evaluate_basil(data),
        "framing_lexicon_heldout": evaluate_lexicon(data / "basil", TEST_YEARS),
    }


def _ecbplus(data: Path) -> Figures:
    from storyline.evaluate.grouping import evaluate_ecbplus

    return {"set": "ecbplus", **evaluate_ecbplus(data)}


SETS: dict[str, Callable[[Path], Figures]] = {
    "extraction": _extraction,
    "polnear": _polnear,
    "basil": _basil,
    "ecbplus": _ecbplus,
}
"""Set name → scorer; each takes the folder holding the sets (``extraction/``, ``polnear/``, …)."""


def evaluate_set(name: str, data: Path) -> Figures:
    """Score storyline on set ``name`` found under ``data``; raises FileNotFoundError when absent."""
    if not (data / name).is_dir():
        raise FileNotFoundError(f"benchmark set {name!r} not found at {data / name} (use --data DIR)")
    return SETS[name](data)
