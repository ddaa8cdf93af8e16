"""Attitude adjectives added in later rounds, on made-up sentences."""

from __future__ import annotations

from tests.read.test_attributions import _spans


def test_interested_in_is_a_cue_after_be() -> None:
    assert _spans("Marrow is interested in the dam project.") == {
        ("Marrow", "is interested in", "the dam project")
    }
