"""The briefing composer: exact sentences, their citations, and the neutrality and verbatim rules."""

from __future__ import annotations

import dataclasses

from brief.ferry_story import BT, DM, NW, build_report, span, support

from storyline.brief import brief, compose_briefing, verify_report
from storyline.brief.text import quoted_strings
from storyline.model import (
    BriefingSentence,
    Citation,
    Conflict,
    ConflictValue,
    Fact,
    Framing,
    LoadedUse,
    QuoteEntry,
    QuoteOccurrence,
    Report,
    Source,
    StoryInfo,
    Support,
    Update,
    UpdateStep,
)

EXPECTED = [
    "Reported by 3 outlets (2 independent origins): “Aldine Star capsized near Skelde harbour on Tuesday”.",
    "Reported by 2 outlets (2 independent origins): “The coast guard suspended the search at nightfall.”",
    "Reported only by Northern Wire: “The vessel had failed a safety inspection in March, according to "
    "documents seen by Northern Wire.”",
    "Sources disagree on the number of passengers on board: 212 (The Daily Meridian and The Brightwater "
    "Times) vs 240 (Northern Wire).",
    "The death toll rose from 12 to 31 between 07:40 and 13:05 UTC on 12 May 2031; The Brightwater Times "
    "still gave 12 after 31 was reported.",
    "The Brightwater Times uses loaded wording in its own voice: “shocking” and “botched”.",
    "The Brightwater Times does not report what The Daily Meridian and Northern Wire report: “The coast "
    "guard suspended the search at nightfall.”",
    "The Brightwater Times gives Ilse Voren’s words as “we could not do anything in that water”, where The "
    "Daily Meridian has “We did everything we could in that water.”",
    "The Brightwater Times relays The Daily Meridian: “according to The Daily Meridian”, so The Brightwater "
    "Times and The Daily Meridian count as one origin.",
]


def composed(report: Report, texts: dict[str, str]) -> Report:
    """The report with its briefing; every composed report must pass the checker."""
    result = brief(report, texts)
    assert verify_report(result, texts) == []
    return result


def test_sample_briefing_sentences_in_order(bare_report: Report, texts: dict[str, str]) -> None:
    sentences = composed(bare_report, texts).briefing
    assert [s.text for s in sentences] == EXPECTED


def test_consensus_cites_every_support_in_source_order(bare_report: Report, texts: dict[str, str]) -> None:
    first = composed(bare_report, texts).briefing[0]
    assert first.citations == (
        Citation(
            DM, span(DM, "The passenger ferry Aldine Star capsized near Skelde harbour on Tuesday night.")
        ),
        Citation(NW, span(NW, "The ferry Aldine Star capsized near Skelde harbour on Tuesday")),
        Citation(
            BT,
            span(BT, "The ferry Aldine Star capsized near Skelde harbour on Tuesday in a shocking disaster."),
        ),
    )


def test_conflict_update_and_relay_citations(bare_report: Report, texts: dict[str, str]) -> None:
    briefing = composed(bare_report, texts).briefing
    assert briefing[3].citations == (
        Citation(DM, span(DM, "212 passengers")),
        Citation(NW, span(NW, "240 passengers")),
        Citation(BT, span(BT, "212 passengers")),
    )
    assert briefing[4].citations == (
        Citation(DM, span(DM, "At least 12 people died")),
        Citation(NW, span(NW, "the death toll rose to 31")),
        Citation(BT, span(BT, "At least 12 people died")),
    )
    assert briefing[8].citations == (Citation(BT, span(BT, "according to The Daily Meridian")),)


def test_every_quotation_is_copied_from_a_cited_span(bare_report: Report, texts: dict[str, str]) -> None:
    for sentence in composed(bare_report, texts).briefing:
        cited = [texts[c.article_id][c.span[0] : c.span[1]] for c in sentence.citations]
        for _, _, words in quoted_strings(sentence.text):
            assert any(words in text for text in cited), (words, sentence.text)


def test_composition_is_deterministic(bare_report: Report, texts: dict[str, str]) -> None:
    assert compose_briefing(bare_report, texts) == compose_briefing(
        bare_report, dict(reversed(texts.items()))
    )


def test_empty_report_has_empty_briefing() -> None:
    assert compose_briefing(Report(StoryInfo("s", "Nothing")), {}) == ()


def test_loaded_support_is_only_ever_quoted(texts: dict[str, str]) -> None:
    fact = Fact(
        "f",
        "",
        "single_source",
        1,
        ("The Brightwater Times",),
        (support(BT, "Survivors described a botched rescue."),),
    )
    report = composed(_one_source_report(BT, facts=(fact,), outlet="The Brightwater Times"), texts)
    assert [s.text for s in report.briefing] == [
        "Reported only by The Brightwater Times: “Survivors described a botched rescue.”"
    ]


def test_loaded_conflict_value_is_quoted_from_its_span(texts: dict[str, str]) -> None:
    conflict = Conflict(
        "c",
        "how the rescue went",
        "other",
        (
            ConflictValue("botched", (BT,), (span(BT, "a botched rescue"),)),
            ConflictValue(
                "search suspended at nightfall", (NW,), (span(NW, "suspended the search at nightfall"),)
            ),
        ),
    )
    report = composed(_sample_with(conflicts=(conflict,)), texts)
    assert report.briefing[3].text == (
        "Sources disagree on how the rescue went: “botched” (The Brightwater Times) vs "
        "search suspended at nightfall (Northern Wire)."
    )


def test_long_support_is_cut_with_an_ellipsis_that_still_verifies() -> None:
    text = "Officials said " + "the water was cold and the night was dark and " * 8 + "the search went on."
    fact = Fact("f", "", "single_source", 1, ("Wire",), (Support("w", (0, len(text)), text),))
    report = composed(_one_source_report("w", facts=(fact,), outlet="Wire"), {"w": text})
    sentence = report.briefing[0].text
    assert sentence.startswith("Reported only by Wire: “Officials said the water was cold")
    assert sentence.endswith(" …”")
    assert len(sentence) < 300


def test_quotation_marks_inside_a_quoted_span_become_single() -> None:
    text = "“We will rebuild the harbour,” the mayor said."
    fact = Fact("f", "", "single_source", 1, ("Wire",), (Support("w", (0, len(text)), text),))
    report = composed(_one_source_report("w", facts=(fact,), outlet="Wire"), {"w": text})
    assert (
        report.briefing[0].text == "Reported only by Wire: “‘We will rebuild the harbour,’ the mayor said.”"
    )


def test_outlet_name_with_quotation_marks_cannot_open_a_quotation() -> None:
    text = "The harbour reopened on Friday."
    fact = Fact("f", "", "single_source", 1, ("x",), (Support("w", (0, len(text)), text),))
    report = composed(_one_source_report("w", facts=(fact,), outlet="The “Reckless” Review"), {"w": text})
    assert (
        report.briefing[0].text == "Reported only by The ‘Reckless’ Review: “The harbour reopened on Friday.”"
    )


def test_statement_is_used_when_a_support_holds_it_verbatim(
    bare_report: Report, texts: dict[str, str]
) -> None:
    assert "“Aldine Star capsized near Skelde harbour on Tuesday”" in EXPECTED[0]
    fact = dataclasses.replace(bare_report.facts[0], statement="An invented summary of the capsizing")
    report = composed(_sample_with(facts=(fact,)), texts)
    assert report.briefing[0].text == (
        "Reported by 3 outlets (2 independent origins): "
        "“The ferry Aldine Star capsized near Skelde harbour on Tuesday”."
    )


def test_facts_without_citable_support_are_left_out(bare_report: Report, texts: dict[str, str]) -> None:
    outside = Fact(
        "fx",
        "x",
        "corroborated",
        2,
        ("A", "B"),
        (Support(DM, (5, 99_999), "x"), Support("stranger", (0, 3), "The")),
    )
    report = brief(_sample_with(facts=(outside, *bare_report.facts)), texts)
    assert [s.text for s in report.briefing] == EXPECTED
    assert verify_report(report, texts) == [
        "fact fx: span [5, 99999] is outside article dm-ferry (393 characters)",
        "fact fx: no text for article stranger",
    ]


def test_single_origin_carried_by_several_outlets(texts: dict[str, str]) -> None:
    words = "At least 12 people died"
    fact = Fact(
        "f",
        words,
        "single_source",
        1,
        ("The Daily Meridian", "The Brightwater Times"),
        (Support(DM, span(DM, words), words), Support(BT, span(BT, words), words)),
    )
    report = composed(_sample_with(facts=(fact,), conflicts=(), updates=(), quotes=(), framing=()), texts)
    assert report.briefing[0].text == (
        "Reported only by one origin, carried by The Daily Meridian and The Brightwater Times: "
        "“At least 12 people died”."
    )


def test_falling_and_changing_figures_across_days(texts: dict[str, str]) -> None:
    falling = Update(
        "the number missing",
        (
            UpdateStep("40", "2031-05-12T07:40:00+00:00", DM, span(DM, "12")),
            UpdateStep("9", "2031-05-13T09:00:00+00:00", NW, span(NW, "31")),
        ),
    )
    changing = Update(
        "",
        (
            UpdateStep("Tuesday", "2031-05-12", DM, span(DM, "Tuesday")),
            UpdateStep("Monday", "2031-05-13", NW, span(NW, "Tuesday")),
        ),
    )
    report = composed(
        _sample_with(facts=(), conflicts=(), updates=(falling, changing), quotes=(), framing=()), texts
    )
    assert [s.text for s in report.briefing[:2]] == [
        "The number missing fell from 40 to 9 between 12 May 2031, 07:40 UTC and 13 May 2031, 09:00 UTC.",
        "A reported figure changed from Tuesday to Monday between 12 May 2031 and 13 May 2031.",
    ]


def test_words_given_to_different_speakers(texts: dict[str, str]) -> None:
    entry = QuoteEntry(
        "Ilse Voren",
        "We did everything we could in that water.",
        (
            QuoteOccurrence(DM, span(DM, "We did everything we could in that water."), "verbatim"),
            QuoteOccurrence(NW, span(NW, "We did all we could in that water,"), "reworded"),
        ),
        speakers_differ=True,
    )
    report = composed(_sample_with(facts=(), conflicts=(), updates=(), quotes=(entry,), framing=()), texts)
    sentence = report.briefing[0]
    assert (
        sentence.text
        == "Outlets name different speakers for the words “We did everything we could in that water.”"
    )
    assert [c.article_id for c in sentence.citations] == [DM, NW]


def test_briefing_of_an_unnamed_outlet_uses_a_short_id() -> None:
    text = "The harbour reopened on Friday."
    fact = Fact("f", "", "single_source", 1, (), (Support("abcdef0123456789", (0, len(text)), text),))
    report = composed(
        _one_source_report("abcdef0123456789", facts=(fact,), outlet=None), {"abcdef0123456789": text}
    )
    assert (
        report.briefing[0].text
        == "Reported only by unnamed source abcdef01: “The harbour reopened on Friday.”"
    )


def test_sentence_objects_are_frozen_records(bare_report: Report, texts: dict[str, str]) -> None:
    assert all(isinstance(s, BriefingSentence) for s in composed(bare_report, texts).briefing)


def _sample_with(**changes: object) -> Report:
    return dataclasses.replace(build_report(), **changes)  # type: ignore[arg-type]


def _one_source_report(article_id: str, facts: tuple[Fact, ...], outlet: str | None = "Wire") -> Report:
    source = Source(
        article_id, outlet, None, "A headline", None, "2031-05-12T08:00:00+00:00", origin_group="g"
    )
    return Report(StoryInfo("s", "A story"), sources=(source,), facts=facts)


def _nw_fact(fact_id: str, words: str, status: str = "single_source") -> Fact:
    return Fact(fact_id, "", status, 1, ("Northern Wire",), (support(NW, words),))


def test_several_single_source_points_are_one_sentence_in_text_order(texts: dict[str, str]) -> None:
    facts = (
        _nw_fact("a", "The coast guard suspended the search at nightfall."),
        _nw_fact("b", "Port records show 240 passengers were on board."),
    )
    report = composed(_sample_with(facts=facts, conflicts=(), updates=(), quotes=(), framing=()), texts)
    sentence = report.briefing[0]
    assert sentence.text == (
        "Northern Wire alone reports 2 points: “Port records show 240 passengers were on board.”; "
        "“The coast guard suspended the search at nightfall.”"
    )
    assert sentence.citations == (
        Citation(NW, span(NW, "Port records show 240 passengers were on board.")),
        Citation(NW, span(NW, "The coast guard suspended the search at nightfall.")),
    )


def test_many_single_source_points_show_the_first_three(texts: dict[str, str]) -> None:
    words = [
        "The ferry Aldine Star capsized near Skelde harbour on Tuesday",
        "officials said",
        "Port records show 240 passengers were on board.",
        "The vessel had failed a safety inspection in March",
        "The coast guard suspended the search at nightfall.",
    ]
    facts = tuple(_nw_fact(f"n{index}", text) for index, text in enumerate(reversed(words)))
    report = composed(_sample_with(facts=facts, conflicts=(), updates=(), quotes=(), framing=()), texts)
    sentence = report.briefing[0]
    assert sentence.text == (
        "Northern Wire alone reports 5 points, among them: “The ferry Aldine Star capsized near Skelde "
        "harbour on Tuesday”; “officials said”; “Port records show 240 passengers were on board.”"
    )
    assert len(sentence.citations) == 5  # the count rests on all five


def test_several_omissions_are_one_sentence_most_reported_first(
    bare_report: Report, texts: dict[str, str]
) -> None:
    framing = (dataclasses.replace(bare_report.framing[2], omits=("f3", "f2", "f3")),)
    report = composed(_sample_with(framing=framing, conflicts=(), updates=(), quotes=()), texts)
    omission = next(s for s in report.briefing if "does not report" in s.text)
    assert omission.text == (
        "The Brightwater Times does not report 2 points that other outlets report: “The coast guard "
        "suspended the search at nightfall.” (2 outlets); “The vessel had failed a safety inspection in "
        "March, according to documents seen by Northern Wire.” (1 outlet)."
    )


def test_many_loaded_terms_are_counted_and_six_quoted() -> None:
    words = ["shocking", "botched", "slammed", "fiasco", "reckless", "disastrous", "outrageous", "absurd"]
    text = " and ".join(words) + "."
    uses = tuple(LoadedUse(w, (text.index(w), text.index(w) + len(w)), "outlet") for w in words)
    source = Source("w", "Wire", None, None, None, None)
    report = composed(
        Report(StoryInfo("s", "S"), sources=(source,), framing=(Framing("w", "", uses, ""),)), {"w": text}
    )
    assert report.briefing[0].text == (
        "Wire uses 8 loaded terms in its own voice, among them “shocking”, “botched”, “slammed”, “fiasco”, "
        "“reckless” and “disastrous”."
    )
    assert len(report.briefing[0].citations) == 8


def test_negation_conflict_quotes_both_statements(texts: dict[str, str]) -> None:
    conflict = Conflict(
        "c",
        "suspended the search at nightfall",
        "negation",
        (
            ConflictValue(
                "suspended the search at nightfall", (NW,), (span(NW, "suspended the search at nightfall"),)
            ),
            ConflictValue("a botched rescue", (BT,), (span(BT, "a botched rescue"),)),
        ),
    )
    report = composed(_sample_with(conflicts=(conflict,)), texts)
    assert report.briefing[3].text == (
        "Sources disagree: “suspended the search at nightfall” (Northern Wire) vs “a botched rescue” "
        "(The Brightwater Times)."
    )
    assert verify_report(report, texts) == []
