"""Reading a stream of articles in worker processes: same readings, in order, consumed lazily."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.api import open_storyline
from storyline.codec import to_text
from storyline.model import Article
from storyline.read import reader, stream
from storyline.read.reader import chunk_sizes, read_articles
from storyline.read.stream import read_encoded

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    with open_storyline(str(tmp_path_factory.mktemp("stream") / "s.db")) as app:
        app.ingest([str(EXAMPLES)])
        return app.articles()


def test_task_sizes_are_full_batches_then_shrink_and_cover_every_article() -> None:
    assert list(chunk_sizes(200, 2)) == [32, 32, 32, 26, 20, 15, 11, 8, 8, 8, 8]
    assert list(chunk_sizes(5, 2)) == [5]
    assert list(chunk_sizes(0, 2)) == []


@pytest.mark.parametrize("processes", [1, 2])
def test_stream_gives_each_article_its_reading_in_order(
    articles: list[Article], processes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "POOL_CHUNK", 3)  # 16 articles: many small tasks over both workers
    monkeypatch.setattr(reader, "POOL_CHUNK_MIN", 1)
    monkeypatch.setattr(stream, "TASKS_PER_WORKER", 2)  # and workers replaced as they go
    expected = [(r.article_id, to_text(r)) for r in read_articles(articles)]
    assert list(read_encoded(iter(articles), len(articles), processes)) == expected


def test_stream_pulls_articles_only_a_window_ahead(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "POOL_CHUNK", 1)
    monkeypatch.setattr(reader, "POOL_CHUNK_MIN", 1)
    pulled = 0

    def source() -> Iterator[Article]:
        nonlocal pulled
        for article in articles:
            pulled += 1
            yield article

    readings = read_encoded(source(), len(articles), 2)
    next(readings)
    window = stream.WINDOW_PER_PROCESS * 2
    assert pulled <= window + 1 < len(articles)
    assert len(list(readings)) == len(articles) - 1
