"""Cues over a document noun: ``issued a statement saying ...``."""

from __future__ import annotations

from tests.read.test_attributions import _spans


def test_the_issuer_of_a_statement_is_the_source_and_the_cue_spans_the_statement() -> None:
    text = "The Velka council issued a statement saying that the dam would open in May."
    assert _spans(text) == {
        ("The Velka council", "issued a statement saying", "that the dam would open in May")
    }


def test_adverbs_of_the_issuing_verb_join_the_cue() -> None:
    text = "Kask also sent a tweet saying the levy was dead."
    assert _spans(text) == {("Kask", "also sent a tweet saying", "the levy was dead")}
