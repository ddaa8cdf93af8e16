"""The bundled fictional corpus, ingested end to end, against what examples/gold.json says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.api import open_storyline
from storyline.model import Article

REPO = Path(__file__).resolve().parents[1]
GOLD = json.loads((REPO / "examples" / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    """The gold label of each example article mapped to what storyline stored for it."""
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    with open_storyline(str(db)) as app:
        result = app.ingest([str(REPO / "examples")])
        assert result.rejected == ()
        articles = app.articles()
    return {label: _find(articles, gold) for label, gold in GOLD["articles"].items()}


def _origin_of(gold: dict[str, Any]) -> str:
    origin = str(REPO / gold["file"])
    record = gold["record"]
    if record is None:
        return origin
    return f"{origin}:{record}" if gold["file"].endswith(".jsonl") else f"{origin}#{record}"


def _find(articles: list[Article], gold: dict[str, Any]) -> Article:
    origin = _origin_of(gold)
    matches = [a for a in articles if a.origin == origin]
    assert len(matches) == 1, f"no single article from {origin}"
    return matches[0]


def test_every_example_is_stored_once(ingested: dict[str, Article]) -> None:
    assert len({a.id for a in ingested.values()}) == len(GOLD["articles"])


@pytest.mark.parametrize("label", sorted(GOLD["articles"]))
def test_metadata_matches_gold(label: str, ingested: dict[str, Article]) -> None:
    gold = GOLD["articles"][label]
    article = ingested[label]
    expected_copy = ingested[gold["copy_of"]].id if gold["copy_of"] else None
    assert (article.title, article.outlet, article.byline, article.published, article.copy_of) == (
        gold["title"],
        gold["outlet"],
        gold["byline"],
        gold["published"],
        expected_copy,
    )


@pytest.mark.parametrize("entry", GOLD["furniture"], ids=lambda e: e["article"])
def test_furniture_is_not_in_the_clean_text(entry: dict[str, Any], ingested: dict[str, Article]) -> None:
    text = ingested[entry["article"]].text
    assert [line for line in entry["lines"] if line in text] == []


def test_every_gold_span_is_in_the_clean_text(ingested: dict[str, Article]) -> None:
    missing = [
        (item["article"], item["text"])
        for key in ("relays", "scare_quotes", "numbers")
        for item in GOLD[key]
        if item["text"] not in ingested[item["article"]].text
    ]
    missing += [
        (occurrence["article"], occurrence["text"])
        for quote in GOLD["quotes"]
        for occurrence in quote["occurrences"]
        if occurrence["text"] not in ingested[occurrence["article"]].text
    ]
    assert missing == []


def test_second_run_is_a_no_op(tmp_path: Path) -> None:
    with open_storyline(str(tmp_path / "twice.db")) as app:
        first = app.ingest([str(REPO / "examples")])
        second = app.ingest([str(REPO / "examples")])
    assert (len(first.added), len(first.copies)) == (15, 1)
    assert (second.added, second.copies, len(second.unchanged)) == ((), (), 16)


def test_every_example_report_verifies(tmp_path: Path) -> None:
    from storyline.brief import verify_report

    with open_storyline(str(tmp_path / "reports.db")) as app:
        app.ingest([str(REPO / "examples")])
        app.read()
        stories = app.stories()
        assert sorted(len(s.article_ids) for s in stories) == [3, 4, 9]
        for story in stories:
            found = app.report(story.id)
            assert found is not None
            report, texts = found
            assert report.briefing
            assert verify_report(report, texts) == []
