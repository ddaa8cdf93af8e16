"""The networks' big products in 8-bit integers: a third of their float time, nearly the same parse.

Why: the four window layers of tok2vec and of the ner model's own tok2vec are two thirds of the
networks' products (83,000 multiply-adds a token each), and numpy's float32 product already
runs near this CPU's float peak. onnxruntime's integer product (``MatMulIntegerToFloat``,
uint8 x int8 with VNNI) does the same shapes about 3.5x faster. The parser's and ner's
precomputed state features (``precomputable_affine``: 1,024 and 384 outputs a token from 64
inputs) go the same way, 2.5x faster, and are written straight into thinc's array.

How, so that a row's result never depends on the other rows of its batch:

* activations are quantized with one **fixed** scale per layer (``scales.json``, worked out
  by ``scripts/calibrate_int8.py`` from the 99.99th percentile of the inputs seen on
  calibration texts), symmetric, stored as uint8 with zero point 128; the window is taken on
  the codes, so a padding row is code 128, the quantized 0.0;
* weights are quantized per output column to 7 bits (-63..63): uint8 x int8 pair sums then
  stay under 32,767, so every x86 product path (``vpmaddubsw`` saturates, VNNI does not) gives
  the same integers;
* the product's scale and bias are applied by the same onnxruntime node; maxout, layer norm
  and the residual stay in float32 as before (:func:`storyline.read.fastembed.maxout_norm`).

The scales are kept with a digest of the weights they were worked out for: a model whose
weights differ gets the float layers (:mod:`storyline.read.fastnet`), never wrong scales.

Measured on 300 BASIL articles (230,417 tokens) against the float pipeline: 0.05% of tags,
0.19% of dependencies, 0.37% of heads and 0.02% of sentence starts changed, 99.79% of entities
stayed; PolNeAR's exact F1 moved by at most 0.2 points on each split (``bench/README.md``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy
from numpy.typing import NDArray
from thinc.api import Model

__all__ = [
    "WEIGHT_LEVELS",
    "QuantizedLayer",
    "available",
    "int8_lower",
    "quantize_layer",
    "scales_for",
    "weights_digest",
]

AnyModel = Model[Any, Any]
Backprop = Callable[[Any], Any]
Forward = Callable[[AnyModel, Any, bool], tuple[Any, Backprop]]
Floats = NDArray[numpy.float32]
Codes = NDArray[numpy.uint8]

WEIGHT_LEVELS = 63
"""Largest weight code: 7 bits, so that no x86 integer product saturates (see the module)."""
ACTIVATION_LEVELS = 127
"""Largest activation code either side of the zero point."""
ZERO_POINT = 128


@dataclass(frozen=True)
class QuantizedLayer:
    """One layer's integer product: the session, the input scale, the window width (0: none)."""

    session: Any
    scale: float
    width: int
    n_out: int
    n_pieces: int
    source: object = None
    """The float weight array it was made from: a trained model gets new ones, and then the
    float forward runs instead."""

    def products(self, rows: Floats) -> Floats:
        """``window(rows) @ W.T + b`` (pieces as blocks of columns), through 8-bit codes."""
        out = numpy.empty((len(rows), self.n_out * self.n_pieces), dtype=numpy.float32)
        self.products_into(rows, out)
        return out

    def products_into(self, rows: Floats, out: Floats) -> None:
        """:meth:`products` written straight into ``out`` (C-contiguous, rows x outputs): the
        parser's precomputed features are ~90 MB a batch, too big to copy again."""
        expected = (len(rows), self.n_out * self.n_pieces)
        if out.shape != expected or out.dtype != numpy.float32 or not out.flags.c_contiguous:
            raise ValueError(f"products go into a C-contiguous float32 array of shape {expected}")
        codes = self.codes(rows)
        columns = window(codes, self.width) if self.width else codes
        binding = self.session.io_binding()
        binding.bind_cpu_input("A", columns)
        binding.bind_output("Y", "cpu", 0, numpy.float32, out.shape, out.ctypes.data)
        self.session.run_with_iobinding(binding)

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


def quantize_layer(
    weights: Floats, bias: Floats, scale: float, width: int, n_pieces: int, source: object = None
) -> QuantizedLayer:
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
    return QuantizedLayer(session, scale, width, len(weights) // n_pieces, n_pieces, source)


def int8_lower(lower: AnyModel, original: Forward, scale: float, no_backprop: Backprop) -> Forward:
    """Forward for spaCy's ``precomputable_affine`` (the parser's and ner's features of every
    token, ``X @ W.T`` for each of ``nF`` state slots) through 8-bit codes, as thinc lays it out:
    a padding row first, then one row per token. Training, or new weights, run ``original``."""
    n_f, n_o, n_p, n_i = (lower.get_dim(dim) for dim in ("nF", "nO", "nP", "nI"))
    weights = lower.get_param("W")
    flat = numpy.asarray(weights).reshape(n_f * n_o * n_p, n_i)
    layer = quantize_layer(flat, numpy.zeros(len(flat), dtype=numpy.float32), scale, 0, 1)

    def forward(model: AnyModel, rows: Any, is_train: bool) -> tuple[Any, Backprop]:
        if is_train or model.get_param("W") is not weights or not isinstance(rows, numpy.ndarray):
            return original(model, rows, is_train)
        out = numpy.empty((len(rows) + 1, n_f * n_o * n_p), dtype=numpy.float32)
        if len(rows):
            layer.products_into(numpy.ascontiguousarray(rows, dtype=numpy.float32), out[1:])
        features = out.reshape((len(out), n_f, n_o, n_p))
        features[0] = numpy.asarray(model.get_param("pad"))[0]
        return features, no_backprop

    return forward


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
