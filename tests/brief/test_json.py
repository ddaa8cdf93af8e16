"""``to_json``: exactly the storyline.report/1 shape of design.md, plus ``speakers_differ`` and ``stale``."""

from __future__ import annotations

import json
from typing import Any

import pytest
from brief.ferry_story import BT, DM, span

from storyline.brief import brief, to_json, verify_report
from storyline.model import Report, StoryInfo

SHAPE: dict[str, Any] = {
    "story": {"id", "title", "first_published", "last_published", "entities"},
    "sources": {
        "article_id",
        "outlet",
        "byline",
        "title",
        "url",
        "published",
        "copies",
        "relays",
        "origin_group",
    },
    "relays": {"outlet", "span"},
    "facts": {"id", "statement", "status", "independent_origins", "outlets", "support"},
    "support": {"article_id", "span", "text"},
    "conflicts": {"id", "about", "kind", "values"},
    "values": {"value", "article_ids", "spans"},
    "updates": {"about", "sequence", "stale"},
    "step": {"value", "published", "article_id", "span"},
    "quotes": {"speaker", "text", "occurrences", "speakers_differ"},
    "occurrences": {"article_id", "span", "form", "diff"},
    "framing": {"article_id", "headline_angle", "loaded_terms", "leads_with", "omits"},
    "loaded_terms": {"term", "span", "voice"},
    "briefing": {"text", "citations"},
    "citations": {"article_id", "span"},
}


@pytest.fixture
def document(bare_report: Report, texts: dict[str, str]) -> dict[str, Any]:
    report = brief(bare_report, texts)
    assert verify_report(report, texts) == []
    loaded: dict[str, Any] = json.loads(to_json(report))
    return loaded


def test_top_level_keys_in_design_order(document: dict[str, Any]) -> None:
    assert list(document) == [
        "format",
        "story",
        "sources",
        "facts",
        "conflicts",
        "updates",
        "quotes",
        "framing",
        "briefing",
    ]
    assert document["format"] == "storyline.report/1"
    assert set(document["story"]) == SHAPE["story"]


def test_every_record_has_exactly_its_keys(document: dict[str, Any]) -> None:
    for source in document["sources"]:
        assert set(source) == SHAPE["sources"]
        assert all(set(relay) == SHAPE["relays"] for relay in source["relays"])
    for fact in document["facts"]:
        assert set(fact) == SHAPE["facts"]
        assert all(set(item) == SHAPE["support"] for item in fact["support"])
    for conflict in document["conflicts"]:
        assert set(conflict) == SHAPE["conflicts"]
        assert all(set(value) == SHAPE["values"] for value in conflict["values"])
    for update in document["updates"]:
        assert set(update) == SHAPE["updates"]
        assert all(set(step) == SHAPE["step"] for step in update["sequence"] + update["stale"])
    for entry in document["quotes"]:
        assert set(entry) == SHAPE["quotes"]
        assert all(set(item) == SHAPE["occurrences"] for item in entry["occurrences"])
    for item in document["framing"]:
        assert set(item) == SHAPE["framing"]
        assert all(set(use) == SHAPE["loaded_terms"] for use in item["loaded_terms"])
    for sentence in document["briefing"]:
        assert set(sentence) == SHAPE["briefing"]
        assert all(set(c) == SHAPE["citations"] for c in sentence["citations"])


def test_spans_are_start_end_lists(document: dict[str, Any]) -> None:
    assert document["sources"][2]["relays"] == [
        {"outlet": "The Daily Meridian", "span": list(span(BT, "according to The Daily Meridian"))}
    ]
    assert document["conflicts"][0]["values"][0] == {
        "value": "212",
        "article_ids": [DM, BT],
        "spans": [list(span(DM, "212 passengers")), list(span(BT, "212 passengers"))],
    }
    assert document["briefing"][4]["citations"][0] == {
        "article_id": DM,
        "span": list(span(DM, "At least 12 people died")),
    }


def test_values_are_carried_unchanged(document: dict[str, Any]) -> None:
    assert document["story"] == {
        "id": "story-skelde-ferry",
        "title": "Ferry Aldine Star capsizes off Skelde",
        "first_published": "2031-05-12T07:40:00+00:00",
        "last_published": "2031-05-12T18:20:00+00:00",
        "entities": ["Aldine Star", "Skelde", "Ilse Voren"],
    }
    assert document["sources"][0]["copies"] == ["dm-ferry-syndicated"]
    assert document["updates"][0]["stale"][0]["value"] == "12"
    assert document["quotes"][0]["speakers_differ"] is False
    assert document["framing"][2]["omits"] == ["f2"]
    assert document["briefing"][0]["text"].startswith("Reported by 3 outlets (2 independent origins): ")


def test_empty_report_has_every_list() -> None:
    document = json.loads(to_json(Report(StoryInfo("s", "T"))))
    assert document == {
        "format": "storyline.report/1",
        "story": {"id": "s", "title": "T", "first_published": None, "last_published": None, "entities": []},
        "sources": [],
        "facts": [],
        "conflicts": [],
        "updates": [],
        "quotes": [],
        "framing": [],
        "briefing": [],
    }


def test_text_is_kept_as_characters_not_escapes(bare_report: Report, texts: dict[str, str]) -> None:
    assert "“shocking”" in to_json(brief(bare_report, texts))
