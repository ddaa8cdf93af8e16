"""Cues over a document noun: ``issued a statement saying ...``."""

from __future__ import annotations

from storyline.read.attributions import find_attributions
from storyline.read.nlp import parse


def _spans(text: str) -> set[tuple[str | None, str, str]]:
    return {
        (a.source_span.text(text) if a.source_span else None, a.cue, a.content_span.text(text))
        for a in find_attributions(parse(text), "a1")
    }


def test_the_issuer_of_a_statement_is_the_source_and_the_cue_spans_the_statement() -> None:
    text = "The Velka council issued a statement saying that the dam would open in May."
    assert _spans(text) == {
        ("The Velka council", "issued a statement saying", "that the dam would open in May")
    }


def test_adverbs_of_the_issuing_verb_join_the_cue() -> None:
    text = "Kask also sent a tweet saying the levy was dead."
    assert _spans(text) == {("Kask", "also sent a tweet saying", "the levy was dead")}
