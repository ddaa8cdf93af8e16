"""The fast pipeline against spaCy's own: same tags, parse, lemmas, morphology and entities.

These compare the float pipeline (``load_pipeline(int8=False)``); the default 8-bit one is held
to its agreement with it in ``test_fastint8.py``."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any, cast

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.pipeline import AttributeRuler, TrainablePipe
from spacy.tokens import Doc
from thinc.api import NumpyOps
from thinc.types import Floats3d, Ints2d

from storyline.read import fastpos, fastrules
from storyline.read.fastops import InferenceOps
from storyline.read.nlp import MODEL_NAME, load_pipeline, parse
from tests.read.test_fastint8 import basil_texts

COLUMNS: list[int | str] = [
    "POS", "TAG", "DEP", "HEAD", "LEMMA", "MORPH", "ENT_IOB", "ENT_TYPE", "SENT_START",
]  # fmt: skip

TRICKY = [
    "Let's go, y'all: we're gonna win and I gotta say it ain't over.",
    "C'mon, there is nothing doin' here, ol' friend; tell 'em 'nuff is 'nuff.",
    "There were doubts. There's a plan and there are two more, aren't there?",
    "I told him and he told me; you saw it and it saw you. They gave us theirs.",
    "She has done it, had done it and does do it. Did he? He did, and he'd have said so.",
    "The minister said on Monday that the talks, which began in May, had failed.",
    "“We will not accept this,” Prime Minister Benjamin Netanyahu told reporters in Jerusalem.",
    "Reuters reported, citing two officials, that the U.S. wrote to Qatar's emir.",
    "Spaces  between\n\nparagraphs \t and\n  lines.",
    "That is what that means: this, these and those. Here and then, once, well.",
    "It gets worse; it got better. Can't, won't, shan't, wouldn't.",
    "",
    "   ",
]

SALAD = [
    "gon", "na", "got", "ta", "let", "'s", "c'm", "on", "y'", "all", "ai", "n't", "there", "is",
    "are", "was", "I", "you", "it", "me", "do", "did", "have", "had", "that", "this", "the",
    "said", "told", "wrote", "Netanyahu", "Gaza", "but", "if", "\n\n", " ", ",", ".", "not",
    "being", "been", "'d", "'ll", "'re", "'ve", "nothin'", "somethin'", "ol'", "'em",
]  # fmt: skip
"""Words the multi-token and lexical rules look for, to be strung together at random."""


@pytest.fixture(scope="module")
def stock() -> Language:
    """en_core_web_sm exactly as shipped: default ops, attribute_ruler and lemmatizer."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(MODEL_NAME)


def exact(text: str) -> Doc:
    """``text`` parsed by the float pipeline."""
    return load_pipeline(int8=False)(text)


def _differences(ours: Doc, theirs: Doc) -> list[str]:
    assert [t.text for t in ours] == [t.text for t in theirs]
    if len(ours) == 0:
        return []
    mine, reference = ours.to_array(COLUMNS), theirs.to_array(COLUMNS)
    return [
        f"{ours[i].text!r}: {ours[i].pos_}/{ours[i].lemma_}/{ours[i].morph} "
        f"vs {theirs[i].pos_}/{theirs[i].lemma_}/{theirs[i].morph}"
        for i in numpy.nonzero((mine != reference).any(axis=1))[0]
    ]


def test_pipeline_keeps_parser_and_ner_and_replaces_the_rule_components() -> None:
    names = load_pipeline().pipe_names
    assert names == ["tok2vec", "tagger", "parser", fastpos.COMPONENT, "ner"]
    ner = load_pipeline().get_pipe("ner")
    assert isinstance(ner, TrainablePipe)
    assert isinstance(ner.model.ops, InferenceOps)


@pytest.mark.parametrize("text", TRICKY)
def test_same_annotations_as_stock_spacy(stock: Language, text: str) -> None:
    assert _differences(exact(text), stock(text)) == []


def test_reporting_verbs_and_entities() -> None:
    doc = parse("The ambassador said on Monday that Israel had told the envoy, who wrote back.")
    verbs = {t.text: (t.pos_, t.lemma_) for t in doc if t.pos_ in {"VERB", "AUX"}}
    assert verbs["said"] == ("VERB", "say")
    assert verbs["told"] == ("VERB", "tell")
    assert verbs["wrote"] == ("VERB", "write")
    assert verbs["had"] == ("AUX", "have")
    assert ("Israel", "GPE") in {(e.text, e.label_) for e in doc.ents}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SALAD), min_size=1, max_size=25))
def test_same_annotations_on_arbitrary_word_salad(stock: Language, words: list[str]) -> None:
    text = " ".join(words)
    assert _differences(exact(text), stock(text)) == []


def test_same_annotations_on_basil_articles(stock: Language, shared: Path) -> None:
    texts = basil_texts(shared, 12)
    for ours, theirs in zip(load_pipeline(int8=False).pipe(texts), stock.pipe(texts), strict=True):
        assert _differences(ours, theirs) == []


def test_rule_semantics_match_attribute_ruler_on_a_blank_pipeline() -> None:
    """Precedence, overlapping multi-token matches, negative indices, IN/NOT_IN/REGEX, IS_SPACE."""
    rules: list[tuple[list[list[dict[int | str, Any]]], dict[str, Any], int]] = [
        ([[{"LOWER": "a"}]], {"POS": "DET", "LEMMA": "one"}, 0),
        ([[{"LOWER": "a"}, {"LOWER": "a"}]], {"POS": "X"}, -1),
        ([[{"LOWER": {"IN": ["b", "c"]}}]], {"POS": "NOUN", "MORPH": "Number=Sing"}, 0),
        ([[{"LOWER": {"REGEX": "^c+$"}}]], {"MORPH": "Number=Plur"}, 0),
        ([[{"LOWER": {"NOT_IN": ["a", "b", "c"]}, "IS_SPACE": False}]], {"POS": "PROPN"}, 0),
        ([[{"IS_SPACE": True}]], {"POS": "SPACE", "TAG": "_SP"}, 0),
        ([[{"LOWER": "b"}, {}, {"LOWER": "b"}]], {"LEMMA": "bee"}, 1),
    ]
    plain, fast = spacy.blank("en"), spacy.blank("en")
    for nlp in (plain, fast):
        ruler = nlp.add_pipe("attribute_ruler")
        assert isinstance(ruler, AttributeRuler)
        for patterns, attrs, index in rules:
            ruler.add(patterns, attrs, index=index)
    assert fastpos.install(fast)
    assert fast.pipe_names == [fastpos.COMPONENT]
    for text in ["a a a b", "b a b c cc", "x  a\n\nA a b B", "a", "ccc b c b"]:
        assert _differences(fast(text), plain(text)) == [], text


def test_unsupported_rules_leave_the_pipeline_alone() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"ORTH": "x", "OP": "+"}]], {"POS": "X"})
    assert not fastpos.install(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def test_canonical_values_keep_what_rules_can_tell_apart() -> None:
    named = fastrules.Named(frozenset({"said"}), (re.compile("^n'?t$").search,))
    assert named.canonical("said") == "said"
    assert named.canonical("n't") == "n't"
    assert named.canonical("nt") == "nt"
    assert named.canonical("wrote") == fastrules.OTHER


def test_inference_ops_maxout_gives_the_same_maxima() -> None:
    rng = numpy.random.default_rng(7)
    ops = InferenceOps()
    for pieces in (1, 2, 3):
        values = rng.standard_normal((50, 8, pieces)).astype("float32")
        values[:10] = numpy.round(values[:10])  # ties
        best, _ = ops.maxout(cast(Floats3d, values))
        expected, _ = NumpyOps().maxout(values)
        assert numpy.array_equal(numpy.asarray(best), expected)
    with pytest.raises(NotImplementedError):
        ops.backprop_maxout(best, cast(Ints2d, numpy.zeros((50, 8), dtype="int32")), 3)


def test_inference_ops_gemm_is_numpy_dot() -> None:
    rng = numpy.random.default_rng(3)
    x = rng.standard_normal((20, 6)).astype("float32")
    w = rng.standard_normal((4, 6)).astype("float32")
    product = InferenceOps().gemm(x, w, trans2=True)
    assert numpy.allclose(product, x @ w.T, atol=1e-5)
