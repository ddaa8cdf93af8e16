"""Plain-text parsing: title, byline, furniture, paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.errors import EmptyPageError
from storyline.ingest.text import parse_byline, parse_text, split_paragraphs

SCRAPED = """Council Votes to Close the Old Harbour Bridge

Editor
3 Min Read
Harbour and Council

Mira Osei – The Lantern Post

The city council of Brellport voted on Monday to close the old harbour bridge for repairs.

Engineers said the work would take \u201cat least nine months\u201d.

Share This Article"""


def test_scraped_page_keeps_title_and_byline_and_drops_furniture() -> None:
    document = parse_text(SCRAPED, "bridge.txt")
    assert document.title == "Council Votes to Close the Old Harbour Bridge"
    assert document.byline == "Mira Osei"
    assert document.outlet == "The Lantern Post"
    assert document.text == (
        "The city council of Brellport voted on Monday to close the old harbour bridge for repairs.\n\n"
        "Engineers said the work would take \u201cat least nine months\u201d."
    )


def test_body_only_text_has_no_title() -> None:
    text = "The ferry to Osk resumed service on Tuesday after a week of storms.\nPassengers cheered."
    document = parse_text(text, "ferry.txt")
    assert document.title is None
    assert document.outlet is None
    assert document.text == (
        "The ferry to Osk resumed service on Tuesday after a week of storms.\n\nPassengers cheered."
    )


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The harbour master of Brellport announced a new schedule for the\n"
        "ferries that cross the bay every morning and evening of the week\n"
        "starting next month.\n\nA second paragraph follows here."
    )
    assert split_paragraphs(text) == [
        "The harbour master of Brellport announced a new schedule for the ferries that cross the bay "
        "every morning and evening of the week starting next month.",
        "A second paragraph follows here.",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ahmed Kamel – Egypt Daily News", ("Ahmed Kamel", "Egypt Daily News")),
        ("By Jana Novak", ("Jana Novak", None)),
        ("By Jana Novak, Brellport Courier", ("Jana Novak", "Brellport Courier")),
        ("Trump and Netanyahu", None),
        ("5 Min Read", None),
    ],
)
def test_parse_byline(line: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_byline(line) == expected


def test_only_furniture_is_empty() -> None:
    with pytest.raises(EmptyPageError):
        parse_text("Share This Article\n\n", "x.txt")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_paragraphs_are_trimmed_and_non_empty(text: str) -> None:
    for paragraph in split_paragraphs(text):
        assert paragraph == paragraph.strip()
        assert paragraph
        assert "\n" not in paragraph


def test_seed_001_metadata_and_furniture(shared: Path) -> None:
    path = next((shared / "seeds").glob("001_*.txt"))
    document = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert document.title == (
        "Netanyahu Leaves Washington Empty-Handed as Trump Rejects Push to Halt Iran Talks"
    )
    assert document.byline == "Ahmed Kamel"
    assert document.outlet == "Egypt Daily News"
    lines = document.text.split("\n\n")
    for furniture in ("Editor", "5 Min Read", "Trump and Netanyahu", "Share This Article"):
        assert furniture not in lines
    assert "Share This Article" not in document.text
    assert lines[0].startswith("Israeli media outlets have reported that Prime Minister")
    assert lines[-1].startswith("For Netanyahu, the visit appears")


def test_seed_000_has_no_title_and_no_outlet(shared: Path) -> None:
    path = next((shared / "seeds").glob("000_*.txt"))
    document = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert document.title is None
    assert document.outlet is None
    assert document.byline is None
    assert document.text.startswith("President Donald Trump and Israeli Prime Minister Benjamin Netanyahu")
    assert "Trump maintains focus on diplomatic path" in document.text.split("\n\n")
