"""Quotations: pairing marks, speakers from cues, partial and scare quotes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from storyline.read import quotes
from storyline.read.entities import find_entities
from storyline.read.nlp import parse
from storyline.read.quotes import find_quote_ranges, find_quotes


def _quotes(text: str) -> list[tuple[str, str, str | None, str | None]]:
    doc = parse(text)
    entities = find_entities(doc, "a1")
    names = {e.id: e.name for e in entities}
    return [
        (q.kind, q.text, q.speaker_text, names.get(q.speaker or ""))
        for q in find_quotes(doc, "a1", [], entities)
    ]


def test_direct_quote_with_speaker_after() -> None:
    text = "“We will keep talking to our neighbours every week,” President Maren Dovic said on Thursday."
    assert _quotes(text) == [
        (
            "direct",
            "We will keep talking to our neighbours every week",
            "President Maren Dovic",
            "Maren Dovic",
        )
    ]


def test_straight_marks_and_pronoun_speaker() -> None:
    text = (
        "Prime Minister Teodor Kask arrived late. "
        'He told reporters that the dam was "a question of survival" for his farmers.'
    )
    assert _quotes(text) == [("partial", "a question of survival", "He", "Teodor Kask")]


def test_speaker_of_a_controlled_cue() -> None:
    text = "The summit produced what diplomats like to call a “new spirit” between the two capitals."
    assert _quotes(text) == [("partial", "new spirit", "diplomats", None)]


def test_scare_quote_has_no_speaker() -> None:
    text = "The two leaders spoke of a “new spirit” between the two capitals."
    assert _quotes(text) == [("scare", "new spirit", None, None)]


def test_unattributed_scare_quote() -> None:
    text = "For now the status quo of “talks over action” will persist in the region."
    assert _quotes(text) == [("scare", "talks over action", None, None)]


def test_quote_across_paragraphs() -> None:
    text = "“The first part of the quote goes here.\n\n“And the second part continues it,” she said."
    ranges = find_quote_ranges(text)
    assert [text[s:e] for s, e in ranges] == [
        "The first part of the quote goes here.\n\n“And the second part continues it"
    ]


def test_apostrophes_are_not_quotes() -> None:
    assert find_quote_ranges("Iran’s leaders and Israel’s don’t agree.") == []


@given(st.text(alphabet='ab “”"‘’\n .,', max_size=80))
def test_ranges_are_ordered_inside_the_text(text: str) -> None:
    ranges = find_quote_ranges(text)
    assert ranges == sorted(ranges)
    for start, end in ranges:
        assert 0 <= start < end <= len(text)


@given(st.text(alphabet='"“”a \n(-—,.!x]', max_size=40))
def test_straight_quote_marks_are_found_as_by_the_plain_patterns(paragraph: str) -> None:
    """The mark-first patterns find the marks the look-behind-first ones found (they only scan faster)."""
    opening = re.compile(r'(?:^|(?<=[\s(\[—–-]))"(?=\S)')
    closing = re.compile(r'(?<=\S)"(?=$|[\s,.;:!?)\]—–-])')
    assert [m.span() for m in quotes._OPEN_STRAIGHT.finditer(paragraph)] == [
        m.span() for m in opening.finditer(paragraph)
    ]
    assert [m.span() for m in quotes._CLOSE_STRAIGHT.finditer(paragraph)] == [
        m.span() for m in closing.finditer(paragraph)
    ]
