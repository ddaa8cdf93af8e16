"""Noun cues with a ``that`` clause added in later rounds, on made-up sentences."""

from __future__ import annotations

from tests.read.test_attributions import _spans


def test_the_point_that_is_a_cue_with_its_verb() -> None:
    assert _spans("Kask made the point that the levy is unfair.") == {
        ("Kask", "made the point", "that the levy is unfair")
    }


def test_the_conclusion_that_is_a_cue_with_its_verb() -> None:
    assert _spans("The council reached the conclusion that the dam must close.") == {
        ("The council", "reached the conclusion", "that the dam must close")
    }


def test_a_vow_and_a_sense_with_a_that_clause_are_cues() -> None:
    assert _spans("Her vow that the dam would close angered the farmers.") == {
        ("Her", "vow", "that the dam would close")
    }
    assert _spans("There is a sense that the vote is slipping away.") == {
        (None, "a sense", "that the vote is slipping away")
    }
