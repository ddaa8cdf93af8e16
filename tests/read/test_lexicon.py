"""Loaded terms and hedges: the lexicon's matching rules, the seed articles and the example gold."""

from __future__ import annotations

import html
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from storyline.model import LoadedTerm
from storyline.read import lexicon_words
from storyline.read.lexicon import (
    find_hedges,
    find_loaded_terms,
    lexicon,
    lexicon_sizes,
    normalize,
    quoted_ranges,
)

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEED_000 = "000_1b64532517cb09a0.txt"
SEED_001 = "001_75dcb4dd7c60b6d7.txt"
_TEST_QUOTES = re.compile(r"“[^”]*”|\"[^\"]*\"")
"""A quote-pair finder of the test's own, so that voice is not checked against the code under test."""


def terms(text: str, quoted: list[tuple[int, int]] | None = None) -> list[tuple[str, str, str]]:
    """(canonical term, surface form, voice) of every loaded term, with exact-span checking."""
    found = find_loaded_terms(text, "a", quoted or [])
    return [(t.term, text[t.span.start : t.span.end], t.voice) for t in found]


def canonical(text: str) -> list[str]:
    return [term for term, _, _ in terms(text)]


def hedges(text: str) -> list[tuple[str, str]]:
    return [(text[start:end], hedge) for start, end, hedge in find_hedges(text)]


# --- the lexicon itself ---------------------------------------------------------------------


def test_every_category_is_used_and_sizes_add_up() -> None:
    sizes = lexicon_sizes()
    assert set(sizes) == {"evaluative", "intensifier", "emotive", "loaded_label", "failure_frame"}
    assert all(count >= 40 for count in sizes.values())
    assert sum(sizes.values()) == len({canonical for canonical, _ in lexicon().values()})


def test_every_entry_matches_itself() -> None:
    for key, (entry, category) in lexicon().items():
        found = find_loaded_terms(f"They said it was {key} today.", "a")
        assert [(t.term, t.category) for t in found] == [(entry, category)], key


def test_every_context_rule_names_an_entry() -> None:
    entries = {entry for entry, _ in lexicon().values()}
    assert set(lexicon_words.CONTEXT_RULES) <= entries


@pytest.mark.parametrize("surface", ["caved", "caves", "caving", "cave", "caved in", "Caved In"])
def test_verb_inflections_report_the_base_entry(surface: str) -> None:
    text = f"Under pressure the minister {surface} to the unions."
    found = find_loaded_terms(text, "a1")
    assert len(found) == 1
    term = found[0]
    assert term.span.article_id == "a1"
    assert text[term.span.start : term.span.end] == surface
    assert term.term in {"cave", "cave in"}
    assert term.category == "failure_frame"
    assert term.voice == "outlet"


def test_regular_inflection_rules() -> None:
    assert canonical("She slammed the plan and he was slamming it too.") == ["slam", "slam"]
    assert canonical("Critics have pilloried him; he backed down and flip-flopped.") == [
        "pillory",
        "back down",
        "flip-flop",
    ]
    assert canonical("Two gaffes and several pointed messages.") == ["gaffe", "pointed message"]


def test_phrases_match_across_hyphen_space_and_case() -> None:
    for surface in ("empty-handed", "empty handed", "Empty-Handed", "EMPTY HANDED", "emptyhanded"):
        assert terms(f"He left {surface}.") == [("empty-handed", surface, "outlet")]
    assert terms("the limits of his influence") == [
        ("limits of influence", "limits of his influence", "outlet")
    ]


def test_whole_words_only() -> None:
    assert canonical("A caveat about the cavern and the slam-dunk case.") == []
    assert canonical("A reckless-looking plan.") == []


def test_normalize_collapses_spacing_and_apostrophes() -> None:
    assert normalize("Empty-\u2010 Handed") == "empty handed"
    assert normalize("Don\u2019t") == "don't"


# --- context rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended with sharp words from both sides.", ["sharp words"]),
        ("The meeting starts at 9 sharp.", []),
        ("Shares fell sharply on Monday.", ["sharply"]),
        ("She sharply criticized the deal.", ["sharply"]),
        ("Negotiators hammered out a deal overnight.", []),
        ("Republicans hammered the plan as a giveaway.", ["hammer", "giveaway"]),
        ("Divers explored the caves near the coast.", []),
        ("The senator caves to pressure again.", ["cave"]),
        ("He met Dovic on the sidelines of the summit.", []),
        ("The speaker sidelined her critics.", ["sideline"]),
        ("An armed assault on the compound killed three soldiers.", []),
        ("The bill is an assault on the free press, editors said.", ["assault"]),
        ("The blast damaged three buildings.", []),
        ("The governor blasted the ruling.", ["blast"]),
        ("A tax regime for small firms.", []),
        ("The regime in Tehran rejected the offer.", ["regime"]),
        ("Extreme weather closed the roads.", []),
        ("A productive capacity of two million tonnes.", []),
        ("The meetings were productive, aides said.", ["productive"]),
        ("The storm hammered the coast.", []),
        ("Savers lost everything in the Ponzi scheme.", []),
        ("A scheme to dodge the spending rules.", ["scheme"]),
    ],
)
def test_context_rules_separate_literal_from_loaded(text: str, expected: list[str]) -> None:
    assert canonical(text) == expected


def test_negated_terms_are_dropped() -> None:
    assert canonical("Dovic did not cave, and it was not a humiliating outcome.") == []
    assert canonical("Kask didn't back down.") == []
    assert canonical("It was hardly a fiasco.") == []


def test_affirming_not_only_keeps_the_term() -> None:
    assert canonical("It was not only a humiliating retreat but a costly one.") == ["humiliating", "retreat"]


def test_voice_follows_the_quoted_ranges() -> None:
    text = 'The opposition called it "a shameful surrender" while the paper called it reckless.'
    found = terms(text, quoted_ranges(text))
    assert found == [
        ("shameful", "shameful", "quoted"),
        ("surrender", "surrender", "quoted"),
        ("reckless", "reckless", "outlet"),
    ]


def test_quoted_ranges_pair_marks_and_stop_at_the_paragraph() -> None:
    text = "He said “no deal” and “more\nnext"
    assert [text[a:b] for a, b in quoted_ranges(text)] == ["“no deal”", "“more"]


# --- hedges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He reportedly refused.", [("reportedly", "reportedly")]),
        ("The envoy allegedly met them.", [("allegedly", "allegedly")]),
        ("Talks may have stalled.", [("may have", "may have")]),
        ("Talks may stall.", [("may", "may")]),
        ("The vote is in May.", []),
        ("Iran could build one.", [("could", "could")]),
        ("Iran could not build one.", []),
        ("The strike might have failed.", [("might have", "might have")]),
        ("Israel's military might.", []),
        ("She appeared to waver.", [("appeared to", "appear")]),
        ("She appeared unable to persuade him.", [("appeared", "appear")]),
        ("She appeared on television.", []),
        ("She appeared to reporters to be calm.", []),
        ("It appears the deal is off.", [("It appears", "appear")]),
        ("He seemed tired.", [("seemed", "seem")]),
        ("Aides suggested a delay.", [("suggested", "suggest")]),
        ("Talks are expected to resume.", [("are expected to", "expected to")]),
        ("He will likely win.", [("likely", "likely")]),
        ("Most likely voters agree.", []),
        ("It is understood that talks will resume.", [("It is understood", "it is understood")]),
        ("According to some, the deal is dead.", [("According to some", "according to some")]),
        ("Officials said the deal is dead.", []),
    ],
)
def test_hedges(text: str, expected: list[tuple[str, str]]) -> None:
    assert hedges(text) == expected


def test_hedges_are_in_text_order_and_do_not_overlap() -> None:
    found = find_hedges("Perhaps he may have left; he reportedly could return, possibly soon.")
    assert [hedge for _, _, hedge in found] == ["perhaps", "may have", "reportedly", "could", "possibly"]
    assert all(a[1] <= b[0] for a, b in pairwise(found))


# --- speed ----------------------------------------------------------------------------------------


# --- the real seed articles (../shared/seeds) -------------------------------------------------


def _seed(shared: Path, name: str) -> tuple[str, list[LoadedTerm]]:
    text = (shared / "seeds" / name).read_text(encoding="utf-8")
    return text, find_loaded_terms(text, name, quoted_ranges(text))


def _has(found: list[LoadedTerm], text: str, term: str, voice: str, surface: str | None = None) -> bool:
    return any(
        t.term == term
        and t.voice == voice
        and (surface is None or text[t.span.start : t.span.end] == surface)
        for t in found
    )


def test_seed_000_loaded_terms(shared: Path) -> None:
    text, found = _seed(shared, SEED_000)
    assert _has(found, text, "high-stakes", "outlet", "high-stakes")
    assert _has(found, text, "productive", "outlet", "productive")
    assert next(t for t in found if t.term == "productive").category == "evaluative"


def test_seed_001_loaded_terms_and_voice(shared: Path) -> None:
    text, found = _seed(shared, SEED_001)
    assert _has(found, text, "empty-handed", "outlet", "Empty-Handed")  # the title line
    assert _has(found, text, "empty-handed", "quoted", "empty-handed")  # “empty-handed,” from Haaretz
    assert _has(found, text, "pointed message", "outlet")
    assert _has(found, text, "limits of influence", "outlet")


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        (SEED_000, ["reportedly insisted", "appears to be rooted", "is expected to continue"]),
        (SEED_001, ["reportedly reaffirmed", "suggested", "appeared unable", "may have influenced"]),
    ],
)
def test_seed_hedges(shared: Path, name: str, phrases: list[str]) -> None:
    text = (shared / "seeds" / name).read_text(encoding="utf-8")
    found = find_hedges(text)
    for phrase in phrases:
        at = text.index(phrase)
        assert any(at <= start < at + len(phrase) for start, _, _ in found), phrase


# --- the example corpus's gold ------------------------------------------------------------------


def _example_lines(article: str) -> list[str]:
    """The text lines of a gold article's file, tags stripped from HTML."""
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    raw = (REPO / gold["articles"][article]["file"]).read_text(encoding="utf-8")
    return [html.unescape(re.sub(r"<[^>]+>", " ", line)) for line in raw.splitlines()]


def _gold(kind: str) -> list[dict[str, str]]:
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    if kind == "loaded_terms":
        return list(gold["loaded_terms"])
    return [entry for entry in gold["absent"] if entry.get("kind") == "loaded_term"]


def _line_terms(line: str) -> list[tuple[str, str, str]]:
    """(canonical term, surface form lower-cased, voice): gold names a term by either ("caved")."""
    quoted = [m.span() for m in _TEST_QUOTES.finditer(line)]
    found = find_loaded_terms(line, "example", quoted)
    return [(t.term, line[t.span.start : t.span.end].lower(), t.voice) for t in found]


def _found(lines: list[str]) -> set[tuple[str, str]]:
    """(term, voice) pairs found in the lines, the term both as canonical entry and as written."""
    found = set()
    for line in lines:
        for term, surface, voice in _line_terms(line):
            found |= {(term, voice), (surface, voice)}
    return found


@pytest.mark.parametrize("entry", _gold("loaded_terms"), ids=lambda e: f"{e['article']}:{e['term']}")
def test_gold_loaded_terms_are_found(entry: dict[str, str]) -> None:
    lines = [line for line in _example_lines(entry["article"]) if entry["term"].lower() in line.lower()]
    assert lines, f"{entry['term']} not in the example file"
    found = _found(lines)
    assert (entry["term"].lower(), entry["voice"]) in found


@pytest.mark.parametrize("entry", _gold("absent"), ids=lambda e: f"{e['article']}:{e['term']}:{e['voice']}")
def test_gold_absent_loaded_terms_are_not_flagged(entry: dict[str, str]) -> None:
    found = _found(_example_lines(entry["article"]))
    assert (entry["term"].lower(), entry["voice"]) not in found
