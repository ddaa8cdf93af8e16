"""The fused tok2vec forwards: window layers bit for bit, the projected embedding to the last bits,
the same annotations, and only at inference."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from thinc.api import Model

from storyline.read import fastnet
from storyline.read.nlp import load_pipeline

TEXTS = [
    "Prime Minister Benjamin Netanyahu told reporters in Jerusalem on Monday that talks had failed.",
    "",
    "A",
    "Reuters reported, citing two officials, that the U.S. wrote to Qatar's emir. " * 80,
    "Spaces  between\n\nparagraphs \t and\n  lines.",
]
"""Short, empty, one-token, and a text longer than one :data:`fastnet.BLOCK` of tokens."""


def networks() -> list[tuple[str, Model[Any, Any]]]:
    nlp = load_pipeline(int8=False)
    return [("tok2vec", nlp.get_pipe("tok2vec").model), ("ner", nlp.get_pipe("ner").model.layers[0])]


def as_arrays(output: Any) -> list[numpy.ndarray[Any, Any]]:
    return [numpy.asarray(part) for part in output] if isinstance(output, list) else [numpy.asarray(output)]


def reference(model: Model[Any, Any], inputs: Any) -> list[numpy.ndarray[Any, Any]]:
    """thinc's own forward of ``model`` (the fused ones taken out, then put back)."""
    with fastnet.thinc_forwards([model]) as removed:
        assert removed > 0
        return as_arrays(model.predict(inputs))


def embedding(model: Model[Any, Any]) -> Model[Any, Any]:
    return next(node for node in model.walk() if fastnet._is_embed(node))


def window_stack(model: Model[Any, Any]) -> Model[Any, Any]:
    """The chain of four window blocks (inside tok2vec's ``with_array``)."""
    wrapper = next(node for node in model.walk() if node.name.startswith("with_array(residual("))
    return wrapper.layers[0]


@pytest.mark.parametrize("block", [5, 128, fastnet.BLOCK])
@pytest.mark.parametrize("name", ["tok2vec", "ner"])
def test_fused_window_layers_are_bit_identical(
    name: str, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastnet, "BLOCK", block)
    nlp = load_pipeline(int8=False)
    model = dict(networks())[name]
    docs = [nlp.make_doc(text) for text in TEXTS]
    assert sum(len(doc) for doc in docs) > 1024 + fastnet.SMALLEST_BLOCK
    stack = window_stack(model)
    rows = numpy.concatenate(as_arrays(embedding(model).predict(docs)))
    fused = as_arrays(stack.predict(rows))
    expected = reference(stack, rows)
    assert [array.shape for array in fused] == [array.shape for array in expected]
    for got, want in zip(fused, expected, strict=True):
        assert got.dtype == want.dtype
        assert numpy.array_equal(got, want)


@pytest.mark.parametrize("name", ["tok2vec", "ner"])
def test_projected_embedding_matches_thinc_to_the_last_bits(name: str) -> None:
    nlp = load_pipeline(int8=False)
    model = dict(networks())[name]
    docs = [nlp.make_doc(text) for text in TEXTS]
    fused = as_arrays(model.predict(docs))
    expected = reference(model, docs)
    assert [array.shape for array in fused] == [array.shape for array in expected]
    for got, want in zip(fused, expected, strict=True):
        assert got.dtype == want.dtype == numpy.float32
        assert numpy.abs(got - want).max(initial=0.0) < 2e-5


def test_tags_parses_and_entities_are_thinc_s() -> None:
    nlp = load_pipeline(int8=False)
    models = [model for _, pipe in nlp.pipeline if (model := getattr(pipe, "model", None))]

    def annotations() -> list[tuple[str, str, int, str, str]]:
        return [
            (token.tag_, token.dep_, token.head.i, token.ent_iob_, token.ent_type_)
            for doc in nlp.pipe(TEXTS)
            for token in doc
        ]

    fused = annotations()
    with fastnet.thinc_forwards(models):
        expected = annotations()
    assert fused == expected
    assert annotations() == fused  # the fused forwards are back


def test_training_runs_thinc_forward() -> None:
    nlp = load_pipeline(int8=False)
    model = dict(networks())["tok2vec"]
    docs = [nlp.make_doc(TEXTS[0])]
    _, backprop = model.begin_update(docs)
    assert callable(backprop)
    _, backprop = model(docs, is_train=False)
    with pytest.raises(NotImplementedError):
        backprop([])


@pytest.mark.parametrize("total", [0, 1, 63, 64, 1023, 1024, 1535, 1536, 5000])
def test_blocks_cover_rows_and_none_is_small(total: int) -> None:
    blocks = fastnet._blocks(total)
    assert [start for start, _ in blocks] == [0, *[end for _, end in blocks[:-1]]][: len(blocks)]
    assert (blocks[-1][1] if blocks else 0) == total
    assert all(end - start >= min(total, fastnet.SMALLEST_BLOCK) for start, end in blocks)
