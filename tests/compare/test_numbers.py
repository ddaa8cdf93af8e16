"""Numbers and dates across sources: conflicts, compatible wordings and updates, read for real."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline.api import open_storyline
from storyline.compare.numbers import CompatibleGroup, Member, compare_quantities
from storyline.model import Article, Conflict, Reading, Update
from storyline.read.nlp import parse
from storyline.read.reader import read_article

REPO = Path(__file__).resolve().parents[2]
GOLD = json.loads((REPO / "examples" / "gold.json").read_text(encoding="utf-8"))
WEDNESDAY_EVENING = "2031-03-12T20:00:00+01:00"
THURSDAY_MORNING = "2031-03-13T08:00:00+00:00"

Item = tuple[Article, Reading]
Outcome = tuple[list[Conflict], list[Update], list[CompatibleGroup]]


def item(article_id: str, text: str, published: str | None = None) -> Item:
    """An article read by the real reader."""
    article = Article(id=article_id, text=text, origin="t", published=published)
    return article, read_article(article, parse(text))


def span(items: list[Item], article_id: str, words: str) -> tuple[int, int]:
    """The ``(start, end)`` of the first ``words`` in article ``article_id``."""
    text = next(a.text for a, _ in items if a.id == article_id)
    start = text.index(words)
    return start, start + len(words)


def sides(conflict: Conflict) -> list[tuple[str, tuple[str, ...]]]:
    return [(value.value, value.article_ids) for value in conflict.values]


# --- Hand-written stories ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def summit() -> list[Item]:
    return [
        item(
            "a",
            "President Anna Holt and Prime Minister Karl Berg met in Lindau on Wednesday and agreed to "
            "build a bridge. The two leaders spoke for nearly three hours. It was the seventh meeting "
            "between them.",
            WEDNESDAY_EVENING,
        ),
        item(
            "b",
            "Prime Minister Karl Berg sat down with President Anna Holt in Lindau on Thursday. They talked "
            "for more than two and a half hours. It was their sixth meeting since Berg took office.",
        ),
        item(
            "c",
            "President Anna Holt agreed on Wednesday to build a bridge with Karl Berg. The summit in Lindau "
            "was the seventh meeting of the two leaders.",
            THURSDAY_MORNING,
        ),
    ]


def test_meeting_day_and_number_conflict(summit: list[Item]) -> None:
    conflicts, updates, _ = compare_quantities(summit)
    assert [(c.id, c.about, c.kind, sides(c)) for c in conflicts] == [
        ("c1", "day of the meeting", "day", [("Wednesday", ("a", "c")), ("Thursday", ("b",))]),
        ("c2", "meeting", "number", [("seventh", ("a", "c")), ("sixth", ("b",))]),
    ]
    assert conflicts[1].values[1].spans == (span(summit, "b", "sixth meeting"),)
    assert conflicts[0].values[0].spans == (
        span(summit, "a", "on Wednesday"),
        span(summit, "c", "on Wednesday"),
    )
    assert updates == []


def test_overlapping_lengths_are_compatible_not_a_conflict(summit: list[Item]) -> None:
    conflicts, _, groups = compare_quantities(summit)
    assert groups == [
        CompatibleGroup(
            "meeting length",
            (
                Member("a", span(summit, "a", "nearly three hours"), "nearly three hours"),
                Member(
                    "b", span(summit, "b", "more than two and a half hours"), "more than two and a half hours"
                ),
            ),
        )
    ]
    assert "meeting length" not in {c.about for c in conflicts}


def test_output_is_deterministic(summit: list[Item]) -> None:
    assert compare_quantities(summit) == compare_quantities(list(summit))


def test_lengths_that_cannot_both_be_true_conflict() -> None:
    items = [
        item("a", "The two leaders talked for nearly three hours in the old customs house."),
        item("b", "The two leaders talked for five hours in the old customs house."),
    ]
    conflicts, _, groups = compare_quantities(items)
    assert [(c.about, c.kind, sides(c)) for c in conflicts] == [
        ("meeting length", "number", [("nearly three hours", ("a",)), ("five hours", ("b",))])
    ]
    assert groups == []


def test_percent_change_conflict_and_same_value_reworded_is_no_group() -> None:
    items = [
        item("a", "Kestrania agreed to raise summer releases from the dam by 15 percent."),
        item("b", "Kestrania agreed to raise summer releases from the dam by 20 percent."),
        item("c", "Kestrania agreed to raise releases from the dam by 15%."),
    ]
    conflicts, _, groups = compare_quantities(items)
    assert [(c.about, sides(c)) for c in conflicts] == [
        ("increase in releases", [("15 percent", ("a", "c")), ("20 percent", ("b",))])
    ]
    assert groups == []


def test_dates_of_one_event_conflict_and_a_weekday_agrees_with_its_date() -> None:
    items = [
        item("a", "The earthquake struck the island on March 12, officials said.", THURSDAY_MORNING),
        item("b", "The earthquake struck the island on March 11.", THURSDAY_MORNING),
        item("c", "The earthquake struck the island on Wednesday.", THURSDAY_MORNING),
    ]
    conflicts, _, groups = compare_quantities(items)
    assert [(c.about, c.kind, sides(c)) for c in conflicts] == [
        ("day of the earthquake", "date", [("2031-03-12", ("a", "c")), ("2031-03-11", ("b",))])
    ]
    assert [[m.text for m in g.members] for g in groups] == [["on March 12", "on Wednesday"]]


# --- Updates ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quake() -> list[Item]:
    return [
        item(
            "n1",
            "An earthquake struck Varn province early on Tuesday, killing at least 12 people.",
            "2031-04-22T05:00:00+00:00",
        ),
        item(
            "n2",
            "The number of people killed in the earthquake has risen to at least 31, officials said.",
            "2031-04-22T16:00:00+02:00",
        ),
        item("n3", "Officials said overnight that 47 people had been killed.", "2031-04-23T07:00:00+00:00"),
        item(
            "n4",
            "Rescuers returned home from Varn province, where an earthquake killed at least 31 people.",
            "2031-04-23T12:00:00+00:00",
        ),
        item("n5", "The earthquake killed 20 people, a local official said."),
    ]


def test_rising_toll_is_an_update_with_a_stale_repeat(quake: list[Item]) -> None:
    conflicts, updates, _ = compare_quantities(quake)
    assert conflicts == []
    assert len(updates) == 1
    update = updates[0]
    assert update.about == "death toll"
    assert [(s.value, s.article_id, s.published) for s in update.sequence] == [
        ("at least 12", "n1", "2031-04-22T05:00:00+00:00"),
        ("at least 31", "n2", "2031-04-22T16:00:00+02:00"),
        ("47", "n3", "2031-04-23T07:00:00+00:00"),
    ]
    assert [(s.value, s.article_id, s.span) for s in update.stale] == [
        ("at least 31", "n4", span(quake, "n4", "at least 31 people"))
    ]


def test_publication_order_not_input_order_places_the_steps(quake: list[Item]) -> None:
    _, updates, _ = compare_quantities(list(reversed(quake)))
    assert [s.article_id for s in updates[0].sequence] == ["n1", "n2", "n3"]


def test_falling_total_is_neither_update_nor_conflict() -> None:
    items = [
        item("a", "The storm killed 40 people, officials said.", "2031-04-22T05:00:00+00:00"),
        item("b", "The storm killed 25 people, officials said.", "2031-04-23T05:00:00+00:00"),
    ]
    assert compare_quantities(items) == ([], [], [])


# --- Things that must not be aligned ----------------------------------------------------------------


def test_different_figures_of_one_story_are_not_compared() -> None:
    items = [
        item(
            "a",
            "Kestrania agreed to raise summer releases from the dam by 15 percent. A 9 percent levy on "
            "freight took effect last week. The commission's first meeting has no date. A delegation of "
            "more than forty officials came. Several thousand people spent a second night in tents.",
            "2031-04-22T05:00:00+00:00",
        ),
        item(
            "b",
            "Kestrania will raise releases by 15 percent, and the levy of 9 percent stays. About a third of "
            "exports pass through the corridor. It was the seventh meeting of the leaders. The body has six "
            "officials, according to two officials. Residents spent a third night in tents.",
            "2031-04-23T05:00:00+00:00",
        ),
    ]
    assert compare_quantities(items) == ([], [], [])


def test_reference_dates_statements_and_weak_ledes_make_no_conflict() -> None:
    items = [
        item(
            "a",
            "A magnitude 6.4 earthquake struck Varn province early on Tuesday. It was the strongest "
            "earthquake since 1964.",
            "2031-04-22T05:00:00+00:00",
        ),
        item(
            "b",
            "Rescuers returned home on Thursday after searching collapsed houses. Officials said on Monday "
            "that the quake had damaged 40 schools.",
            "2031-04-24T05:00:00+00:00",
        ),
    ]
    assert compare_quantities(items) == ([], [], [])


NOT_THE_SAME_THING = [
    pytest.param(
        "The gunman walked into an office on the second floor.",
        "Staff barricaded themselves on the third floor.",
        id="ranks-of-non-events",
    ),
    pytest.param(
        "The poll found that 55 percent of respondents blamed the government.",
        "Some 62 percent of respondents said the riots were inexcusable.",
        id="shares-of-subgroups",
    ),
    pytest.param(
        "The leaders met in Lindau on Wednesday.",
        "Their trade ministers will meet in Lindau on Friday.",
        id="planned-meeting",
    ),
    pytest.param(
        "A powerful earthquake hit the island on Sunday.",
        "Rescue workers handed out blankets on Monday to survivors of the earthquake.",
        id="event-named-after-the-date",
    ),
    pytest.param(
        "A magnitude 6.1 earthquake hit the region, the latest in a series of tremors.",
        "The magnitude 7.6 earthquake struck at dawn.",
        id="one-quake-of-a-series",
    ),
    pytest.param(
        "Police were alerted to the fire at 8.49pm.",
        "The fire broke out at about 8.40pm.",
        id="approximate-clock-time",
    ),
    pytest.param(
        "She had been in hospital for four weeks before the attack.",
        "She had been in hospital for three weeks before the attack.",
        id="length-of-something-else",
    ),
    pytest.param(
        "Hansbrough now has 2,302 points.",
        "Redick now has 2,769 points.",
        id="counts-without-an-owner",
    ),
]


@pytest.mark.parametrize(("first", "second"), NOT_THE_SAME_THING)
def test_figures_about_different_things_are_not_compared(first: str, second: str) -> None:
    items = [item("a", first, WEDNESDAY_EVENING), item("b", second, THURSDAY_MORNING)]
    assert compare_quantities(items) == ([], [], [])


def test_an_article_contradicting_itself_is_left_out_of_that_figure() -> None:
    items = [
        item("a", "It was the seventh meeting of the leaders, a year after the sixth meeting in Lindau."),
        item("b", "It was the sixth meeting of the leaders."),
    ]
    assert compare_quantities(items)[0] == []


def test_fifty_article_story_keeps_its_two_conflicts(summit: list[Item], quake: list[Item]) -> None:
    base = summit + quake
    items = [
        (replace(article, id=f"{article.id}{n}"), replace(reading, article_id=f"{article.id}{n}"))
        for n in range(7)
        for article, reading in base
    ][:50]
    conflicts, _, _ = compare_quantities(items)
    assert [c.about for c in conflicts] == ["day of the meeting", "meeting"]


# --- The example corpus against gold.json ----------------------------------------------------------


def _origin_of(gold: dict[str, Any]) -> str:
    origin = str(REPO / gold["file"])
    record = gold["record"]
    if record is None:
        return origin
    return f"{origin}:{record}" if gold["file"].endswith(".jsonl") else f"{origin}#{record}"


@pytest.fixture(scope="module")
def gold_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Outcome]:
    """Gold label of each canonical article by id, and the outcome of every gold story run alone."""
    with open_storyline(str(tmp_path_factory.mktemp("numbers") / "x.db")) as app:
        app.ingest([str(REPO / "examples")])
        app.read()
        articles = app.articles()
        readings = {a.id: app.reading(a.id) for a in articles}
    by_origin = {a.origin: a for a in articles}
    by_label = {label: by_origin[_origin_of(gold)] for label, gold in GOLD["articles"].items()}
    labels = {a.id: label for label, a in by_label.items() if a.copy_of is None}
    conflicts: list[Conflict] = []
    updates: list[Update] = []
    groups: list[CompatibleGroup] = []
    for story in GOLD["stories"]:
        canonical = [by_label[label] for label in story["articles"] if by_label[label].id in labels]
        story_items = []
        for article in canonical:
            reading = readings[article.id]
            assert reading is not None
            story_items.append((article, reading))
        found = compare_quantities(story_items)
        conflicts += found[0]
        updates += found[1]
        groups += found[2]
    return labels, (conflicts, updates, groups)


def test_gold_conflicts_are_found_and_nothing_else(gold_run: tuple[dict[str, str], Outcome]) -> None:
    labels, (conflicts, _, _) = gold_run
    found = {
        (c.kind, frozenset((v.value.lower(), frozenset(labels[i] for i in v.article_ids)) for v in c.values))
        for c in conflicts
    }
    expected = {
        (
            c["kind"],
            frozenset(
                (v["value"].lower(), frozenset(a for a in v["articles"] if a in labels.values()))
                for v in c["values"]
            ),
        )
        for c in GOLD["conflicts"]
    }
    assert found == expected
    assert len(conflicts) == len(GOLD["conflicts"])


def test_gold_compatible_values_are_grouped_not_in_conflict(gold_run: tuple[dict[str, str], Outcome]) -> None:
    labels, (conflicts, _, groups) = gold_run
    in_conflict = {
        (labels[i], s)
        for c in conflicts
        for v in c.values
        for i, s in zip(v.article_ids, v.spans, strict=True)
    }
    for gold in GOLD["compatible"]:
        expected = {(v["article"], v["text"]) for v in gold["values"] if v["article"] in labels.values()}
        matching = [g for g in groups if {(labels[m.article_id], m.text) for m in g.members} == expected]
        assert len(matching) == 1, gold["about"]
        assert not {(labels[m.article_id], m.span) for m in matching[0].members} & in_conflict


def test_gold_update_and_stale_value(gold_run: tuple[dict[str, str], Outcome]) -> None:
    labels, (_, updates, _) = gold_run
    assert len(updates) == len(GOLD["updates"])
    for update, gold in zip(updates, GOLD["updates"], strict=True):
        for steps, gold_steps in ((update.sequence, gold["sequence"]), (update.stale, gold["stale"])):
            assert [(labels[s.article_id], s.value.split()[-1], s.published) for s in steps] == [
                (g["article"], str(g["value"]), g["published"]) for g in gold_steps
            ]


def test_gold_figures_about_different_things_are_not_reported(
    gold_run: tuple[dict[str, str], Outcome],
) -> None:
    labels, (conflicts, _, _) = gold_run
    absent = {entry["about"] for entry in GOLD["absent"] if entry["kind"] == "conflict"}
    reported_texts = {v.value for c in conflicts for v in c.values}
    assert {"15 percent", "9 percent", "magnitude 6.4"}.isdisjoint(reported_texts)
    assert {c.about for c in conflicts}.isdisjoint({"meeting length", "death toll"} & absent)
    assert labels  # every gold article was found
