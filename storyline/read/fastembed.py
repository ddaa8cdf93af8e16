"""The hash embeddings' projection worked out once per table row instead of once per token.

Why: tok2vec (and the ner model's own copy) embeds each token by six (ner: four) hash tables of
96 floats, joins them (576 floats) and projects them by a maxout of 3 x 96 outputs: 166,000
multiply-adds a token, a third of tok2vec's products (each of its four window layers takes
83,000). The projection is linear in each table's rows, so each table's rows are projected once
(``E_t @ W_t.T``: 13 MB for both networks) and a token's product is the sum of the projected
rows its hashes pick: 24 rows added instead of a 576 x 288 product.

The sums run in another order than the product, so the floats differ in the last bits (at most
~1e-6 after the layer norm); on 300 BASIL articles (230,417 tokens) every tag, lemma, head,
dependency, entity and sentence start stayed the same. CPU per article on the first 200 BASIL
articles (601 words): the parse 34.3 -> 31.2 ms, the whole read stage (``bench/reading.py``, one
process) 40.2 -> 35.5 ms. :mod:`storyline.read.fastnet` keeps the window layers bit-identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from numpy.typing import NDArray
from thinc.api import Model
from thinc.types import Ragged

__all__ = ["Projection", "fused_embed", "maxout_norm", "piece_major", "project"]

AnyModel = Model[Any, Any]
Floats = NDArray[numpy.float32]
Backprop = Callable[[Any], Any]
Forward = Callable[[AnyModel, Any, bool], tuple[Any, Backprop]]

EPSILON = 1e-08
"""thinc's LayerNorm adds this to the variance (``thinc/layers/layernorm.py``)."""


@dataclass(frozen=True)
class Table:
    """One hash table, projected: the id column it embeds, its hash seed, its projected rows."""

    column: int
    seed: int
    rows: Floats
    """``E @ W_t.T``: each of the table's rows through its share of the maxout, piece-major."""


@dataclass(frozen=True)
class Projection:
    """An embed node's tables projected, with the maxout's bias and the layer norm's weights."""

    tables: tuple[Table, ...]
    bias: Floats
    n_out: int
    n_pieces: int
    gain: Floats
    shift: Floats
    params: tuple[object, ...]
    """The parameter arrays it was worked out from (a trained model gets new ones)."""


def _parts(node: AnyModel) -> tuple[list[AnyModel], AnyModel, AnyModel]:
    """The hashembed layers, the maxout and the layer norm of spaCy's MultiHashEmbed node."""
    _, _, embeddings, projection, _ = node.layers
    tables = [chain.layers[1] for chain in embeddings.layers[0].layers]
    maxout, norm = projection.layers[0].layers[0].layers
    return tables, maxout, norm


def _params(node: AnyModel) -> tuple[object, ...]:
    tables, maxout, norm = _parts(node)
    arrays = [table.get_param("E") for table in tables]
    return (*arrays, maxout.get_param("W"), maxout.get_param("b"), norm.get_param("G"), norm.get_param("b"))


def precompute(node: AnyModel) -> Projection:
    """Project every row of every table of ``node`` through its columns of the maxout's weights."""
    tables, maxout, norm = _parts(node)
    by_piece, bias = piece_major(maxout)
    projected = []
    offset = 0
    for table in tables:
        rows = numpy.asarray(table.get_param("E"), dtype=numpy.float32)
        share = by_piece[:, offset : offset + rows.shape[1]]
        projected.append(
            Table(table.attrs["column"], table.attrs["seed"], numpy.ascontiguousarray(rows @ share.T))
        )
        offset += rows.shape[1]
    return Projection(
        tuple(projected),
        bias,
        maxout.get_dim("nO"),
        maxout.get_dim("nP"),
        numpy.asarray(norm.get_param("G")),
        numpy.asarray(norm.get_param("b")),
        _params(node),
    )


def piece_major(maxout: AnyModel) -> tuple[Floats, Floats]:
    """A maxout's W and b reordered piece-major (rows and bias entries of one piece together),
    so a product writes each piece as a contiguous block of columns: the same dot products."""
    n_out, n_pieces, n_in = maxout.get_dim("nO"), maxout.get_dim("nP"), maxout.get_dim("nI")
    pieces = numpy.asarray(maxout.get_param("W")).reshape(n_out, n_pieces, n_in).transpose(1, 0, 2)
    by_piece = numpy.ascontiguousarray(pieces.reshape(n_pieces * n_out, n_in))
    bias = numpy.asarray(maxout.get_param("b")).reshape(n_out, n_pieces).T.reshape(-1)
    return by_piece, numpy.ascontiguousarray(bias)


def project(ops: Any, projection: Projection, ids: Any) -> Floats:
    """``layernorm(maxout(concat(tables(ids))))`` for a block of token ids (rows x columns)."""
    products: Floats | None = None
    for table in projection.tables:
        column = ops.as_contig(ids[:, table.column], dtype="uint64")
        keys = ops.hash(column, table.seed) % len(table.rows)
        part = numpy.asarray(ops.gather_add(table.rows, keys))
        if products is None:
            products = part
        else:
            products += part
    assert products is not None, "an embed node has tables"
    products += projection.bias
    return maxout_norm(products, projection.n_out, projection.n_pieces, projection.gain, projection.shift)


def maxout_norm(products: Floats, n_out: int, n_pieces: int, gain: Floats, shift: Floats) -> Floats:
    """The layer norm of the maxout of ``products`` (pieces as blocks of ``n_out`` columns, bias
    added), in thinc's float32 operations: ``mu = X.mean(1); var = X.var(1) + eps;
    (X - mu) * var ** -0.5 * G + b``; a new array."""
    best = products[:, :n_out]
    if n_pieces > 1:
        best = numpy.maximum(best, products[:, n_out : 2 * n_out])
        for piece in range(2, n_pieces):
            numpy.maximum(best, products[:, piece * n_out : (piece + 1) * n_out], out=best)
    best -= best.mean(axis=1, keepdims=True)
    variance = numpy.multiply(best, best).sum(axis=1, keepdims=True)
    variance /= n_out
    variance += EPSILON
    best *= variance ** (-1.0 / 2.0)
    best *= gain
    best += shift
    return best


def fused_embed(
    node: AnyModel, original: Forward, blocks: Callable[[int], list[tuple[int, int]]], no_backprop: Backprop
) -> Forward:
    """Forward for features, hash tables and projection, by :func:`project` a block at a time.

    The projection is worked out now, before any worker forks, so the workers share its pages.
    """
    state = [precompute(node)]

    def forward(model: AnyModel, docs: Any, is_train: bool) -> tuple[Any, Backprop]:
        if is_train:
            return original(model, docs, is_train)
        features, to_ragged, _, _, to_list = model.layers
        ragged = to_ragged.predict(features.predict(docs))
        ids = ragged.dataXd
        if len(ids) == 0:
            return original(model, docs, is_train)
        if any(a is not b for a, b in zip(state[0].params, _params(model), strict=True)):
            state[0] = precompute(model)
        projection = state[0]
        out = numpy.empty((len(ids), projection.n_out), dtype=numpy.float32)
        for start, end in blocks(len(ids)):
            out[start:end] = project(model.ops, projection, ids[start:end])
        return to_list.predict(Ragged(out, ragged.lengths)), no_backprop  # type: ignore[arg-type]

    return forward
