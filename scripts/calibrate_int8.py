#!/usr/bin/env python3
"""Rebuild ``storyline/read/scales.json``: the input scale of each 8-bit layer.

For tok2vec and the ner model's own tok2vec, and for the parser's and ner's precomputable
affine layers, the float pipeline reads calibration texts (the first 150 documents of PolNeAR's
``train`` split, which no benchmark scores) and records every such layer's input; a layer's
scale is the 99.99th percentile of their absolute values over 127, so a rare larger value is
clipped instead of coarsening every other one (for the window layers alone, on 300 BASIL
articles, that kept tags, dependencies and heads within 0.05%, 0.14% and 0.27% of the float
parse; the largest value instead: 0.05%, 0.16%, 0.31%). The file also keeps a digest of the
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
"""Networks whose four window layers get scales."""
LOWERS = ("parser", "ner")
"""Components whose precomputable affine (``name.lower``) gets one."""


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
    recorded: dict[str, list[list[numpy.ndarray[Any, Any]]]] = {}
    layers: dict[str, tuple[Any, list[Any]]] = {}
    for name in NETWORKS:
        (stack,) = fastnet.window_stacks(nlp.get_pipe(name).model)
        layers[name] = (stack, fastnet.window_maxouts(stack))
    for name in LOWERS:
        (lower,) = fastnet.lower_layers(nlp.get_pipe(name).model)
        layers[f"{name}.lower"] = (lower, [lower])
    forwards = {key: node._func for key, (node, _) in layers.items()}
    for key, (node, _) in layers.items():
        recorded[key] = []
        node._func = _recording(forwards[key], recorded[key], window=key in NETWORKS)
    try:
        list(nlp.pipe(texts, batch_size=32))
    finally:
        for key, (node, _) in layers.items():
            node._func = forwards[key]
    networks: dict[str, Any] = {}
    for key, (_, weighted) in layers.items():
        scales = []
        for index in range(len(recorded[key][0])):
            values = numpy.concatenate([batch[index] for batch in recorded[key]])
            scales.append(round(float(numpy.percentile(values, PERCENTILE)) / ACTIVATION_LEVELS, 7))
        networks[key] = {"weights": weights_digest(weighted), "scales": scales}
    return {
        "about": "input scales of the 8-bit layers; rebuilt by scripts/calibrate_int8.py",
        "texts": f"first {DOCUMENTS} documents of PolNeAR train",
        "percentile": PERCENTILE,
        "networks": networks,
    }


def _recording(forward: Any, recorded: list[list[numpy.ndarray[Any, Any]]], window: bool) -> Any:
    """``forward``, keeping the absolute values of each layer's input (window blocks one by one)."""

    def recording(node: Any, rows: Any, is_train: bool) -> Any:
        array = numpy.asarray(rows)
        recorded.append(layer_inputs(node, array) if window else [numpy.abs(array).ravel()])
        return forward(node, rows, is_train)

    return recording


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
