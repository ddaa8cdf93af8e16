"""Claims: the clause walk on token lists, negation and reported clauses."""

from __future__ import annotations

import numpy

from storyline.model import Attribution, Span
from storyline.read.claims import _any_equal, _cue_mask, _Tree, find_claims
from storyline.read.nlp import parse


def _claims(text: str, attributions: list[Attribution] | None = None) -> list[tuple[str, str, bool]]:
    doc = parse(text)
    found = find_claims(list(doc.sents), "a", attributions or [], [], [])
    return [(c.predicate, c.text, c.negated) for c in found]


def test_negators_negate_the_clause_they_govern() -> None:
    claims = _claims(
        "The talks did not alter the plan. They ended without reaching a deal. "
        "The ministers reached no final decisions. The ministers reached a deal."
    )
    assert [negated for _, _, negated in claims] == [True, True, True, False]


def test_a_cue_steps_into_the_reported_clause() -> None:
    text = "The minister said that the talks had failed completely."
    cue = text.index("said")
    attribution = Attribution(
        source_span=Span("a", 0, 12),
        cue_span=Span("a", cue, cue + 4),
        content_span=Span("a", cue + 5, len(text) - 1),
        source_text="The minister",
        cue="say",
        source_kind="person",
    )
    assert [predicate for predicate, _, _ in _claims(text, [attribution])] == ["fail"]
    assert [predicate for predicate, _, _ in _claims(text)] == ["say"]


def test_cue_mask_marks_the_cue_characters_only() -> None:
    attribution = Attribution(None, Span("a", 3, 7), Span("a", 8, 20), "", "say", "unnamed")
    far = Attribution(None, Span("a", 18, 40), Span("a", 0, 1), "", "say", "unnamed")
    mask = _cue_mask([attribution, far], 20)
    assert len(mask) == 21
    assert [i for i, marked in enumerate(mask) if marked] == [3, 4, 5, 6, 18, 19, 20]


def test_subtrees_come_in_token_order_and_keep_spacy_order() -> None:
    doc = parse("Officials in the capital, who spoke on Monday, said the deal, signed late, would hold.")
    tree = _Tree(doc)
    for token in doc:
        assert tree.subtree(token.i) == [t.i for t in token.subtree]


def test_tree_columns_are_the_tokens_own() -> None:
    doc = parse(
        "No deal was signed, and Kask did not leave without a word; none of them spoke.\n\nIt rained."
    )
    tree = _Tree(doc)
    assert tree.head == [t.head.i for t in doc]
    assert tree.idx == [t.idx for t in doc]
    assert tree.end == [t.idx + len(t.text) for t in doc]
    assert tree.dep == [t.dep_ for t in doc]
    assert tree.verb == [t.pos_ in ("VERB", "AUX") for t in doc]
    assert tree.negators == [
        (t.i, t.lower_) for t in doc if t.lower_ in ("without", "no", "never", "none", "nothing")
    ]
    assert [word for _, word in tree.negators] == ["no", "without", "none"]
    assert tree.children == [[c.i for c in t.children] for t in doc]


def test_any_equal() -> None:
    column = numpy.array([5, 7, 5, 9, 2**63 + 1], dtype=numpy.uint64)
    assert _any_equal(column, [5, 2**63 + 1]).tolist() == [True, False, True, False, True]
    assert _any_equal(column, []).tolist() == [False] * 5
