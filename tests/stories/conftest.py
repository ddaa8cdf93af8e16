"""Fixtures of the story-grouping tests: the example corpus ingested once, its gold stories."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.api import open_storyline
from storyline.model import Article

REPO = Path(__file__).resolve().parents[2]


def _match(articles: list[Article], entry: dict[str, str | None]) -> Article:
    file, record = entry["file"], entry["record"]
    assert file is not None
    found = [
        a
        for a in articles
        if re.sub(r":\d+$", "", a.origin.split("#")[0]).endswith(file)
        and (record is None or a.origin.endswith((f"#{record}", f":{record}")))
    ]
    assert len(found) == 1, f"{file} {record}: {len(found)} articles"
    return found[0]


@pytest.fixture(scope="session")
def example_articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    """The example corpus ingested by the real API, in arrival order."""
    db = tmp_path_factory.mktemp("examples") / "x.db"
    with open_storyline(str(db)) as app:
        app.ingest([str(REPO / "examples")])
        return app.articles()


@pytest.fixture(scope="session")
def gold_stories(
    example_articles: list[Article],
) -> tuple[dict[str, str], list[set[str]], list[tuple[str, str]]]:
    """(gold key -> article id, gold stories as sets of article ids, pairs that must stay apart)."""
    gold = json.loads((REPO / "examples" / "gold.json").read_text(encoding="utf-8"))
    ids = {key: _match(example_articles, entry).id for key, entry in gold["articles"].items()}
    stories = [{ids[k] for k in story["articles"]} for story in gold["stories"]]
    apart = [
        (ids[a["articles"][0]], ids[a["articles"][1]]) for a in gold["absent"] if a["kind"] == "same_story"
    ]
    return ids, stories, apart
