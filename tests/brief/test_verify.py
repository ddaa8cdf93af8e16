"""The report checker: a sound report passes, and each kind of defect gives its own exact problem."""

from __future__ import annotations

import dataclasses

import pytest
from brief.ferry_story import BT, DM, NW, span

from storyline.brief import brief, verify_report
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
    Relayed,
    Report,
    Support,
    Update,
    UpdateStep,
)


@pytest.fixture
def report(bare_report: Report, texts: dict[str, str]) -> Report:
    return brief(bare_report, texts)


def with_sentence(report: Report, text: str, *citations: Citation) -> Report:
    """The report with one extra briefing sentence (it is number 10 of the sample)."""
    return dataclasses.replace(report, briefing=(*report.briefing, BriefingSentence(text, citations)))


def test_sound_report_has_no_problems(report: Report, texts: dict[str, str]) -> None:
    assert len(report.briefing) == 9
    assert verify_report(report, texts) == []


def test_sentence_without_citations(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(report, "Three outlets covered the capsizing.")
    assert verify_report(bad, texts) == ["briefing 10: no citations"]


def test_citation_of_an_article_that_is_not_a_source(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(report, "The ferry capsized.", Citation("dm-ferry-syndicated", (0, 10)))
    assert verify_report(bad, texts) == [
        "briefing 10: cites article dm-ferry-syndicated, which is not a source of the report"
    ]


def test_citation_outside_the_article_text(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(report, "The ferry capsized.", Citation(DM, (380, 500)))
    assert verify_report(bad, texts) == [
        "briefing 10: citation: span [380, 500] is outside article dm-ferry (393 characters)"
    ]


def test_inverted_or_negative_spans_are_outside(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(report, "The ferry capsized.", Citation(DM, (20, 10)), Citation(NW, (-1, 4)))
    assert verify_report(bad, texts) == [
        "briefing 10: citation: span [20, 10] is outside article dm-ferry (393 characters)",
        "briefing 10: citation: span [-1, 4] is outside article nw-ferry (442 characters)",
    ]


def test_citation_of_a_source_whose_text_is_missing(report: Report, texts: dict[str, str]) -> None:
    without = {key: value for key, value in texts.items() if key != NW}
    problems = verify_report(report, without)
    assert "briefing 1: citation: no text for article nw-ferry" in problems
    assert "fact f1: no text for article nw-ferry" in problems


def test_quotation_not_in_any_cited_span(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(
        report, "Ilse Voren said “We did all that anyone could.”", Citation(DM, span(DM, "We did"))
    )
    assert verify_report(bad, texts) == [
        "briefing 10: quotation “We did all that anyone could.” is not in any cited span"
    ]


def test_quotation_from_an_uncited_article_does_not_count(report: Report, texts: dict[str, str]) -> None:
    words = "The coast guard suspended the search at nightfall."
    bad = with_sentence(report, f"Reported: “{words}”", Citation(BT, span(BT, "The ferry")))
    assert verify_report(bad, texts) == [f"briefing 10: quotation “{words}” is not in any cited span"]


def test_quotation_with_ellipsis_and_other_quote_styles_is_verbatim(
    report: Report, texts: dict[str, str]
) -> None:
    cited = Citation(
        NW, span(NW, "“We did all we could in that water,” harbour master Ilse Voren told reporters.")
    )
    good = with_sentence(
        report, "Northern Wire has “‘We did all we could … Ilse Voren told reporters.”", cited
    )
    assert verify_report(good, texts) == []


def test_ellipsis_pieces_must_keep_their_order(report: Report, texts: dict[str, str]) -> None:
    cited = Citation(NW, span(NW, "harbour master Ilse Voren told reporters."))
    bad = with_sentence(report, "Northern Wire has “Ilse Voren … harbour master”.", cited)
    assert verify_report(bad, texts) == [
        "briefing 10: quotation “Ilse Voren … harbour master” is not in any cited span"
    ]


def test_loaded_word_in_the_briefing_voice(report: Report, texts: dict[str, str]) -> None:
    cited = Citation(BT, span(BT, "a botched rescue"))
    bad = with_sentence(report, "The Brightwater Times reports a botched rescue.", cited)
    assert verify_report(bad, texts) == ["briefing 10: loaded term “botched” in the briefing's own voice"]


def test_loaded_word_inside_a_quotation_is_the_source_voice(report: Report, texts: dict[str, str]) -> None:
    good = with_sentence(
        report,
        "The Brightwater Times reports “a botched rescue”.",
        Citation(BT, span(BT, "a botched rescue")),
    )
    assert verify_report(good, texts) == []


def test_outlet_names_are_not_the_briefing_voice(report: Report, texts: dict[str, str]) -> None:
    sources = (dataclasses.replace(report.sources[0], outlet="The Reckless Review"), *report.sources[1:])
    renamed = dataclasses.replace(report, sources=sources)
    good = with_sentence(renamed, "The Reckless Review reports the capsizing.", Citation(DM, (0, 10)))
    assert verify_report(good, texts) == []
    bad = with_sentence(renamed, "A reckless ferry capsized.", Citation(DM, (0, 10)))
    assert verify_report(bad, texts) == ["briefing 10: loaded term “reckless” in the briefing's own voice"]


def test_fact_support_text_that_does_not_match_its_span(report: Report, texts: dict[str, str]) -> None:
    fact = report.facts[1]
    wrong = dataclasses.replace(fact.support[1], text="The coast guard called off the search.")
    bad = dataclasses.replace(
        report, facts=(report.facts[0], dataclasses.replace(fact, support=(fact.support[0], wrong)))
    )
    start, end = span(NW, "The coast guard suspended the search at nightfall.")
    assert verify_report(bad, texts) == [
        f"fact f2: support text does not match article nw-ferry [{start}, {end}]"
    ]


def test_spans_outside_texts_in_every_kind_of_record(report: Report, texts: dict[str, str]) -> None:
    far = (1000, 1010)
    bad = dataclasses.replace(
        report,
        sources=(dataclasses.replace(report.sources[2], relays=(Relayed("The Daily Meridian", far),)),),
        facts=(Fact("fz", "", "single_source", 1, ("X",), (Support(BT, far, ""),)),),
        conflicts=(
            Conflict(
                "c9", "", "number", (ConflictValue("1", (DM,), (far,)), ConflictValue("2", (NW,), ((0, 1),)))
            ),
        ),
        updates=(
            Update("x", (UpdateStep("1", None, DM, far),), stale=(UpdateStep("0", None, "ghost", (0, 1)),)),
        ),
        quotes=(QuoteEntry(None, "x", (QuoteOccurrence(NW, far, "verbatim"),)),),
        framing=(Framing(BT, "", (LoadedUse("x", far, "outlet"),), ""),),
        briefing=(),
    )
    assert verify_report(bad, texts) == [
        "source bt-ferry relay: span [1000, 1010] is outside article bt-ferry (292 characters)",
        "fact fz: span [1000, 1010] is outside article bt-ferry (292 characters)",
        "conflict c9: span [1000, 1010] is outside article dm-ferry (393 characters)",
        "update 1: span [1000, 1010] is outside article dm-ferry (393 characters)",
        "update 1: no text for article ghost",
        "quote 1: span [1000, 1010] is outside article nw-ferry (442 characters)",
        "framing bt-ferry: span [1000, 1010] is outside article bt-ferry (292 characters)",
    ]


def test_conflict_value_with_unpaired_spans(report: Report, texts: dict[str, str]) -> None:
    value = ConflictValue("212", (DM, BT), (span(DM, "212 passengers"),))
    bad = dataclasses.replace(report, conflicts=(Conflict("c1", "x", "number", (value,)),))
    assert verify_report(bad, texts) == ["conflict c1: value '212' has 2 article ids but 1 spans"]


def test_wrong_format_name(report: Report, texts: dict[str, str]) -> None:
    bad = dataclasses.replace(report, format="storyline.report/0")
    assert verify_report(bad, texts) == ["report: format is 'storyline.report/0', not 'storyline.report/1'"]


def test_several_problems_of_one_sentence_are_all_reported(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(
        report, "A shocking “invented” claim.", Citation("elsewhere", (0, 1)), Citation(DM, (0, 3))
    )
    assert verify_report(bad, texts) == [
        "briefing 10: cites article elsewhere, which is not a source of the report",
        "briefing 10: quotation “invented” is not in any cited span",
        "briefing 10: loaded term “shocking” in the briefing's own voice",
    ]


def test_unbalanced_quotation_marks(report: Report, texts: dict[str, str]) -> None:
    bad = with_sentence(report, "The Daily Meridian wrote “The passenger ferry.", Citation(DM, (0, 20)))
    assert verify_report(bad, texts) == ["briefing 10: unbalanced quotation marks"]
