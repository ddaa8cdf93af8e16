"""Stances: one speaker's indirect statements, split per "that"-clause, with polarity."""

from __future__ import annotations

from storyline.compare.stances import find_stances, fold, is_negated
from storyline.model import Article, Attribution, Entity, Mention, Reading, Span

TEXT = (
    "President Maren Dovic said that the talks would resume in May and that Veloria would not sign "
    "a new treaty. The Sellin Courier wrote that the summit had failed."
)


def _span(words: str) -> Span:
    start = TEXT.index(words)
    return Span("a1", start, start + len(words))


def _reading() -> Reading:
    dovic = Entity("e1", "Maren Dovic", "person", (Mention(_span("Maren Dovic"), "Maren Dovic", "name"),))
    courier = Entity(
        "e2", "Sellin Courier", "outlet", (Mention(_span("Sellin Courier"), "Sellin Courier", "name"),)
    )
    said_content = "that the talks would resume in May and that Veloria would not sign a new treaty"
    said = Attribution(
        _span("President Maren Dovic"),
        _span("said"),
        _span(said_content),
        "President Maren Dovic",
        "said",
        "person",
        "e1",
    )
    wrote = Attribution(
        _span("The Sellin Courier"),
        _span("wrote"),
        _span("that the summit had failed"),
        "The Sellin Courier",
        "wrote",
        "outlet",
        "e2",
    )
    return Reading("a1", entities=(dovic, courier), attributions=(said, wrote))


def test_two_that_clauses_are_two_stances_and_outlets_are_not_speakers() -> None:
    article = Article(id="a1", text=TEXT, origin="test")
    stances = find_stances(article, _reading())
    assert [(s.speaker, s.content, s.text, s.negated) for s in stances] == [
        (
            "Maren Dovic",
            "that the talks would resume in May",
            "President Maren Dovic said that the talks would resume in May",
            False,
        ),
        (
            "Maren Dovic",
            "Veloria would not sign a new treaty",
            TEXT[: TEXT.index(".")],
            True,
        ),
    ]
    for stance in stances:
        assert TEXT[stance.span.start : stance.span.end] == stance.text
        assert TEXT[stance.content_span.start : stance.content_span.end] == stance.content


def test_fold_joins_plain_synonyms_only() -> None:
    assert [fold(w) for w in ("proce", "continu", "resum", "talk", "negotiat", "sign")] == [
        "continue",
        "continue",
        "continue",
        "negotiation",
        "negotiation",
        "sign",
    ]


def test_negation_words() -> None:
    assert [
        is_negated(t) for t in ("will not continue", "isn’t ready", "without a deal", "will continue")
    ] == [
        True,
        True,
        True,
        False,
    ]


def test_one_speakers_stance_in_other_words_is_one_corroborated_fact() -> None:
    from storyline.compare.report import compare_story
    from storyline.read.nlp import parse
    from storyline.read.reader import read_article

    texts = {
        "a1": "President Maren Dovic met Prime Minister Teodor Kask in Port Aldine on Tuesday. "
        "Dovic reportedly insisted that the ongoing negotiations with Kestrania over the Orvane River "
        "must proceed.",
        "a2": "Prime Minister Teodor Kask hosted President Maren Dovic on Tuesday. Dovic said that a new "
        "dam is not the preferred option and that diplomatic talks with Kestrania will continue.",
    }
    outlets = {"a1": "Northern Wire", "a2": "Sellin Courier"}
    articles = [Article(id=k, text=v, origin=k, outlet=outlets[k]) for k, v in texts.items()]
    readings = {a.id: read_article(a, parse(a.text)) for a in articles}
    report = compare_story("s", "s", articles, readings)
    assert [(f.status, [s.text for s in f.support]) for f in report.facts][1:] == [
        (
            "corroborated",
            [
                "that the ongoing negotiations with Kestrania over the Orvane River must proceed",
                "Dovic said that a new dam is not the preferred option and that diplomatic talks with "
                "Kestrania will continue",
            ],
        ),
        ("single_source", ["that a new dam is not the preferred option"]),
    ]
