"""The fused tok2vec forwards give thinc's arrays bit for bit, and only at inference."""

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
    nlp = load_pipeline()
    return [("tok2vec", nlp.get_pipe("tok2vec").model), ("ner", nlp.get_pipe("ner").model.layers[0])]


def as_arrays(output: Any) -> list[numpy.ndarray[Any, Any]]:
    return [numpy.asarray(part) for part in output] if isinstance(output, list) else [numpy.asarray(output)]


@pytest.mark.parametrize("block", [5, 128, fastnet.BLOCK])
@pytest.mark.parametrize("name", ["tok2vec", "ner"])
def test_fused_forward_is_bit_identical(name: str, block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastnet, "BLOCK", block)
    nlp = load_pipeline()
    model = dict(networks())[name]
    docs = [nlp.make_doc(text) for text in TEXTS]
    assert sum(len(doc) for doc in docs) > 1024 + fastnet.SMALLEST_BLOCK
    fused = as_arrays(model.predict(docs))
    assert fastnet.uninstall([model]) == 2
    try:
        reference = as_arrays(model.predict(docs))
    finally:
        assert fastnet.install([model]) == 2
    assert [array.shape for array in fused] == [array.shape for array in reference]
    for got, expected in zip(fused, reference, strict=True):
        assert got.dtype == expected.dtype
        assert numpy.array_equal(got, expected)


def test_training_runs_thinc_forward() -> None:
    nlp = load_pipeline()
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
