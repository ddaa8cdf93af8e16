"""Content edges: trailing clauses PolNeAR leaves out, on made-up sentences."""

from __future__ import annotations

from tests.read.test_attributions import _spans


def test_a_trailing_though_clause_is_cut_from_a_clausal_content() -> None:
    text = "Teodor Kask said that the dam would open in May, though the engineers had doubts about the pumps."
    assert _spans(text) == {("Teodor Kask", "said", "that the dam would open in May")}
