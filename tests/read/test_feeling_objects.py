"""Feeling-noun objects that join their verb's cue: ``expressed concern that ...``."""

from __future__ import annotations

from tests.read.test_attributions import _spans


def test_a_bare_feeling_noun_joins_the_cue_before_a_that_clause() -> None:
    text = "Mayor Ilse Marrow expressed concern that the new levy would empty the valley."
    assert _spans(text) == {
        ("Mayor Ilse Marrow", "expressed concern", "that the new levy would empty the valley")
    }


def test_a_bare_feeling_noun_and_its_preposition_join_the_cue() -> None:
    text = "The farmers expressed skepticism about the dam on the Velka river."
    assert _spans(text) == {("The farmers", "expressed skepticism about", "the dam on the Velka river")}


def test_an_object_with_a_determiner_stays_the_content() -> None:
    text = "The farmers expressed their anger about the dam."
    assert _spans(text) == {("The farmers", "expressed", "their anger about the dam")}
