"""Comparing the example stories: sources, independent origins, facts, framing and omissions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.compare.report import compare_story
from storyline.model import Article, Fact, Reading, Report

GOLD = json.loads(
    (Path(__file__).resolve().parents[2] / "examples" / "gold.json").read_text(encoding="utf-8")
)


def _report(examples: dict[str, tuple[Article, Reading]], story: int) -> tuple[Report, dict[str, str]]:
    labels = [label for label, entry in GOLD["articles"].items() if entry["story"] == story]
    articles = [examples[label][0] for label in labels]
    readings = {examples[label][0].id: examples[label][1] for label in labels}
    label_of = {examples[label][0].id: label for label in labels}
    return compare_story(f"s{story}", "story", articles, readings), label_of


def test_copies_are_listed_under_their_original_never_as_sources(
    examples_read: dict[str, tuple[Article, Reading]],
) -> None:
    report, label_of = _report(examples_read, 1)
    sources = {label_of[s.article_id]: s for s in report.sources}
    assert "s1-brightwater-times" not in sources
    assert [label_of[c] for c in sources["s1-northern-wire"].copies] == ["s1-brightwater-times"]
    relaying = {label for label, s in sources.items() if "The Daily Meridian" in {r.outlet for r in s.relays}}
    assert relaying == {"s1-velorian-herald", "s1-free-velorian"}


def _fact_with(report: Report, words: str) -> tuple[str, int, set[str]]:
    fact = max(
        (
            f
            for f in report.facts
            if words in f.statement.lower() or any(words in s.text.lower() for s in f.support)
        ),
        key=lambda f: len(f.support),
    )
    return fact.status, fact.independent_origins, {s.article_id for s in fact.support}


def test_relayed_scoop_is_one_origin(examples_read: dict[str, tuple[Article, Reading]]) -> None:
    report, label_of = _report(examples_read, 1)
    status, origins, articles = _fact_with(report, "halder dam by 15 percent")
    assert {label_of[a] for a in articles} == {"s1-daily-meridian", "s1-velorian-herald", "s1-free-velorian"}
    assert (status, origins) == ("single_source", 1)


def test_commission_is_corroborated_and_omitted_by_the_courier(
    examples_read: dict[str, tuple[Article, Reading]],
) -> None:
    report, label_of = _report(examples_read, 1)
    fact = max(report.facts, key=lambda f: sum("joint water commission" in s.text for s in f.support))
    assert fact.status == "corroborated"
    assert fact.independent_origins >= 6
    omitted_by = {label_of[f.article_id] for f in report.framing if fact.id in f.omits}
    assert "s1-kestrel-courier" in omitted_by


def test_framing_keeps_loaded_terms_with_their_voice(
    examples_read: dict[str, tuple[Article, Reading]],
) -> None:
    report, label_of = _report(examples_read, 1)
    framing = {label_of[f.article_id]: f for f in report.framing}
    texts = {label_of[a.id]: a.text for a, _ in examples_read.values() if a.id in label_of}
    for gold in GOLD["loaded_terms"]:
        uses = framing[gold["article"]].loaded_terms
        found = {(texts[gold["article"]][u.span[0] : u.span[1]].lower(), u.voice) for u in uses}
        assert (gold["term"], gold["voice"]) in found


def test_conflicts_and_updates_follow_gold(examples_read: dict[str, tuple[Article, Reading]]) -> None:
    summit, _ = _report(examples_read, 1)
    quake, _ = _report(examples_read, 3)
    assert sorted(c.kind for c in summit.conflicts) == ["day", "negation", "number"]
    assert [u.about for u in quake.updates] == ["death toll"]
    assert quake.conflicts == ()
    assert {f.status for f in summit.facts} >= {"conflicting", "corroborated", "single_source"}


def test_the_altered_quote_is_a_negation_conflict(examples_read: dict[str, tuple[Article, Reading]]) -> None:
    summit, label_of = _report(examples_read, 1)
    (negation,) = [c for c in summit.conflicts if c.kind == "negation"]
    affirmed, denied = negation.values
    assert (affirmed.value, [label_of[a] for a in affirmed.article_ids]) == (
        "Veloria is ready to sign a new treaty",
        ["s1-free-velorian"],
    )
    assert denied.value == "Veloria is not ready to sign a new treaty"
    assert sorted(label_of[a] for a in denied.article_ids) == [
        "s1-continental-review",
        "s1-daily-meridian",
        "s1-plain-titled",
        "s1-velorian-herald",
    ]
    quoted = {
        f.id: f.status for f in summit.facts for s in f.support if "ready to sign a new treaty" in s.text
    }
    assert set(quoted.values()) == {"conflicting"}


def test_seeds_corroborate_three_facts_and_keep_single_source_details(shared: Path) -> None:
    from storyline.ingest.text import parse_text
    from storyline.read.nlp import parse
    from storyline.read.reader import read_article

    articles, readings = [], {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        document = parse_text(path.read_text(encoding="utf-8"), str(path))
        article = Article(
            id=path.name[:3],
            text=document.text,
            origin=str(path),
            title=document.title,
            outlet=document.outlet,
        )
        articles.append(article)
        readings[article.id] = read_article(article, parse(article.text))
    for order in (articles, articles[::-1]):  # the story's order is publication order, unknown here
        _assert_seed_facts(compare_story("seeds", "seeds", order, readings))
    report = compare_story("seeds", "seeds", articles, readings)
    framing = {f.article_id: f for f in report.framing}
    assert ("productive", "outlet") in {(u.term, u.voice) for u in framing["000"].loaded_terms}
    assert framing["001"].headline_angle.startswith("failure")
    assert "Haaretz" in {r.outlet for s in report.sources for r in s.relays}


def _assert_seed_facts(report: Report) -> None:
    """The facts the issue expects of the two seeds as one story."""

    def supported(status: str, evidence: str) -> set[str]:
        """The articles of the fact of this status whose support holds ``evidence``."""
        facts = [f for f in report.facts if f.status == status and any(evidence in s.text for s in f.support)]
        assert len(facts) == 1, (status, evidence, [f.statement for f in facts])
        return {s.article_id for s in facts[0].support}

    corroborated = [f for f in report.facts if f.status == "corroborated"]
    assert any("without reaching a definitive agreement" in f.statement for f in corroborated)
    assert supported("corroborated", "ongoing negotiations with Iran must proceed") == {"000", "001"}
    assert supported("corroborated", "diplomatic negotiations with Tehran will continue") == {"000", "001"}
    assert supported("corroborated", "Netanyahu highlights Israel’s security requirements") == {"000", "001"}
    assert supported("corroborated", "safeguarding Israel’s security interests") == {"000", "001"}
    assert len(corroborated) == 3
    for evidence in (
        "lasted nearly three hours",
        "Sheikh Tamim bin Hamad Al Thani",
        "Arab mediation efforts",
    ):
        assert supported("single_source", evidence) == {"001"}
    assert supported("single_source", "“real progress”") == {"001"}
    assert supported("single_source", "situation in Gaza also featured prominently") == {"000"}
    assert supported("single_source", "enhance intelligence sharing") == {"000"}


def _evidence_spans(text: str, evidence: str) -> list[tuple[int, int]]:
    """Every place the gold evidence occurs in an article's text."""
    spans, start = [], text.find(evidence)
    while start >= 0:
        spans.append((start, start + len(evidence)))
        start = text.find(evidence, start + 1)
    return spans


def _gold_fact(report: Report, gold: dict[str, Any], ids: dict[str, str], texts: dict[str, str]) -> Fact:
    """The reported fact whose support covers the gold evidence in the most articles."""

    def covered(fact: Fact) -> int:
        return sum(
            any(
                s.article_id == ids[label] and s.span[0] < end and start < s.span[1]
                for s in fact.support
                for start, end in _evidence_spans(texts[label], evidence)
            )
            for label, evidence in gold["evidence"].items()
            if label in ids
        )

    return max(report.facts, key=lambda f: (covered(f), -len(f.support)))


@pytest.mark.parametrize("gold", GOLD["facts"], ids=[f["statement"][:40] for f in GOLD["facts"]])
def test_gold_facts_have_exactly_their_articles_and_origins(
    examples_read: dict[str, tuple[Article, Reading]], gold: dict[str, Any]
) -> None:
    report, label_of = _report(examples_read, gold["story"])
    ids = {label: article_id for article_id, label in label_of.items()}
    texts = {label: examples_read[label][0].text for label in ids}
    fact = _gold_fact(report, gold, ids, texts)
    canonical = {label for label in gold["articles"] if GOLD["articles"][label]["copy_of"] is None}
    assert {label_of[s.article_id] for s in fact.support} == canonical
    assert fact.independent_origins == gold["independent_origins"]
    for support in fact.support:
        assert texts[label_of[support.article_id]][support.span[0] : support.span[1]] == support.text
    assert any(fact.statement in s.text for s in fact.support)


@pytest.mark.parametrize("gold", GOLD["omissions"], ids=[o["fact"][:40] for o in GOLD["omissions"]])
def test_gold_omissions_are_reported(
    examples_read: dict[str, tuple[Article, Reading]], gold: dict[str, Any]
) -> None:
    fact_gold = next(f for f in GOLD["facts"] if f["statement"] == gold["fact"])
    report, label_of = _report(examples_read, fact_gold["story"])
    ids = {label: article_id for article_id, label in label_of.items()}
    texts = {label: examples_read[label][0].text for label in ids}
    fact = _gold_fact(report, fact_gold, ids, texts)
    omitted_by = {label_of[f.article_id] for f in report.framing if fact.id in f.omits}
    assert omitted_by == set(gold["omitted_by"])


def test_no_gold_fact_is_omitted_by_an_article_that_states_it(
    examples_read: dict[str, tuple[Article, Reading]],
) -> None:
    for fact_gold in GOLD["facts"]:
        report, label_of = _report(examples_read, fact_gold["story"])
        ids = {label: article_id for article_id, label in label_of.items()}
        texts = {label: examples_read[label][0].text for label in ids}
        fact = _gold_fact(report, fact_gold, ids, texts)
        omitted_by = {label_of[f.article_id] for f in report.framing if fact.id in f.omits}
        assert not omitted_by & set(fact_gold["articles"])
