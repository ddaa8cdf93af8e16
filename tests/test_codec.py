"""The records' JSON codec: every record survives the round trip, as the store relies on."""

from __future__ import annotations

import json

from storyline.codec import from_json, to_json, to_text
from storyline.model import Article, Reading
from storyline.read.nlp import parse
from storyline.read.reader import read_article

TEXT = (
    "Brellport's mayor, Ilse Varn, said on Tuesday that the trams would run again by May. "
    "\u201cWe are nearly there,\u201d she told the Lantern Post. Officials reportedly expect "
    "about 4,000 riders a day, and critics called the plan \u201creckless.\u201d"
)


def test_a_reading_survives_the_round_trip_through_text() -> None:
    article = Article(id="a1", text=TEXT, origin="test", published="2031-04-01")
    reading = read_article(article, parse(TEXT))
    assert reading.quotes and reading.attributions and reading.quantities
    assert from_json(Reading, json.loads(to_text(reading))) == reading
    assert to_text(reading) == json.dumps(to_json(reading), ensure_ascii=False, separators=(",", ":"))


def test_unknown_keys_are_dropped_and_missing_optional_fields_default() -> None:
    data = {"id": "a2", "text": "Body.", "origin": "o", "title": None, "added_later": 3}
    assert from_json(Article, data) == Article(id="a2", text="Body.", origin="o")
