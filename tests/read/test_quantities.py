"""Numbers, times and dates: exact spans and values, compatibility, the example gold and properties."""

from __future__ import annotations

import gzip
import json
import re
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Quantity
from storyline.read import quantities, quantity_masks
from storyline.read.quantities import compatible, find_quantities

REPO = Path(__file__).resolve().parents[2]
GOLD = json.loads((REPO / "examples" / "gold.json").read_text(encoding="utf-8"))
WEDNESDAY = "2031-03-12T20:40:00+01:00"
"""The Port Aldine summit's day: a Wednesday."""
THURSDAY = "2031-03-13T10:00:00+00:00"

Row = tuple[str, str, float | None, str | None, str, float | None, float | None, str | None, str | None]


def rows(text: str, published: str | None = None) -> list[Row]:
    """Each quantity as (text, kind, value, unit, approx, low, high, date, subject)."""
    return [
        (q.text, q.kind, q.value, q.unit, q.approx, q.low, q.high, q.date, q.subject)
        for q in find_quantities(text, "a1", published)
    ]


def one(text: str, published: str | None = None) -> Quantity:
    """The single quantity ``text`` holds."""
    found = find_quantities(text, "a1", published)
    assert len(found) == 1, found
    return found[0]


# --- Cardinals, units and approximators ---------------------------------------------------------

CARDINALS: list[tuple[str, list[Row]]] = [
    ("The two leaders spoke for nearly three hours.", [
        ("two leaders", "count", 2, "leader", "exact", 2, 2, None, None),
        ("nearly three hours", "duration", 3, "hour", "at_most", None, 3, None, None)]),
    ("They met for more than two and a half hours.", [
        ("more than two and a half hours", "duration", 2.5, "hour", "at_least", 2.5, None, None, None)]),
    ("The quake left at least 5,000 dead.", [
        ("at least 5,000 dead", "count", 5000, "person", "at_least", 5000, None, None, "dead")]),
    ("Officials said 47 people killed in the quake were buried.", [
        ("47 people", "count", 47, "person", "exact", 47, 47, None, "killed")]),
    ("Officials said 47 people had been killed.", [
        ("47 people", "count", 47, "person", "exact", 47, 47, None, "killed")]),
    ("By noon there were 12 dead and 3 missing.", [
        ("12 dead", "count", 12, "person", "exact", 12, 12, None, "dead"),
        ("3 missing", "count", 3, "person", "exact", 3, 3, None, "missing")]),
    ("The storm forced 200 residents to leave.", [
        ("200 residents", "count", 200, "resident", "exact", 200, 200, None, None)]),
    ("Twelve fishermen and a dozen divers searched.", [
        ("Twelve fishermen", "count", 12, "fisherman", "exact", 12, 12, None, None),
        ("a dozen divers", "count", 12, "diver", "exact", 12, 12, None, None)]),
    ("The quake damaged hundreds of buildings.", [
        ("hundreds of buildings", "count", 100, "building", "about", 200, 1000, None, None)]),
    ("Several thousand people slept in tents.", [
        ("Several thousand people", "count", 1000, "person", "about", 2000, 10000, None, None)]),
    ("Releases rise by 15 percent, fees by 15%.", [
        ("15 percent", "percent", 15, "percent", "exact", 15, 15, None, None),
        ("15%", "percent", 15, "percent", "exact", 15, 15, None, None)]),
    ("Turnout fell 2.5 percentage points.", [
        ("2.5 percentage points", "percent", 2.5, "percentage point", "exact", 2.5, 2.5, None, None)]),
    ("The fund holds $3 billion, the fee is 2 crowns and the loan €5m.", [
        ("$3 billion", "money", 3e9, "dollar", "exact", 3e9, 3e9, None, None),
        ("2 crowns", "money", 2, "crown", "exact", 2, 2, None, None),
        ("€5m", "money", 5e6, "euro", "exact", 5e6, 5e6, None, None)]),
    ("A magnitude 6.4 earthquake struck about 180 kilometres away.", [
        ("magnitude 6.4", "measure", 6.4, "magnitude", "exact", 6.4, 6.4, None, "earthquake"),
        ("about 180 kilometres", "measure", 180, "kilometre", "about", None, None, None, None)]),
    ("The call lasted about 40 minutes; a 30-minute break followed.", [
        ("about 40 minutes", "duration", 40, "minute", "about", None, None, None, None),
        ("30-minute", "duration", 30, "minute", "exact", 30, 30, None, None)]),
    ("It took half an hour, then an hour and a half, then nearly an hour.", [
        ("half an hour", "duration", 0.5, "hour", "exact", 0.5, 0.5, None, None),
        ("an hour and a half", "duration", 1.5, "hour", "exact", 1.5, 1.5, None, None),
        ("nearly an hour", "duration", 1, "hour", "at_most", None, 1, None, None)]),
    ("About a third of exports pass the corridor; fees rose by a fifth.", [
        ("About a third", "percent", 33.33, "percent", "about", None, None, None, None),
        ("a fifth", "percent", 20, "percent", "exact", 20, 20, None, None)]),
    ("The two trade ministers met three neighbouring mayors.", [
        ("two trade ministers", "count", 2, "minister", "exact", 2, 2, None, None),
        ("three neighbouring mayors", "count", 3, "mayor", "exact", 3, 3, None, None)]),
    ("Four of the past five years were dry.", [
        ("Four", "count", 4, None, "exact", 4, 4, None, None),
        ("five years", "duration", 5, "year", "exact", 5, 5, None, None)]),
    ("The number of people killed in the quake has risen to at least 31, the ministry said.", [
        ("at least 31", "count", 31, "person", "at_least", 31, None, None, "killed")]),
    ("The death toll reached 47. Crews cleared 12 roads.", [
        ("47", "count", 47, "person", "exact", 47, 47, None, "dead"),
        ("12 roads", "count", 12, "road", "exact", 12, 12, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CARDINALS, ids=[text[:40] for text, _ in CARDINALS])
def test_cardinals_units_and_approximators(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


APPROXIMATORS = [
    ("nearly", "at_most"), ("almost", "at_most"), ("just under", "at_most"), ("close to", "at_most"),
    ("up to", "at_most"), ("at most", "at_most"), ("no more than", "at_most"), ("fewer than", "at_most"),
    ("less than", "at_most"), ("under", "at_most"), ("within", "at_most"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("some", "about"),
    ("approximately", "about"),
    ("more than", "at_least"), ("over", "at_least"), ("upwards of", "at_least"), ("at least", "at_least"),
    ("no fewer than", "at_least"),
]  # fmt: skip


@pytest.mark.parametrize(("approximator", "approx"), APPROXIMATORS)
def test_every_approximator_maps_to_the_gold_vocabulary(approximator: str, approx: str) -> None:
    quantity = one(f"Rescuers found {approximator} 20 survivors.")
    bounds = {"at_most": (None, 20), "at_least": (20, None), "about": (None, None)}[approx]
    assert (quantity.text, quantity.approx, (quantity.low, quantity.high)) == (
        f"{approximator} 20 survivors",
        approx,
        bounds,
    )


@pytest.mark.parametrize(
    "text",
    [
        "One of the officials said the last one was signed.",
        "It is within one of the closest alliances.",
        "Cases of COVID-19 rose, said U.S.-Israeli officials.",
        "Call 555-123-4567 or +44 20 7946 0958 for details.",
        "See https://news.example/2031/04/22/quake-kills-12 for more.",
        "The A320 and the F-16 landed.",
    ],
)
def test_numbers_inside_other_tokens_are_skipped(text: str) -> None:
    assert rows(text) == []


# --- Ordinals, weekdays, dates and relative dates ------------------------------------------------

ORDINALS: list[tuple[str, list[Row]]] = [
    ("It was their sixth meeting, the seventh by another count.", [
        ("sixth meeting", "ordinal", 6, None, "exact", 6, 6, None, "meeting"),
        ("seventh", "ordinal", 7, None, "exact", 7, 7, None, None)]),
    ("For the sixth time, the 21st round and the twenty-first session.", [
        ("sixth time", "ordinal", 6, None, "exact", 6, 6, None, "time"),
        ("21st round", "ordinal", 21, None, "exact", 21, 21, None, "round"),
        ("twenty-first session", "ordinal", 21, None, "exact", 21, 21, None, "session")]),
    ("The first foreign team, a third meeting, the 6th.", [
        ("first foreign team", "ordinal", 1, None, "exact", 1, 1, None, "team"),
        ("third meeting", "ordinal", 3, None, "exact", 3, 3, None, "meeting"),
        ("6th", "ordinal", 6, None, "exact", 6, 6, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ORDINALS, ids=[text[:40] for text, _ in ORDINALS])
def test_ordinals(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


CALENDAR: list[tuple[str, str | None, list[Row]]] = [
    ("The leaders met on Wednesday.", WEDNESDAY, [
        ("on Wednesday", "weekday", None, "wednesday", "exact", None, None, "2031-03-12", None)]),
    ("The leaders met on Wednesday.", THURSDAY, [
        ("on Wednesday", "weekday", None, "wednesday", "exact", None, None, "2031-03-12", None)]),
    ("Thursday's meeting went ahead.", WEDNESDAY, [
        ("Thursday", "weekday", None, "thursday", "exact", None, None, "2031-03-06", "meeting")]),
    ("The flood came on Monday night, the call last Wednesday, talks next Monday.", WEDNESDAY, [
        ("on Monday night", "weekday", None, "monday", "exact", None, None, "2031-03-10", "night"),
        ("last Wednesday", "weekday", None, "wednesday", "exact", None, None, "2031-03-05", None),
        ("next Monday", "weekday", None, "monday", "exact", None, None, "2031-03-17", None)]),
    ("They met on Thursday.", None, [
        ("on Thursday", "weekday", None, "thursday", "exact", None, None, None, None)]),
    ("Wednesday late in New York is Thursday in Port Aldine.", "2031-03-12T23:30:00-05:00", [
        ("Wednesday", "weekday", None, "wednesday", "exact", None, None, "2031-03-12", None),
        ("Thursday", "weekday", None, "thursday", "exact", None, None, "2031-03-06", None)]),
    ("Signed March 12, ratified 12 March 2031, filed 2031-03-12, sealed on March 12, 2031.", None, [
        ("March 12", "date", None, None, "exact", None, None, None, None),
        ("12 March 2031", "date", None, None, "exact", None, None, "2031-03-12", None),
        ("2031-03-12", "date", None, None, "exact", None, None, "2031-03-12", None),
        ("on March 12, 2031", "date", None, None, "exact", None, None, "2031-03-12", None)]),
    ("Talks began March 12, resume March 20 and follow a December 20 deadline.", THURSDAY, [
        ("March 12", "date", None, None, "exact", None, None, "2031-03-12", None),
        ("March 20", "date", None, None, "exact", None, None, "2031-03-20", None),
        ("December 20", "date", None, None, "exact", None, None, "2030-12-20", None)]),
    ("The policy held in 2026 and in early 2026, after the 1987 treaty and since the 1990s.", None, [
        ("in 2026", "date", None, None, "exact", None, None, "2026", None),
        ("in early 2026", "date", None, None, "exact", None, None, "2026", None),
        ("1987", "date", None, None, "exact", None, None, "1987", None),
        ("1990s", "date", 1990, "decade", "exact", None, None, None, None)]),
    ("Reservoirs fell last August; the summit in March; members named in May. They may go.", "2031-04-14", [
        ("last August", "date", None, None, "exact", None, None, "2030-08", None),
        ("in March", "date", None, None, "exact", None, None, "2031-03", None),
        ("in May", "date", None, None, "exact", None, None, "2031-05", None)]),
    ("Yesterday and today the leaders met, this week and last week too.", WEDNESDAY, [
        ("Yesterday", "relative_date", None, None, "exact", None, None, "2031-03-11", None),
        ("today", "relative_date", None, None, "exact", None, None, "2031-03-12", None),
        ("this week", "relative_date", None, None, "exact", None, None, None, None),
        ("last week", "relative_date", None, None, "exact", None, None, None, None)]),
    ("Earlier this month, last year and shortly after the meeting.", WEDNESDAY, [
        ("Earlier this month", "relative_date", None, None, "exact", None, None, "2031-03", None),
        ("last year", "relative_date", None, None, "exact", None, None, "2030", None),
        ("shortly after the meeting", "relative_date", None, None, "exact", None, None, None, None)]),
    ("The levy started three days ago and ends before the end of the month.", WEDNESDAY, [
        ("three days ago", "relative_date", 3, "day", "exact", 3, 3, "2031-03-09", None),
        ("before the end of the month", "relative_date", None, None, "exact", None, None, "2031-03", None)]),
    ("The quake hit at 3:40 a.m. and aftershocks at 14:05.", None, [
        ("3:40 a.m.", "time", 220, "minute", "exact", 220, 220, None, None),
        ("14:05", "time", 845, "minute", "exact", 845, 845, None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    CALENDAR,
    ids=[f"{text[:32]}@{published}" for text, published, _ in CALENDAR],
)
def test_calendar(text: str, published: str | None, expected: list[Row]) -> None:
    assert rows(text, published) == expected


def test_the_seed_phrases() -> None:
    text = (
        "Trump and Netanyahu concluded meetings this week without a deal, a central pillar of his policy "
        "in early 2026. The meeting lasted nearly three hours. In a post issued shortly after the meeting, "
        "Trump spoke of the talks."
    )
    assert rows(text, "2026-02-12") == [
        ("this week", "relative_date", None, None, "exact", None, None, None, None),
        ("in early 2026", "date", None, None, "exact", None, None, "2026", None),
        ("nearly three hours", "duration", 3, "hour", "at_most", None, 3, None, None),
        ("shortly after the meeting", "relative_date", None, None, "exact", None, None, None, None),
    ]


def test_spans_point_into_the_text_with_the_article_id() -> None:
    text = "Rescuers pulled two people alive from the rubble on Tuesday."
    found = find_quantities(text, "s3-brightwater-times")
    assert [(q.span.article_id, q.span.text(text)) for q in found] == [
        ("s3-brightwater-times", "two people"),
        ("s3-brightwater-times", "on Tuesday"),
    ]


# --- compatible ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("nearly three hours", "more than two and a half hours", True),
        ("sixth", "seventh", False),
        ("the sixth meeting", "the seventh meeting", False),
        ("at least 12 dead", "47 people killed", True),
        ("on Wednesday", "on Thursday", False),
        ("on Wednesday", "on Wednesday", True),
        ("nearly an hour", "about 40 minutes", True),
        ("about 40 minutes", "50 minutes", False),
        ("at least 31 people", "12 people", False),
        ("hundreds of buildings", "350 buildings", True),
        ("12 dead", "12 injured", None),
        ("15 percent", "three hours", None),
        ("in March 2031", "March 12, 2031", True),
    ],
)
def test_compatible(first: str, second: str, expected: bool | None) -> None:
    assert compatible(one(first), one(second)) is expected


def test_resolved_weekdays_compare_by_date() -> None:
    this_week = one("on Wednesday", WEDNESDAY)
    assert compatible(this_week, one("on Wednesday", THURSDAY)) is True
    assert compatible(this_week, one("March 12", THURSDAY)) is True
    assert compatible(this_week, one("on Wednesday", "2031-03-20")) is False
    assert compatible(this_week, one("this week")) is None


# --- The example corpus's gold --------------------------------------------------------------------


def source_text(label: str) -> str:
    """The text of an example article as its file holds it (JSONL record, WARC payload, page)."""
    article = GOLD["articles"][label]
    path: Path = REPO / article["file"]
    if path.suffix == ".jsonl":
        return str(
            json.loads(path.read_text(encoding="utf-8").splitlines()[int(article["record"]) - 1])["text"]
        )
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return path.read_text(encoding="utf-8")


def sentence_with(label: str, phrase: str) -> str:
    """The sentence or paragraph of ``label``'s source around ``phrase``, without markup."""
    text = source_text(label)
    at = text.index(phrase)
    start = max(text.rfind(mark, 0, at) for mark in ("\n", ". ", ">")) + 1
    ends = [found for mark in ("\n", ". ", "<") if (found := text.find(mark, at + len(phrase))) != -1]
    return text[start : min(ends, default=len(text))]


def found_in_source(label: str, phrase: str) -> Quantity:
    """The quantity whose text is exactly ``phrase``, read in its own sentence."""
    sentence = sentence_with(label, phrase)
    matches = [
        q for q in find_quantities(sentence, label, GOLD["articles"][label]["published"]) if q.text == phrase
    ]
    assert len(matches) == 1, (phrase, sentence, find_quantities(sentence, label))
    return matches[0]


@pytest.mark.parametrize("number", GOLD["numbers"], ids=lambda n: f"{n['article']}:{n['text']}")
def test_gold_numbers(number: dict[str, Any]) -> None:
    quantity = found_in_source(number["article"], number["text"])
    assert (quantity.value, quantity.unit, quantity.approx) == (
        number["value"],
        number["unit"],
        number["approx"],
    )


def test_gold_conflicts_are_incompatible() -> None:
    for conflict in GOLD["conflicts"]:
        sides = []
        for value in conflict["values"]:
            found = [found_in_source(label, value["text"]) for label in value["articles"]]
            if conflict["kind"] == "number":
                assert {q.value for q in found} == {value["number"]}
            else:
                assert {q.unit for q in found} == {value["value"].lower()}
            sides.append(found)
        assert all(compatible(a, b) is False for a in sides[0] for b in sides[1])
        assert all(compatible(a, b) is not False for side in sides for a, b in combinations(side, 2))


def test_gold_compatible_figures_are_compatible() -> None:
    for entry in GOLD["compatible"]:
        found = [found_in_source(value["article"], value["text"]) for value in entry["values"]]
        assert all(compatible(a, b) is True for a, b in combinations(found, 2))


def test_gold_death_toll_updates() -> None:
    for update in GOLD["updates"]:
        for step in update["sequence"] + update["stale"]:
            quantity = found_in_source(step["article"], step["text"])
            assert (quantity.value, quantity.unit, quantity.kind) == (step["value"], "person", "count")


# --- Properties and speed --------------------------------------------------------------------------

VOCABULARY = [
    "nearly three hours", "more than", "two and a half", "at least", "5,000 dead", "47 people killed",
    "sixth", "seventh meeting", "on Wednesday", "Thursday's", "March 12, 2031", "2031-03-12", "in early 2026",
    "yesterday", "this week", "shortly after the meeting", "$3 billion", "15%", "percent", "a third of",
    "hundreds of", "3:40 a.m.", "COVID-19", "U.S.-Israeli", "555-123-4567", "magnitude 6.4", "twenty-first",
    "21st", "the 1990s", "half an hour", "by a fifth", "several thousand", "ago", "May", "may", "killed",
    "99 pm", "March 0", "-", ",",
]  # fmt: skip
PUBLISHED = st.one_of(st.none(), st.text(max_size=12), st.dates().map(str), st.datetimes().map(str))
TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=3)), max_size=30).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=30).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, published=PUBLISHED)
def test_spans_are_exact_ordered_and_disjoint(text: str, published: str | None) -> None:
    found = find_quantities(text, "x", published)
    assert all(text[q.span.start : q.span.end] == q.text and q.text for q in found)
    assert all(a.span.end <= b.span.start for a, b in pairwise(found))


class EveryFamily:
    """Stands in for the head index: every family is tried at every token."""

    def get(self, head: str, default: object) -> tuple[tuple[re.Pattern[str], Any], ...]:
        return tuple((pattern, build) for pattern, build, _ in quantities._FAMILIES)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, published=PUBLISHED)
def test_the_head_index_misses_no_match(text: str, published: str | None) -> None:
    indexed = find_quantities(text, "x", published)
    with mock.patch.object(quantities, "_BY_HEAD", EveryFamily()):
        assert find_quantities(text, "x", published) == indexed


@settings(max_examples=200, deadline=None)
@given(a=TEXTS, b=TEXTS)
def test_compatible_is_symmetric_and_never_raises(a: str, b: str) -> None:
    for first in find_quantities(a, "a", "2031-03-12")[:3]:
        for second in find_quantities(b, "b", None)[:3]:
            assert compatible(first, second) is compatible(second, first)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab.:/-+() 0123456789@wht\n", max_size=60))
def test_the_mask_without_e_mail_finds_the_same_where_there_is_no_at_sign(text: str) -> None:
    """Without "@" the e-mail part of the mask cannot match: leaving it out changes nothing."""

    def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    text = text.replace("@", "")
    assert spans(quantity_masks.MASK_NO_EMAIL_RE, text) == spans(quantity_masks.MASK_RE, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.:/-+() 0123456789@whtp\n", max_size=60))
def test_masked_spans_are_the_mask_s_matches(text: str) -> None:
    """The checks before the scan only skip texts in which the mask matches nothing."""
    assert quantity_masks.masked_spans(text) == [m.span() for m in quantity_masks.MASK_RE.finditer(text)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Call 555-123-4567 now.", [(5, 17)]),
        ("Call (555) 123-4567 now.", [(5, 19)]),
        ("Dial +44 20 7946 0958.", [(5, 21)]),
        ("See www.example.com or mail a@b.example today.", [(4, 19), (28, 39)]),
        ("In 2031, 12 people and +5 points, 555 123 4567.", []),
    ],
)
def test_masked_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert quantity_masks.masked_spans(text) == spans
