"""The quote ledger: utterances grouped across articles, forms, diffs, and the example corpus's gold."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline.api import open_storyline
from storyline.compare.quotes import quote_ledger
from storyline.compare.worddiff import content_keys, meaning_words, word_diff
from storyline.model import Article, QuoteEntry, Reading
from storyline.read.nlp import parse
from storyline.read.reader import read_article

REPO = Path(__file__).resolve().parents[2]
GOLD = json.loads((REPO / "examples" / "gold.json").read_text(encoding="utf-8"))

BERG = "We will not raise the fuel tax this year, but we will review it in the spring"


def _read(index: int, text: str, published: str | None) -> tuple[Article, Reading]:
    article = Article(id=f"a{index}", text=text, origin="t", published=published)
    return article, read_article(article, parse(text))


def _ledger(*texts: str) -> list[QuoteEntry]:
    """The ledger of articles published an hour apart, in the order given."""
    return quote_ledger(
        [_read(i, text, f"2031-05-01T{9 + i:02d}:00:00+00:00") for i, text in enumerate(texts, start=1)]
    )


def _forms(entry: QuoteEntry) -> list[tuple[str, str, str]]:
    return [(o.article_id, o.form, o.diff) for o in entry.occurrences]


# --- forms and diffs on short texts read for real ------------------------------------------------


def test_one_utterance_in_every_form() -> None:
    [entry] = _ledger(
        f"Finance Minister Ada Berg spoke in Halden on Monday. “{BERG},” Berg said.",
        f"“{BERG},” Finance Minister Ada Berg told reporters in Halden.",
        "Finance Minister Ada Berg faced questions. “We will raise the fuel tax this year, but we will "
        "review it in the spring,” Berg said.",
        "Finance Minister Ada Berg spoke in Halden. “We won’t raise the fuel levy this year, but we will "
        "review it in the spring,” Berg said.",
        "Finance Minister Ada Berg said the government would not raise the fuel tax this year and would "
        "review it in the spring.",
    )
    assert (entry.speaker, entry.text, entry.speakers_differ) == ("Ada Berg", BERG, False)
    assert _forms(entry) == [
        ("a1", "verbatim", ""),
        ("a2", "verbatim", ""),
        ("a3", "altered", "We will [-not-] raise the ..."),
        ("a4", "reworded", "We [-will not-] {+won't+} raise the fuel [-tax-] {+levy+} this year ..."),
        (
            "a5",
            "paraphrase",
            "[-We will-] {+the government would+} not raise ... this year [-but we will-] {+and would+} "
            "review it ...",
        ),
    ]


def test_paraphrase_span_is_the_attribution_content() -> None:
    text = "Finance Minister Ada Berg said the government would not raise the fuel tax this year."
    entries = _ledger(f"“{BERG},” Finance Minister Ada Berg said.", text)
    paraphrase = entries[0].occurrences[1]
    start, end = paraphrase.span
    assert text[start:end] == "the government would not raise the fuel tax this year"


def test_partial_quote_inside_a_longer_one_is_the_same_utterance() -> None:
    [entry] = _ledger(
        f"“{BERG},” Finance Minister Ada Berg said.",
        "Finance Minister Ada Berg said the government would “review it in the spring”.",
    )
    assert _forms(entry) == [("a1", "verbatim", ""), ("a2", "verbatim", "")]
    assert entry.text == BERG


def test_a_partial_quote_published_first_is_not_the_canonical_text() -> None:
    [entry] = _ledger(
        "Finance Minister Ada Berg said the government would “review it in the spring”.",
        f"“{BERG},” Finance Minister Ada Berg said.",
    )
    assert entry.text == BERG


def test_partial_quote_that_leaves_its_negation_out_of_the_article_is_altered() -> None:
    deal = "accept a deal that cuts the water of our farmers"
    [entry] = _ledger(
        f"“We will not {deal},” Finance Minister Ada Berg said.",
        f"Finance Minister Ada Berg said she would not “{deal}”.",
        f"Finance Minister Ada Berg said she was ready to “{deal}”.",
    )
    assert _forms(entry) == [
        ("a1", "verbatim", ""),
        ("a2", "verbatim", ""),
        ("a3", "altered", "[-We will not-] accept a ..."),
    ]


def test_cut_condition_and_cut_qualifier_are_altered() -> None:
    bridge, river = _ledger(
        "Mayor Lina Holt visited the bridge on Tuesday. “We will reopen the bridge only if the inspectors "
        "approve it,” Holt said. “The river is nearly back to its normal level,” she added.",
        "Mayor Lina Holt visited the bridge. “We will reopen the bridge,” Holt said. “The river is back to "
        "its normal level,” Holt told reporters.",
    )
    assert _forms(bridge)[1] == ("a2", "altered", "... the bridge [-only if the inspectors approve it-]")
    assert _forms(river)[1] == ("a2", "altered", "The river is [-nearly-] back to ...")


def test_changed_number_and_antonym_are_altered() -> None:
    pumps, offer = _ledger(
        "“Nine of the twelve pumps are working again,” Mayor Lina Holt said on Tuesday.",
        "“Eight of the twelve pumps are working again,” Mayor Lina Holt said on Tuesday.",
        "“We accept the offer from the union,” Director Omar Sand said.",
        "“We reject the offer from the union,” Director Omar Sand said.",
    )
    assert _forms(pumps)[1] == ("a2", "altered", "[-Nine-] {+Eight+} of the ...")
    assert _forms(offer)[1] == ("a4", "altered", "We [-accept-] {+reject+} the offer ...")


def test_same_words_from_two_speakers() -> None:
    [entry] = _ledger(
        "“The river is nearly back to its normal level,” Finance Minister Ada Berg said on Tuesday.",
        "“The river is nearly back to its normal level,” engineer Piet Moll said on Tuesday.",
    )
    assert entry.speakers_differ
    assert entry.speaker == "Ada Berg"
    assert [o.form for o in entry.occurrences] == ["verbatim", "verbatim"]


def test_pronoun_speaker_joins_by_words_and_surname_takes_the_full_name() -> None:
    courage, referee = _ledger(
        "Coach Mara Voss praised her players. “We played with courage and we never stopped running,” "
        "she said.",
        "“We played with courage and we never stopped running,” Voss said after the match. “The referee "
        "made two bad calls in the second half,” Voss added.",
        "They celebrated late. “We played with courage and we never stopped running,” he said.",
    )
    assert [o.article_id for o in courage.occurrences] == ["a1", "a2", "a3"]
    assert (courage.speaker, courage.speakers_differ) == ("Mara Voss", False)
    assert (referee.speaker, [o.article_id for o in referee.occurrences]) == ("Mara Voss", ["a2"])


def test_another_speakers_similar_words_are_no_paraphrase() -> None:
    [entry] = _ledger(
        "“Nine of the twelve pumps are working again,” Mayor Lina Holt said on Tuesday.",
        "Engineer Piet Moll said nine of the twelve pumps were working again.",
    )
    assert [o.article_id for o in entry.occurrences] == ["a1"]


def test_scare_quotes_are_left_out() -> None:
    assert _ledger("The two leaders spoke of a “new spirit” between the two capitals.") == []


def test_canonical_is_the_earliest_published_not_the_first_given() -> None:
    undated = _read(1, f"“{BERG},” Finance Minister Ada Berg said.", None)
    reworded = "We won’t raise the fuel levy this year, but we will review it in the spring"
    dated = _read(2, f"“{reworded},” Finance Minister Ada Berg said.", "2031-05-01T09:00:00+00:00")
    [entry] = quote_ledger([undated, dated])
    assert entry.text == reworded
    assert [(o.article_id, o.form) for o in entry.occurrences] == [("a2", "verbatim"), ("a1", "reworded")]


# --- the word tools ----------------------------------------------------------------------------


def test_word_diff_format() -> None:
    assert word_diff(BERG, BERG.upper() + ".") == ""
    assert word_diff("the dam is nearly full", "the dam is full") == "the dam is [-nearly-] full"
    assert word_diff("one two three four five six", "one two three four five") == "... four five [-six-]"
    assert word_diff("a b c d e f g h", "x b c d e f g y") == "[-a-] {+x+} b c ... f g [-h-] {+y+}"
    assert word_diff("a b c d e f", "x b c d e y") == "[-a-] {+x+} b c d e [-f-] {+y+}"


def test_meaning_keys_see_through_contractions_inflection_and_synonyms() -> None:
    assert meaning_words("isn’t ready, won't sign") == ["is", "not", "ready", "will", "not", "sign"]
    assert content_keys(meaning_words("prepared to sign a fresh treaty")) == content_keys(
        meaning_words("ready to signing new treaties")
    )


# --- the example corpus --------------------------------------------------------------------------


def _origin_of(gold: dict[str, Any]) -> str:
    origin = str(REPO / gold["file"])
    record = gold["record"]
    if record is None:
        return origin
    return f"{origin}:{record}" if gold["file"].endswith(".jsonl") else f"{origin}#{record}"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Article, Reading]]:
    """Gold label -> (stored article, its reading) for the example corpus."""
    with open_storyline(str(tmp_path_factory.mktemp("quotes") / "x.db")) as app:
        app.ingest([str(REPO / "examples")])
        app.read()
        articles = app.articles()
        readings = {a.id: app.reading(a.id) for a in articles}
    found = {}
    for label, gold in GOLD["articles"].items():
        [article] = [a for a in articles if a.origin == _origin_of(gold)]
        reading = readings[article.id]
        assert reading is not None
        found[label] = (article, reading)
    return found


def _story_ledger(examples: dict[str, tuple[Article, Reading]], story: int) -> list[QuoteEntry]:
    labels = next(s["articles"] for s in GOLD["stories"] if s["id"] == story)
    return quote_ledger([examples[label] for label in labels if examples[label][0].copy_of is None])


def _gold_occurrences(examples: dict[str, tuple[Article, Reading]], story: int) -> list[dict[str, Any]]:
    """Gold occurrences in the story's canonical articles, each with its speaker and canonical text."""
    return [
        {**occurrence, "speaker": quote["speaker"], "canonical": quote["canonical"]}
        for quote in GOLD["quotes"]
        for occurrence in quote["occurrences"]
        if GOLD["articles"][occurrence["article"]]["story"] == story
        and examples[occurrence["article"]][0].copy_of is None
    ]


def _finds(entry: QuoteEntry, article: Article, gold: dict[str, Any]) -> bool:
    start = article.text.find(gold["text"])
    end = start + len(gold["text"])
    return any(
        o.article_id == article.id and o.form == gold["form"] and o.span[0] < end and start < o.span[1]
        for o in entry.occurrences
    )


@pytest.mark.parametrize("story", [1, 2])
def test_every_gold_quote_occurrence_is_found(
    story: int, examples: dict[str, tuple[Article, Reading]]
) -> None:
    ledger = _story_ledger(examples, story)
    missing = [
        (gold["article"], gold["form"], gold["text"])
        for gold in _gold_occurrences(examples, story)
        if not any(
            _finds(entry, examples[gold["article"]][0], gold)
            and (entry.speaker, entry.text) == (gold["speaker"], gold["canonical"])
            for entry in ledger
        )
    ]
    assert missing == []


@pytest.mark.parametrize("story", [1, 2])
def test_nothing_else_is_altered(story: int, examples: dict[str, tuple[Article, Reading]]) -> None:
    ids = {article.id: label for label, (article, _) in examples.items()}
    altered = {
        (ids[o.article_id], entry.text)
        for entry in _story_ledger(examples, story)
        for o in entry.occurrences
        if o.form == "altered"
    }
    expected = {
        (gold["article"], gold["canonical"])
        for gold in _gold_occurrences(examples, story)
        if gold["form"] == "altered"
    }
    assert altered == expected


def test_fifty_article_story_gathers_every_repeat(examples: dict[str, tuple[Article, Reading]]) -> None:
    canonical = [pair for pair in examples.values() if pair[0].copy_of is None]
    items = [
        (replace(article, id=f"{article.id}-{n}"), replace(reading, article_id=f"{article.id}-{n}"))
        for n in range(4)
        for article, reading in canonical
    ][:50]
    assert len(items) == 50
    ledger = quote_ledger(items)
    assert max(len(entry.occurrences) for entry in ledger) >= 4 * 4
