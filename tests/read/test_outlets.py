"""Outlets and relays: normalised names, unnamed media labels, relay phrases, the example corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.model import Attribution, Span
from storyline.read.attributions import find_attributions
from storyline.read.nlp import parse
from storyline.read.outlets import find_relays, media_label, outlet_name

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = {
    "s1-velorian-herald": "velorian_herald_orvane_summit.html",
    "s1-free-velorian": "free_velorian_port_aldine.html",
}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Israeli daily Haaretz", "Haaretz"),
        ("Israeli public broadcaster Kan", "Kan"),
        ("Reuters", "Reuters"),
        ("the Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("the Daily Meridian", "The Daily Meridian"),
        ("Kestrel Courier", "Kestrel Courier"),
        ("the Kestranian Broadcasting Network", "The Kestranian Broadcasting Network"),
        ("Egypt Daily News", "Egypt Daily News"),
        ("the news agency Xinhua", "Xinhua"),
        ("Israeli Channel 12", "Channel 12"),
        ("Haaretz’s", "Haaretz"),
        ("The New York Times", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("The Times of Israel", "The Times of Israel"),
    ],
)
def test_outlet_names_are_normalised(text: str, name: str) -> None:
    assert outlet_name(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "Trump",
        "the White House",
        "the Central Intelligence Agency",
        "the newspaper",
        "Israeli media",
        "the news",
        "",
    ],
)
def test_non_outlets(text: str) -> None:
    assert outlet_name(text) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Israeli media", "Israeli media"),
        ("Israeli media outlets", "Israeli media"),
        ("Hebrew-language reports", "Israeli media"),
        ("local media", "local media"),
        ("Reports", "unnamed media"),
        ("media reports", "unnamed media"),
        ("Reuters", None),
        ("officials", None),
        ("the report", None),
    ],
)
def test_media_collectives_get_a_stable_label(text: str, label: str | None) -> None:
    assert media_label(text) == label


def _attribution(text: str, source: str, kind: str) -> Attribution:
    start = text.index(source)
    return Attribution(
        source_span=Span("a1", start, start + len(source)),
        cue_span=Span("a1", start + len(source) + 1, start + len(source) + 5),
        content_span=Span("a1", start + len(source) + 6, len(text)),
        source_text=source,
        cue="said",
        source_kind=kind,
    )


def test_relays_from_attributions_named_and_unnamed() -> None:
    text = "Haaretz said it. Israeli media said it. Officials said it."
    attributions = [
        _attribution(text, "Haaretz", "outlet"),
        _attribution(text, "Israeli media", "media"),
        _attribution(text, "Officials", "anonymous"),
    ]
    relays = find_relays(attributions, text)
    assert [(r.outlet, r.named, r.span.text(text)) for r in relays] == [
        ("Haaretz", True, "Haaretz"),
        ("Israeli media", False, "Israeli media"),
    ]


def test_one_source_phrase_heading_two_attributions_is_one_relay() -> None:
    text = "The Daily Meridian wrote that the levy would rise, citing officials briefed on the talks."
    relays = find_relays(find_attributions(parse(text), "a1"), text)
    assert [(r.outlet, r.span.text(text)) for r in relays] == [("The Daily Meridian", "The Daily Meridian")]


@pytest.mark.parametrize(
    ("text", "outlet", "evidence"),
    [
        (
            "The levy rose, as the Daily Meridian reported.",
            "The Daily Meridian",
            "as the Daily Meridian reported",
        ),
        ("The talks were first reported by Axios on Monday.", "Axios", "first reported by Axios"),
        ("Politico first reported the meeting.", "Politico", "Politico first reported"),
        ("JERUSALEM (Reuters) - Israel said it would talk.", "Reuters", "(Reuters)"),
        ("“We will win,” Trump told Fox News.", "Fox News", "told Fox News"),
        ("as Politico reported, the levy rose.", "Politico", "as Politico reported"),
        ("Politico was the first to report the meeting.", "Politico", "Politico was the first to report"),
    ],
)
def test_relay_phrases_without_an_attribution(text: str, outlet: str, evidence: str) -> None:
    relays = find_relays([], text, article_id="a7")
    assert any(r.outlet == outlet and evidence in r.span.text(text) for r in relays), relays
    assert all(r.span.article_id == "a7" for r in relays)


def test_seed_001_relays(shared: Path) -> None:
    (path,) = sorted((shared / "seeds").glob("001_*.txt"))
    text = path.read_text(encoding="utf-8")
    relays = find_relays(find_attributions(parse(text), path.stem), text)
    named = {r.outlet for r in relays if r.named}
    unnamed = {(r.outlet, r.span.text(text)) for r in relays if not r.named}
    assert named == {"Haaretz", "Kan"}
    assert ("Israeli media", "Hebrew-language reports") in unnamed
    assert ("Israeli media", "Israeli media outlets") in unnamed


def _sentence_with(path: Path, phrase: str) -> str:
    """The sentence of an example page that holds ``phrase`` (tags stripped, one paragraph)."""
    plain = re.sub(r"<[^>]+>", "\n", path.read_text(encoding="utf-8"))
    paragraph = next(line for line in plain.splitlines() if phrase in line)
    return next(s for s in re.split(r"(?<=\.)\s+", paragraph.strip()) if phrase in s)


def test_example_corpus_relays_are_found() -> None:
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    assert gold["relays"], "the example corpus should list relays"
    for relay in gold["relays"]:
        sentence = _sentence_with(EXAMPLES / EXAMPLE_FILES[relay["article"]], relay["text"])
        found = find_relays(find_attributions(parse(sentence), relay["article"]), sentence)
        at = sentence.index(relay["text"])
        assert any(
            r.outlet == relay["outlet"] and r.span.start < at + len(relay["text"]) and at < r.span.end
            for r in found
        ), (relay, found)


@pytest.mark.parametrize(
    "text",
    [
        "The levy, which Kask has Politico said, rose.",  # "as" inside a word opens no relay
        "Politico first said the levy rose, and the first report came later.",
        "Politico was the first to say so.",
    ],
)
def test_no_relay_phrase(text: str) -> None:
    assert find_relays([], text, article_id="a7") == []
