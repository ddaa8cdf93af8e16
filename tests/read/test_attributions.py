"""Attributions: source, cue and content spans from the parse, on made-up sentences and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.model import Attribution
from storyline.read.attributions import find_attributions
from storyline.read.cues import quotations, source_kind
from storyline.read.nlp import parse

Row = tuple[str | None, str, str, str, bool]
"""(source span text, cue, content, source kind, direct)."""


def _rows(text: str) -> list[Row]:
    return [_row(a, text) for a in find_attributions(parse(text), "a1")]


def _row(attribution: Attribution, text: str) -> Row:
    source = attribution.source_span.text(text) if attribution.source_span else None
    content = attribution.content_span.text(text)
    return (source, attribution.cue, content, attribution.source_kind, attribution.direct)


def test_reported_speech_keeps_that_and_drops_the_addressee() -> None:
    text = "Prime Minister Teodor Kask told reporters that the dam was a question of survival."
    assert _rows(text) == [
        ("Prime Minister Teodor Kask", "told", "that the dam was a question of survival", "person", False)
    ]


def test_quote_before_the_cue_is_direct_content_without_marks() -> None:
    text = "“We will keep talking every week,” President Maren Dovic said on Thursday."
    assert ("President Maren Dovic", "said", "We will keep talking every week", "person", True) in _rows(text)


def test_quote_after_a_colon_runs_over_sentences_and_is_found_once() -> None:
    text = "The minister said: “The border will stay open. Trade will go on.”"
    assert _rows(text) == [
        ("The minister", "said", "The border will stay open. Trade will go on.", "person", True)
    ]


def test_split_quote_gives_one_attribution_per_part() -> None:
    text = "“The border will stay open,” the minister said, “and trade will go on.”"
    contents = [row[2] for row in _rows(text)]
    assert contents == ["The border will stay open", "and trade will go on."]


def test_quote_continues_after_the_cue_sentence_and_across_paragraphs() -> None:
    text = (
        "“There is more work to do,” he added. “The farmers are waiting.\n“And they will not wait forever.”"
    )
    rows = _rows(text)
    assert [row[2] for row in rows] == [
        "There is more work to do",
        "The farmers are waiting.\n“And they will not wait forever.",
    ]
    assert {row[:2] for row in rows} == {("he", "added")}


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "According to the Daily Meridian, the deal includes a new dam.",
            "the Daily Meridian",
            "the deal includes a new dam",
        ),
        (
            "The deal includes a new dam, according to officials briefed on the talks.",
            "officials briefed on the talks",
            "The deal includes a new dam",
        ),
    ],
)
def test_according_to_before_or_after_the_clause(text: str, source: str, content: str) -> None:
    (row,) = _rows(text)
    assert row[:3] == (source, row[1], content)
    assert row[1].lower() == "according to"


def test_hedged_cue_keeps_reportedly() -> None:
    text = "Trump reportedly reaffirmed that igniting a war with Iran is not the preferred option."
    (row,) = _rows(text)
    assert row[:2] == ("Trump", "reportedly reaffirmed")


def test_passive_description_has_no_source() -> None:
    text = "While the meetings were described as productive, officials confirmed that no decisions were made."
    rows = _rows(text)
    assert (None, "were described as", "the meetings were described as productive", "unknown", False) in rows
    assert ("officials", "confirmed", "that no decisions were made", "anonymous", False) in rows


def test_as_clause_attributes_the_main_clause() -> None:
    text = "The treaty was signed, as the Kestrel Courier reported on Monday."
    assert _rows(text) == [("the Kestrel Courier", "reported", "The treaty was signed", "outlet", False)]


def test_relative_pronoun_source_names_its_antecedent() -> None:
    text = "The ministry, which announced the deal on Monday, said it would take effect in May."
    doc = parse(text)
    first = find_attributions(doc, "a1")[0]
    assert first.source_span is not None and first.source_span.text(text) == "which"
    assert (first.source_text, first.source_kind) == ("The ministry", "org")


def test_relative_clause_is_not_part_of_the_source() -> None:
    text = "Kask, who spoke on condition of anonymity, said the deal was close."
    assert ("Kask", "said", "the deal was close", "person", False) in _rows(text)


def test_negated_cue() -> None:
    assert _rows("Kask did not say whether the dam would open.")[0][1] == "did not say"


def test_spans_are_offsets_into_the_text() -> None:
    text = "Local media reported that the dam would open, and the ministry said it was ready."
    for attribution in find_attributions(parse(text), "a9"):
        assert attribution.cue_span.article_id == "a9"
        assert attribution.cue_span.text(text) == attribution.cue
        assert attribution.source_span is not None
        assert attribution.source_span.text(text) == attribution.source_text


@pytest.mark.parametrize(
    ("text", "head", "label", "kind"),
    [
        ("The Israeli daily Haaretz", None, None, "outlet"),
        ("Hebrew-language reports", None, None, "media"),
        ("Reports", None, None, "media"),
        ("Some Israeli officials", None, "NORP", "anonymous"),
        ("a senior official", None, None, "anonymous"),
        ("Israeli analysts", None, "NORP", "anonymous"),
        ("he", None, None, "person"),
        ("U.S. Ambassador to Israel Mike Huckabee", "Ambassador", "ORG", "person"),
        ("the Trump administration", None, None, "org"),
        ("The White House", "House", "ORG", "org"),
        ("A statement from the ministry", "statement", None, "document"),
        ("the outcome", None, None, "unknown"),
    ],
)
def test_source_kind(text: str, head: str | None, label: str | None, kind: str) -> None:
    assert source_kind(text, label, head) == kind


def test_quotations_pair_marks_and_run_over_paragraphs() -> None:
    text = "He said “a” and 'b' and \"c\".\n“First part.\n“Second part.”\nNo “end here\nnext."
    inner = [text[q.inner[0] : q.inner[1]] for q in quotations(text)]
    assert inner == ["a", "c", "First part.\n“Second part."]


@given(st.text(alphabet='ab “”"\n.', max_size=60))
def test_quotations_are_ordered_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for quote in quotations(text):
        assert (
            previous_end <= quote.outer[0] <= quote.inner[0] <= quote.inner[1] <= quote.outer[1] <= len(text)
        )
        previous_end = quote.outer[1]


# --- the seeds (../shared) --------------------------------------------------------------


def _seed(shared: Path, prefix: str) -> tuple[str, list[Attribution]]:
    (path,) = sorted((shared / "seeds").glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, find_attributions(parse(text), path.stem)


def _triples(text: str, attributions: list[Attribution]) -> set[tuple[str | None, str, str]]:
    return {(a.source_span.text(text) if a.source_span else None, a.cue, a.source_kind) for a in attributions}


def test_seed_001_sources_cues_and_kinds(shared: Path) -> None:
    text, attributions = _seed(shared, "001")
    expected = {
        ("Israeli media outlets", "have reported", "media"),
        ("Hebrew-language reports", "According to", "media"),
        ("Trump", "reportedly reaffirmed", "person"),
        ("The Israeli daily Haaretz", "wrote", "outlet"),
        ("Trump", "suggested", "person"),
        ("Israeli analysts", "also pointed to", "anonymous"),
        ("Some", "believe", "anonymous"),
        ("Reports", "suggested", "media"),
        ("Israeli public broadcaster Kan", "reported", "outlet"),
        ("Some Israeli officials", "arguing", "anonymous"),
        ("U.S. Ambassador to Israel Mike Huckabee", "reportedly affirmed", "person"),
    }
    assert expected <= _triples(text, attributions)


def test_seed_001_haaretz_content_keeps_that(shared: Path) -> None:
    text, attributions = _seed(shared, "001")
    haaretz = next(a for a in attributions if a.source_text == "The Israeli daily Haaretz")
    assert haaretz.content_span.text(text).startswith(
        "that Netanyahu emerged from the meeting “empty-handed,”"
    )


def test_seed_000_hedged_anonymous_and_passive(shared: Path) -> None:
    text, attributions = _seed(shared, "000")
    rows = {_row(a, text) for a in attributions}
    insisted = next(r for r in rows if r[1] == "reportedly insisted")
    assert insisted[0] == "President Trump"
    assert insisted[2].startswith("that ongoing negotiations with Iran must proceed")
    confirmed = next(r for r in rows if r[1] == "confirmed")
    assert confirmed[0] == "officials"
    expected = "that no final decisions were made on how to handle Iran’s nuclear ambitions"
    assert confirmed[2] == expected + " or the specific parameters of a new nuclear deal"
    assert confirmed[3] == "anonymous"
    passive = next(r for r in rows if r[1] == "were described as")
    assert passive[0] is None and passive[3] == "unknown"
    assert passive[2] == "the meetings were described as productive"


def test_regarding_introduces_a_topic_not_a_claim() -> None:
    text = (
        "President Maren Dovic returned from Sellin without a deal, particularly regarding the levy on grain."
    )
    assert [row for row in _rows(text) if row[1].endswith("regarding")] == []
