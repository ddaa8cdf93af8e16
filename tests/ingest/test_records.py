"""JSON and JSON Lines records."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.html import extract_html
from storyline.ingest.records import parse_json

BODY = "The Brellport tram line reopened on Friday after three weeks of repairs to the overhead wires."


def test_jsonl_with_a_bad_line_keeps_the_good_ones() -> None:
    lines = [
        json.dumps(
            {
                "title": "Trams Return",
                "text": BODY,
                "url": "https://lantern.example/trams",
                "published": "2031-04-04",
                "outlet": "The Lantern Post",
                "byline": "Mira Osei",
            }
        ),
        "[1, 2, 3]",
        "{not json",
        "",
        json.dumps({"headline": "Trams Back", "body": BODY + " Riders were pleased.", "source": "Courier"}),
    ]
    outcome = parse_json("\n".join(lines), "feed.jsonl", extract_html)
    assert [d.origin for d in outcome.documents] == ["feed.jsonl:1", "feed.jsonl:5"]
    first, second = outcome.documents
    assert (first.title, first.outlet, first.byline, first.url, first.published) == (
        "Trams Return",
        "The Lantern Post",
        "Mira Osei",
        "https://lantern.example/trams",
        "2031-04-04",
    )
    assert (second.title, second.outlet) == ("Trams Back", "Courier")
    assert [(r.input, r.reason) for r in outcome.rejected] == [
        ("feed.jsonl:2", "expected a JSON object, found list"),
        ("feed.jsonl:3", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
    ]


def test_json_list_names_records_by_index() -> None:
    text = json.dumps([{"text": BODY}, {"title": "no text"}])
    outcome = parse_json(text, "a.json", extract_html)
    assert [d.origin for d in outcome.documents] == ["a.json#1"]
    assert outcome.rejected[0].input == "a.json#2"
    assert outcome.rejected[0].reason.startswith("the record has no text")


def test_record_with_html_is_extracted() -> None:
    html = f"<html><body><nav>Home | News</nav><article><h1>Trams</h1><p>{BODY}</p></article></body></html>"
    outcome = parse_json(json.dumps({"html": html, "url": "https://x.example/t"}), "h.json", extract_html)
    assert BODY in outcome.documents[0].text
    assert "Home | News" not in outcome.documents[0].text


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["text", "title", "url", "x"]), st.text(max_size=30)), max_size=6
    )
)
def test_every_line_is_either_a_document_or_a_rejection(records: list[dict[str, str]]) -> None:
    text = "\n".join(json.dumps(record) for record in records)
    if len(records) == 1:
        text += "\n"
    outcome = parse_json(text, "p.jsonl", extract_html)
    assert len(outcome.documents) + len(outcome.rejected) == max(len(records), 1)
