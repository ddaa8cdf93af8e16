"""Cue verbs of the lexicon added in later rounds, on made-up sentences."""

from __future__ import annotations

import pytest

from tests.read.test_attributions import _spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The farmers persuaded the council to drop the levy.",
            ("The farmers", "persuaded", "the council to drop the levy"),
        ),
        (
            "The mayor convinced the farmers to accept the dam.",
            ("The mayor", "convinced", "the farmers to accept the dam"),
        ),
        ("Kask ignored the warnings about the river.", ("Kask", "ignored", "the warnings about the river")),
        (
            "The report documented the damage to the valley.",
            ("The report", "documented", "the damage to the valley"),
        ),
        (
            "The engineers voiced doubts about the new pumps.",
            ("The engineers", "voiced", "doubts about the new pumps"),
        ),
        (
            "The council appointed Marrow to lead the inquiry.",
            ("The council", "appointed", "Marrow to lead the inquiry"),
        ),
        (
            "The governor nominated Kask as the new judge.",
            ("The governor", "nominated", "Kask as the new judge"),
        ),
        ("The farmers dislike the new levy on water.", ("The farmers", "dislike", "the new levy on water")),
        ("The mayor detailed her plan for the dam.", ("The mayor", "detailed", "her plan for the dam")),
        (
            "The engineers chastised the council for the delays.",
            ("The engineers", "chastised", "the council for the delays"),
        ),
        (
            "The farmers petitioned the council to drop the levy.",
            ("The farmers", "petitioned", "the council"),
        ),
        (
            "Kask deplored the decision to close the school.",
            ("Kask", "deplored", "the decision to close the school"),
        ),
        (
            "The council acquiesced to the demands of the farmers.",
            ("The council", "acquiesced to", "the demands of the farmers"),
        ),
    ],
)
def test_added_cue_verbs_take_their_object(text: str, expected: tuple[str, str, str]) -> None:
    assert _spans(text) == {expected}


def test_implore_is_a_cue_verb() -> None:
    assert ("The mayor", "implored", "voters to back the dam") in _spans(
        "The mayor implored voters to back the dam."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Marrow noticed that the river was rising.", ("Marrow", "noticed", "that the river was rising")),
        (
            "Marrow sensed that the vote was slipping away.",
            ("Marrow", "sensed", "that the vote was slipping away"),
        ),
        ("Marrow shared that the river was rising.", ("Marrow", "shared", "that the river was rising")),
        ("The farmers witnessed that the dam broke.", ("The farmers", "witnessed", "that the dam broke")),
    ],
)
def test_added_clause_verbs_are_cues_before_a_clause(text: str, expected: tuple[str, str, str]) -> None:
    assert _spans(text) == {expected}


def test_demonstrate_is_a_cue_before_a_clause() -> None:
    text = "The survey demonstrated that voters want the dam."
    assert ("The survey", "demonstrated", "that voters want the dam") in _spans(text)


def test_added_clause_verbs_are_no_cues_with_a_plain_object() -> None:
    assert _spans("Marrow shared the report with the council.") == set()
