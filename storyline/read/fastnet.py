"""Fused inference forwards for the tok2vec networks: window layers with bit-identical results.

Why: tok2vec and the ner model's own tok2vec are each a hash embedding, one
``maxout>>layernorm`` over the concatenated embeddings and four
``residual(expand_window>>maxout>>layernorm>>dropout)`` blocks. With numpy's BLAS doing the
products (:mod:`storyline.read.fastops`) the products were only about half their time; the rest was
thinc's passes over whole-batch arrays (a batch of 32 articles is ~22,000 tokens: 8 MB per
96 floats a token, 25 MB for a window or a maxout product, 50 MB for the concatenated
embeddings), each a fresh allocation that missed the cache: ``X.var`` recomputes the mean,
``(X - mu) * var**-0.5``, ``* G``, ``+ b`` and the residual ``X + Y`` each make a new array, and
maxout read its pieces with a stride of 3 floats. Here:

* rows go through in blocks of :data:`BLOCK` tokens, so a block's window, product and
  temporaries stay in the cache (every step is row by row; a window block takes the rows on
  either side of it from the input, so each row sees the same neighbours);
* the maxout weights are reordered once so the product writes each piece as a contiguous
  block of columns (the same dot products, so the same floats), and the bias add and
  maximum run over those blocks;
* the layer norm runs in place with one subtraction, one square and one sum, in the same
  float32 operations as thinc's (same order, same roundings).

CPU per article over the first 200 BASIL articles (601 words; median of 3 runs, 3 times each):
tok2vec 9.6 -> 6.8 ms, ner 9.6 -> 8.2 (its network and its transition system), the whole read
stage 33.1 -> 29.4. Blocks alone (against fusing over whole batches) were 1.2 ms of that in
tok2vec. Those arrays were bit-identical; the embedding's projection is now worked out per table
row instead (:mod:`storyline.read.fastembed`: the same up to the last bits, and the same tags,
parses and entities on 300 BASIL articles), while the window layers stay bit-identical
(``tests/read/test_fastnet.py``). Training is untouched: with ``is_train`` the original forward
runs.

:func:`quantize` then runs the window layers' products in 8-bit integers
(:mod:`storyline.read.fastint8`), in the same blocks; new weights (a trained model) get the
float layers again.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import numpy
from numpy.typing import NDArray
from thinc.api import Model
from thinc.types import Floats2d

from storyline.read.fastembed import fused_embed, maxout_norm, piece_major
from storyline.read.fastint8 import QuantizedLayer, available, int8_lower, quantize_layer, scales_for

__all__ = [
    "BLOCK",
    "install",
    "lower_layers",
    "maxout_layernorm",
    "quantize",
    "thinc_forwards",
    "uninstall",
    "window_maxouts",
    "window_stacks",
]

BLOCK = 1024
"""Tokens put through a layer at a time: 512 to 2048 measured alike, 256 and whole batches slower."""
SMALLEST_BLOCK = 64
"""Fewest rows in a block, unless all rows are fewer: numpy's OpenBLAS computes products of
1 to 4 rows another way (the last bit differs from the same rows in a bigger product)."""


AnyModel = Model[Any, Any]
Floats = NDArray[numpy.float32]
Backprop = Callable[[Any], Any]
Forward = Callable[[AnyModel, Any, bool], tuple[Any, Backprop]]


class _Weights:
    """Each maxout's W and b reordered piece-major, remembered while its params stay the same."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[object, object, Floats, Floats]] = {}

    def get(self, maxout: AnyModel) -> tuple[Floats, Floats]:
        weights, bias = maxout.get_param("W"), maxout.get_param("b")
        cached = self._cache.get(maxout.id)
        if cached is not None and cached[0] is weights and cached[1] is bias:
            return cached[2], cached[3]
        by_piece, bias_by_piece = piece_major(maxout)
        self._cache[maxout.id] = (weights, bias, by_piece, bias_by_piece)
        return by_piece, bias_by_piece


_WEIGHTS = _Weights()
_ORIGINALS: dict[int, Forward] = {}
"""thinc's forward of every node given a fused one, by node id (for :func:`uninstall`)."""


def maxout_layernorm(maxout: AnyModel, norm: AnyModel, rows: Floats) -> Floats:
    """``layernorm(maxout(rows))`` with thinc's float32 operations, in fewer passes; a new array.

    ``rows`` must not be empty (thinc's layer norm of no rows is not reproduced).
    """
    weights, bias = _WEIGHTS.get(maxout)
    products: Floats = numpy.dot(rows, weights.T)
    products += bias
    gain, shift = numpy.asarray(norm.get_param("G")), numpy.asarray(norm.get_param("b"))
    return maxout_norm(products, maxout.get_dim("nO"), maxout.get_dim("nP"), gain, shift)


def _blocks(total: int) -> list[tuple[int, int]]:
    """(start, end) of :data:`BLOCK`-row blocks of ``total`` rows; a short last one joins the one before."""
    starts = list(range(0, total, BLOCK))
    if not starts:
        return []
    if len(starts) > 1 and total - starts[-1] < max(SMALLEST_BLOCK, BLOCK // 2):
        starts.pop()
    return list(zip(starts, [*starts[1:], total], strict=True))


def _no_backprop(_: Any) -> Any:
    raise NotImplementedError("a fused inference forward: it runs with is_train=False only")


def _window_layer(block: AnyModel, rows: Floats) -> Floats:
    """One ``residual(expand_window>>maxout>>layernorm>>dropout)`` (no dropout) over ``rows``."""
    window, inner = block.layers[0].layers
    maxout, norm = inner.layers[0].layers
    columns = _seq2col(block, rows, window.attrs["window_size"])
    out = maxout_layernorm(maxout, norm, columns)
    out += rows
    return out


def _seq2col(model: AnyModel, rows: Floats, width: int) -> Floats:
    """thinc's window of ``width`` rows either side (zeros past the ends), as an array."""
    return numpy.asarray(model.ops.seq2col(cast(Floats2d, rows), width))


def _int8_window_layer(block: AnyModel, rows: Floats, quantized: QuantizedLayer) -> Floats:
    """:func:`_window_layer` with the product in 8-bit integers (:mod:`storyline.read.fastint8`)."""
    norm = block.layers[0].layers[1].layers[0].layers[1]
    gain, shift = numpy.asarray(norm.get_param("G")), numpy.asarray(norm.get_param("b"))
    out = maxout_norm(quantized.products(rows), quantized.n_out, quantized.n_pieces, gain, shift)
    out += rows
    return out


def _fused_stack(original: Forward, quantized: Sequence[QuantizedLayer] = ()) -> Forward:
    """Forward for one window block or a chain of them (tok2vec's four), :data:`BLOCK` rows at a time.

    Each block of rows goes through every layer before the next block starts, with as many
    rows either side as the windows reach (one per layer), so the layers in between never
    leave the cache; a row's result depends only on the rows within that reach, so every row
    kept is the one thinc computes over the whole array. With ``quantized`` (one per layer)
    the products run in 8-bit integers, still row by row.
    """

    def forward(model: AnyModel, rows: Any, is_train: bool) -> tuple[Any, Backprop]:
        if is_train or not isinstance(rows, numpy.ndarray) or len(rows) == 0:
            return original(model, rows, is_train)
        layers = [model] if _is_window_block(model) else list(model.layers)
        current = quantized and all(
            maxout.get_param("W") is layer.source
            for maxout, layer in zip(window_maxouts(model), quantized, strict=True)
        )
        reach = sum(layer.layers[0].layers[0].attrs["window_size"] for layer in layers)
        total = len(rows)
        out = numpy.empty_like(rows)
        for start, end in _blocks(total):
            low, high = max(0, start - reach), min(total, end + reach)
            part = rows[low:high]
            for index, layer in enumerate(layers):
                if current:
                    part = _int8_window_layer(layer, part, quantized[index])
                else:
                    part = _window_layer(layer, part)
            out[start:end] = part[start - low : end - low]
        return out, _no_backprop

    return forward


def _names(node: AnyModel) -> list[str]:
    return [layer.name for layer in node.layers]


def _is_projection(node: AnyModel) -> bool:
    """``maxout>>layernorm>>dropout``, the maxout with pieces."""
    if _names(node) != ["maxout>>layernorm", "dropout"]:
        return False
    chain = node.layers[0]
    return _names(chain) == ["maxout", "layernorm"] and chain.layers[0].has_dim("nP") is True


def _is_embed(node: AnyModel) -> bool:
    """spaCy's MultiHashEmbed: features, ragged, hash embeddings, maxout, back to a list."""
    names = _names(node)
    if len(names) != 5 or names[:2] != ["extract_features", "list2ragged"] or names[4] != "ragged2list":
        return False
    embeddings, projection = node.layers[2], node.layers[3]
    if not names[2].startswith("with_array(") or len(embeddings.layers) != 1:
        return False
    tables = embeddings.layers[0]
    return (
        tables._func.__module__ == "thinc.layers.concatenate"
        and all(name == "ints-getitem>>hashembed" for name in _names(tables))
        and projection.name == "with_array(maxout>>layernorm>>dropout)"
        and _is_projection(projection.layers[0])
    )


def _is_window_stack(node: AnyModel) -> bool:
    """A chain of window blocks."""
    return (
        _ORIGINALS.get(node.id, node._func).__module__ == "thinc.layers.chain"
        and len(node.layers) > 0
        and all(_is_window_block(layer) for layer in node.layers)
    )


def _is_window_block(node: AnyModel) -> bool:
    """``residual(expand_window>>maxout>>layernorm>>dropout)``."""
    if not node.name.startswith("residual(") or len(node.layers) != 1:
        return False
    inner = node.layers[0]
    return _names(inner) == ["expand_window", "maxout>>layernorm>>dropout"] and _is_projection(
        inner.layers[1]
    )


def install(models: Sequence[AnyModel]) -> int:
    """Give every matching part of ``models`` its fused forward; returns how many."""
    done = 0
    for model in models:
        inside: set[int] = set()  # window blocks of a fused chain: not called any more
        for node in model.walk():
            if node.id in _ORIGINALS or node.id in inside:
                continue
            if _is_embed(node):
                forward = fused_embed(node, node._func, _blocks, _no_backprop)
            elif _is_window_stack(node):
                forward = _fused_stack(node._func)
                inside.update(layer.id for layer in node.layers)
            elif _is_window_block(node):
                forward = _fused_stack(node._func)
            else:
                continue
            _ORIGINALS[node.id] = node._func
            node._func = forward
            done += 1
    return done


def window_maxouts(stack: AnyModel) -> list[AnyModel]:
    """The maxout of each window block of a stack (or of the one block), in order."""
    layers = [stack] if _is_window_block(stack) else list(stack.layers)
    return [layer.layers[0].layers[1].layers[0].layers[0] for layer in layers]


def window_stacks(model: AnyModel) -> list[AnyModel]:
    """The chains of window blocks of ``model`` (tok2vec has one)."""
    return [node for node in model.walk() if _is_window_stack(node)]


def quantize(named: Sequence[tuple[str, AnyModel]]) -> int:
    """Run the installed window stacks of each ``(name, model)``, and the parser's and ner's
    precomputed feature layers (``name.lower``), in 8-bit integers where shipped scales fit
    their weights (:func:`storyline.read.fastint8.scales_for`); returns how many.

    Why: see :mod:`storyline.read.fastint8`. A layer whose weights the scales were not worked
    out for keeps its float forward. Call :func:`install` first; :func:`uninstall` undoes both.
    """
    if not available():
        return 0
    return sum(_quantize_stack(name, model) + _quantize_lower(name, model) for name, model in named)


def _quantize_stack(name: str, model: AnyModel) -> int:
    stacks = [stack for stack in window_stacks(model) if stack.id in _ORIGINALS]
    if len(stacks) != 1:
        return 0
    stack = stacks[0]
    maxouts = window_maxouts(stack)
    scales = scales_for(name, maxouts)
    if scales is None:
        return 0
    layers = []
    for maxout, block, scale in zip(maxouts, stack.layers, scales, strict=True):
        weights, bias = _WEIGHTS.get(maxout)
        width = block.layers[0].layers[0].attrs["window_size"]
        source = maxout.get_param("W")
        layers.append(quantize_layer(weights, bias, scale, width, maxout.get_dim("nP"), source))
    stack._func = _fused_stack(_ORIGINALS[stack.id], layers)
    return 1


def lower_layers(model: AnyModel) -> list[AnyModel]:
    """The precomputable affine layers of a parser or ner model (one each)."""
    return [node for node in model.walk() if node.name == "precomputable_affine"]


def _quantize_lower(name: str, model: AnyModel) -> int:
    lowers = lower_layers(model)
    if len(lowers) != 1 or lowers[0].id in _ORIGINALS:
        return 0
    lower = lowers[0]
    scales = scales_for(f"{name}.lower", lowers)
    if scales is None:
        return 0
    _ORIGINALS[lower.id] = lower._func
    lower._func = int8_lower(lower, lower._func, scales[0], _no_backprop)
    return 1


def uninstall(models: Sequence[AnyModel]) -> int:
    """Put thinc's forwards back in ``models`` (to train them, or to compare); returns how many."""
    done = 0
    for model in models:
        for node in model.walk():
            original = _ORIGINALS.pop(node.id, None)
            if original is not None:
                node._func = original
                done += 1
    return done


@contextmanager
def thinc_forwards(models: Sequence[AnyModel]) -> Iterator[int]:
    """thinc's own forwards in ``models`` while inside (to compare against, or to calibrate), then
    exactly the forwards they had, float or 8-bit; yields how many were swapped."""
    current = [(node, node._func) for model in models for node in model.walk() if node.id in _ORIGINALS]
    removed = uninstall(models)
    try:
        yield removed
    finally:
        for node, forward in current:
            _ORIGINALS[node.id] = node._func
            node._func = forward
