#!/usr/bin/env python3
"""Rebuild ``storyline/read/scales.json``: the input scale of each 8-bit window layer.

For tok2vec and the ner model's own tok2vec, the float pipeline reads calibration texts (the
first 150 documents of PolNeAR's ``train`` split, which no benchmark scores) and records every
window layer's input; a layer's scale is the 99.99th percentile of their absolute values over
127, so a rare larger value is clipped instead of coarsening every other one. On 300 BASIL
articles that kept tags, dependencies and heads within 0.06%, 0.15% and 0.3% of the float
parse (the largest value instead: 0.05%, 0.16%, 0.31%). The file also keeps a digest of the
weights, so that another model never gets these scales (see :mod:`storyline.read.fastint8`).

Usage::

    .venv/bin/python scripts/calibrate_int8.py [--data ../shared/bench/polnear/data] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy

from storyline.read import fastnet
from storyline.read.fastint8 import ACTIVATION_LEVELS, weights_digest
from storyline.read.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "polnear" / "data"
DEFAULT_OUTPUT = ROOT / "storyline" / "read" / "scales.json"
DOCUMENTS = 150
PERCENTILE = 99.99
NETWORKS = ("tok2vec", "ner")


def calibration_texts(data: Path) -> list[str]:
    paths = sorted((data / "train" / "text").glob("*.txt"))[:DOCUMENTS]
    if not paths:
        raise SystemExit(f"no PolNeAR train texts under {data}/train/text")
    return [path.read_text(encoding="utf-8") for path in paths]


def layer_inputs(stack: Any, rows: numpy.ndarray[Any, Any]) -> list[numpy.ndarray[Any, Any]]:
    """Absolute values of each window block's input, block by block in float32."""
    seen = []
    for block in stack.layers:
        seen.append(numpy.abs(rows).ravel())
        rows = numpy.asarray(block.predict(rows))
    return seen


def calibrate(texts: list[str]) -> dict[str, Any]:
    nlp = load_pipeline(int8=False)
    networks: dict[str, Any] = {}
    for name in NETWORKS:
        model = nlp.get_pipe(name).model
        (stack,) = fastnet.window_stacks(model)
        recorded: list[list[numpy.ndarray[Any, Any]]] = []
        forward = stack._func

        def recording(
            node: Any, rows: Any, is_train: bool, forward: Any = forward, recorded: Any = recorded
        ) -> Any:
            recorded.append(layer_inputs(node, numpy.asarray(rows)))
            return forward(node, rows, is_train)

        stack._func = recording
        try:
            list(nlp.pipe(texts, batch_size=32))
        finally:
            stack._func = forward
        scales = []
        for index in range(len(stack.layers)):
            values = numpy.concatenate([batch[index] for batch in recorded])
            scales.append(round(float(numpy.percentile(values, PERCENTILE)) / ACTIVATION_LEVELS, 7))
        networks[name] = {"weights": weights_digest(fastnet.window_maxouts(stack)), "scales": scales}
    return {
        "about": "input scales of the 8-bit window layers; rebuilt by scripts/calibrate_int8.py",
        "texts": f"first {DOCUMENTS} documents of PolNeAR train",
        "percentile": PERCENTILE,
        "networks": networks,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    table = calibrate(calibration_texts(args.data))
    args.output.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
