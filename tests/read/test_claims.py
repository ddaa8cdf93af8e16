"""Claims: the clause walk on token lists, negation and reported clauses."""

from __future__ import annotations

from storyline.model import Attribution, Span
from storyline.read.claims import _cue_mask, _Tree, find_claims
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
