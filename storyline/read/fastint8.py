"""The tok2vec window layers in 8-bit integers: a quarter of their float time, nearly the same parse.

Why: the four window layers of tok2vec and of the ner model's own tok2vec are two thirds of the
networks' products (83,000 multiply-adds a token each), and numpy's float32 product already
runs near this CPU's float peak. onnxruntime's integer product (``MatMulIntegerToFloat``,
uint8 x int8 with VNNI) does the same shapes about 3.5x faster.

How, so that a row's result never depends on the other rows of its batch:

* activations are quantized with one **fixed** scale per layer (``scales.json``, worked out
  by ``scripts/calibrate_int8.py`` as the largest absolute input seen on calibration texts),
  symmetric, stored as uint8 with zero point 128; the window is taken on the codes, so a
  padding row is code 128, the quantized 0.0;
* weights are quantized per output column to 7 bits (-63..63): uint8 x int8 pair sums then
  stay under 32,767, so every x86 product path (``vpmaddubsw`` saturates, VNNI does not) gives
  the same integers;
* the product's scale and bias are applied by the same onnxruntime node; maxout, layer norm
  and the residual stay in float32 as before (:func:`storyline.read.fastembed.maxout_norm`).

The scales are kept with a digest of the weights they were worked out for: a model whose
weights differ gets the float layers (:mod:`storyline.read.fastnet`), never wrong scales.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy
from numpy.typing import NDArray
from thinc.api import Model

__all__ = ["WEIGHT_LEVELS", "QuantizedLayer", "available", "quantize_layer", "scales_for", "weights_digest"]

AnyModel = Model[Any, Any]
Floats = NDArray[numpy.float32]
Codes = NDArray[numpy.uint8]

WEIGHT_LEVELS = 63
"""Largest weight code: 7 bits, so that no x86 integer product saturates (see the module)."""
ACTIVATION_LEVELS = 127
"""Largest activation code either side of the zero point."""
ZERO_POINT = 128


@dataclass(frozen=True)
class QuantizedLayer:
    """One window layer's integer product: the session, the input scale and the window width."""

    session: Any
    scale: float
    width: int
    n_out: int
    n_pieces: int

    def products(self, rows: Floats) -> Floats:
        """``window(rows) @ W.T + b`` (pieces as blocks of columns), through 8-bit codes."""
        codes = self.codes(rows)
        columns = window(codes, self.width)
        out: Floats = self.session.run(None, {"A": columns})[0]
        return out

    def codes(self, rows: Floats) -> Codes:
        """``rows`` as uint8 codes of the fixed scale (clipped to +-127, zero point 128)."""
        scaled = rows * numpy.float32(1.0 / self.scale)
        numpy.rint(scaled, out=scaled)
        numpy.clip(scaled, -ACTIVATION_LEVELS, ACTIVATION_LEVELS, out=scaled)
        scaled += ZERO_POINT
        return scaled.astype(numpy.uint8)


def window(codes: Codes, width: int) -> Codes:
    """thinc's ``seq2col`` on codes: the ``width`` rows before, the row, the rows after; code
    :data:`ZERO_POINT` (0.0) past either end."""
    rows, features = codes.shape
    out = numpy.full((rows, (2 * width + 1) * features), ZERO_POINT, dtype=numpy.uint8)
    for offset in range(-width, width + 1):
        column = (offset + width) * features
        if offset < 0:
            out[-offset:, column : column + features] = codes[: rows + offset]
        elif offset > 0:
            out[: rows - offset, column : column + features] = codes[offset:]
        else:
            out[:, column : column + features] = codes
    return out


def quantize_layer(weights: Floats, bias: Floats, scale: float, width: int, n_pieces: int) -> QuantizedLayer:
    """The integer product for piece-major ``weights`` (outputs x inputs) and ``bias``."""
    column_scales = numpy.abs(weights).max(axis=1) / WEIGHT_LEVELS
    column_scales[column_scales == 0] = 1.0
    quantized = numpy.rint(weights / column_scales[:, None]).astype(numpy.int8)
    session = _session(
        numpy.ascontiguousarray(quantized.T),
        numpy.float32(scale),
        column_scales.astype(numpy.float32),
        bias.astype(numpy.float32),
    )
    return QuantizedLayer(session, scale, width, len(weights) // n_pieces, n_pieces)


def _session(weights: NDArray[numpy.int8], scale: numpy.float32, column_scales: Floats, bias: Floats) -> Any:
    """A one-node onnxruntime session: ``(A - 128) @ weights * scale * column_scales + bias``."""
    import onnxruntime  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from onnx import TensorProto, helper, numpy_helper

    n_in, n_out = weights.shape
    node = helper.make_node(
        "MatMulIntegerToFloat",
        ["A", "B", "a_scale", "b_scale", "a_zero_point", "", "bias"],
        ["Y"],
        domain="com.microsoft",
    )
    constants = [
        numpy_helper.from_array(weights, "B"),
        numpy_helper.from_array(numpy.array(scale, dtype=numpy.float32), "a_scale"),
        numpy_helper.from_array(column_scales, "b_scale"),
        numpy_helper.from_array(numpy.array(ZERO_POINT, dtype=numpy.uint8), "a_zero_point"),
        numpy_helper.from_array(bias, "bias"),
    ]
    graph = helper.make_graph(
        [node],
        "window_layer",
        [helper.make_tensor_value_info("A", TensorProto.UINT8, [None, n_in])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, n_out])],
        constants,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )
    model.ir_version = 8
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # reading runs one worker process per core
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    return onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def weights_digest(maxouts: list[AnyModel]) -> str:
    """A digest of the window layers' weights, in order: which model the scales belong to."""
    digest = hashlib.sha256()
    for maxout in maxouts:
        for name in ("W", "b"):
            digest.update(numpy.ascontiguousarray(maxout.get_param(name), dtype=numpy.float32).tobytes())
    return digest.hexdigest()[:16]


def available() -> bool:
    """Whether onnxruntime and onnx are installed (both are, by ``make install``); without them
    the float layers run and nothing else changes."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))


@cache
def _shipped() -> dict[str, Any]:
    text = resources.files("storyline.read").joinpath("scales.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def scales_for(name: str, maxouts: list[AnyModel]) -> list[float] | None:
    """The shipped input scales of network ``name``'s window layers, or None when the shipped
    ones were worked out for other weights (or none were)."""
    entry = _shipped().get("networks", {}).get(name)
    if entry is None or entry.get("weights") != weights_digest(maxouts):
        return None
    scales = [float(scale) for scale in entry["scales"]]
    return scales if len(scales) == len(maxouts) else None
