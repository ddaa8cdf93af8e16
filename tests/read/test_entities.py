"""Entities with aliases merged, titles kept."""

from __future__ import annotations

import pytest

from storyline.read.entities import _ROLE_PATTERN, find_entities, nation_key
from storyline.read.nlp import parse

TEXT = (
    "President Maren Dovic of Veloria and Kestranian Prime Minister Teodor Kask met in Port Aldine on "
    "Thursday. Dovic said the talks were useful. The Kestranian prime minister disagreed, and the Prime "
    "Minister later left for Sellin. Velorian Ambassador to Kestrania Ilse Varga reportedly attended."
)


def _by_name(text: str) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {e.name: (e.kind, e.aliases, e.titles) for e in find_entities(parse(text), "a1")}


def test_people_merge_surnames_and_roles() -> None:
    entities = _by_name(TEXT)
    assert entities["Teodor Kask"] == (
        "person",
        ("Teodor Kask", "The Kestranian prime minister", "the Prime\nMinister".replace("\n", " ")),
        ("Kestranian Prime Minister",),
    )
    assert entities["Maren Dovic"][1] == ("Maren Dovic", "Dovic")
    assert entities["Ilse Varga"][2] == ("Velorian Ambassador to Kestrania",)


def test_mentions_are_exact_spans() -> None:
    doc = parse(TEXT)
    for entity in find_entities(doc, "a1"):
        for mention in entity.mentions:
            assert TEXT[mention.span.start : mention.span.end] == mention.text
            assert mention.span.article_id == "a1"


def test_nation_keys_match_adjectives_and_countries() -> None:
    assert nation_key("Israeli") == nation_key("Israel") == "israel"
    assert nation_key("American") == nation_key("U.S.") == "united states"
    assert nation_key("Velorian") == "veloria"
    assert nation_key("Kestranian") == "kestrania"


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "The president left; the Velorian prime minister stayed.",
            ["The president", "the Velorian prime minister"],
        ),
        ("THE PRESIDENT left.", ["THE PRESIDENT"]),
        ("To breathe president-like air, bathe the mayor", ["the mayor"]),  # "the" inside a word
    ],
)
def test_role_descriptions_start_at_a_word(text: str, roles: list[str]) -> None:
    assert [m.group(0) for m in _ROLE_PATTERN.finditer(text)] == roles
