"""``in a statement`` beside a cue verb: part of the cue, by where it stands."""

from __future__ import annotations

from tests.read.test_attributions import _spans


def test_a_trailing_in_a_statement_after_a_quotation_joins_the_cue() -> None:
    text = "“The valley will not flood,” Mayor Ilse Marrow said in a statement."
    assert _spans(text) == {("Mayor Ilse Marrow", "said in a statement", "The valley will not flood")}


def test_a_trailing_in_an_interview_stays_out_of_the_cue() -> None:
    text = "“The valley will not flood,” Mayor Ilse Marrow said in an interview."
    assert _spans(text) == {("Mayor Ilse Marrow", "said", "The valley will not flood")}


def test_a_that_clause_hung_on_the_statement_is_the_content_and_the_noun_no_cue() -> None:
    text = (
        "Teodor Kask, who is running against Ilse Marrow, said in a statement that "
        '"the levy has stopped farmers from planting."'
    )
    assert _spans(text) == {
        ("Teodor Kask", "said in a statement", 'that "the levy has stopped farmers from planting.')
    }


def test_a_trailing_in_a_news_release_joins_the_cue() -> None:
    text = "“The valley will not flood,” the council said in a news release."
    assert _spans(text) == {("the council", "said in a news release", "The valley will not flood")}
