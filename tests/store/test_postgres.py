"""The PostgreSQL store against a real throwaway server: the SQLite store's behaviours, plus concurrency."""

from __future__ import annotations

import multiprocessing
import multiprocessing.synchronize
from pathlib import Path

import pytest

from storyline.model import Article, Reading, StoryAssignment
from storyline.store import FeedState, StoreError

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")

from storyline.store.postgres import MIGRATIONS, PostgresStore  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _article(article_id: str, text: str = "Body text.", copy_of: str | None = None) -> Article:
    return Article(
        id=article_id,
        text=text,
        origin="t.txt",
        title="T",
        copy_of=copy_of,
        ingested_at="2031-01-01T00:00:00+00:00",
    )


def test_round_trip_through_a_real_server(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    with store.transaction():
        store.add_article(_article("a1"), "k1", ["0:aa", "1:bb"])
        store.add_article(_article("a2"), "k1", ["1:bb"])
    store.close()
    reopened = PostgresStore(pg_url)
    assert reopened.get_article("a1") == _article("a1")
    assert reopened.get_article("missing") is None
    assert [a.id for a in reopened.iter_articles()] == ["a1", "a2"]
    assert reopened.ids_with_text_key("k1") == ["a1", "a2"]
    assert reopened.ids_with_bands(["1:bb"]) == ["a1", "a2"]
    assert reopened.ids_with_bands(["0:aa", "1:bb"]) == ["a1", "a2"]
    assert reopened.ids_with_bands(["9:zz"]) == []
    assert reopened.ids_with_bands([]) == []
    reopened.close()


def test_arrival_order_is_insertion_order_not_id_order(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    for article_id in ["zeta", "alpha", "mid"]:
        store.add_article(_article(article_id), "k", [f"0:{article_id}", "1:shared"])
    assert [a.id for a in store.iter_articles()] == ["zeta", "alpha", "mid"]
    assert store.ids_with_text_key("k") == ["zeta", "alpha", "mid"]
    assert store.ids_with_bands(["1:shared"]) == ["zeta", "alpha", "mid"]
    assert store.ids_with_bands(["0:mid", "0:zeta"]) == ["zeta", "mid"]
    assert store.ids_without_reading("v1") == ["zeta", "alpha", "mid"]
    assert store.ids_without_story() == ["zeta", "alpha", "mid"]
    store.close()


def test_a_duplicate_article_is_kept_once_without_error(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.add_article(_article("a1", "First."), "k1", ["0:aa"])
    store.add_article(_article("a1", "Second."), "k2", ["0:bb"])
    assert [a.text for a in store.iter_articles()] == ["First."]
    assert store.ids_with_bands(["0:bb"]) == []
    assert store.ids_with_text_key("k2") == []
    store.close()


def test_copies_readings_stories_and_grouper_state(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.add_article(_article("orig"), "k", [])
    store.add_article(_article("copy", copy_of="orig"), "k", [])
    store.add_article(_article("better"), "k", [])
    store.repoint_copies("orig", "better")
    assert store.get_article("orig") == _article("orig", copy_of="better")
    assert store.get_article("copy") == _article("copy", copy_of="better")

    reading = Reading(article_id="orig")
    store.put_reading(reading, "v1")
    store.put_reading(reading, "v2")
    assert store.get_reading("orig", "v2") == reading
    assert store.get_reading("orig", "v1") is None
    assert store.ids_without_reading("v2") == ["copy", "better"]

    store.put_assignment(StoryAssignment("orig", "s1", 0.0, "new"))
    store.put_assignment(StoryAssignment("copy", "s2", 0.5, "similar"))
    store.put_assignment(StoryAssignment("copy", "s2", 0.9, "copy"))
    assert store.ids_without_story() == ["better"]
    assert store.story_members() == {"s1": ["orig"], "s2": ["copy"]}
    store.put_merge("s2", "s1")
    store.put_merge("s1", "s0")
    assert store.story_members() == {"s0": ["orig", "copy"]}
    assert store.resolve_story("s2") == "s0"
    assert store.resolve_story("s9") == "s9"

    assert store.get_grouper_state() is None
    store.put_grouper_state('{"n": 1}')
    store.put_grouper_state('{"n": 2}')
    assert store.get_grouper_state() == '{"n": 2}'
    store.close()


def test_failed_transaction_keeps_nothing(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(_article("a1"), "k", ["0:aa"])
        with store.transaction():  # a nested block joins the outer one: no savepoint survives it
            store.add_article(_article("a2"), "k", [])
        raise RuntimeError("boom")
    assert store.get_article("a1") is None
    assert store.get_article("a2") is None
    assert store.ids_with_bands(["0:aa"]) == []
    store.add_article(_article("a3"), "k", [])  # the connection is usable again
    assert [a.id for a in store.iter_articles()] == ["a3"]
    store.close()


def test_schema_version_and_reopening(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    again = PostgresStore(pg_url)  # migrations already applied: opening is a no-op
    assert again.schema_version == len(MIGRATIONS)
    again.close()


def test_newer_schema_is_refused(pg_url: str) -> None:
    PostgresStore(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("UPDATE storyline_schema SET version = 99")
    with pytest.raises(StoreError, match="newer than this storyline"):
        PostgresStore(pg_url)


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="PostgreSQL"):
        PostgresStore("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2")


def _ingest_examples(url: str, start: multiprocessing.synchronize.Barrier) -> None:
    """One ingesting process; the barrier makes both open the store before either ingests."""
    from storyline.ingest import ingest

    store = PostgresStore(url)
    start.wait(timeout=60)
    try:
        ingest([str(EXAMPLES)], store)
    finally:
        store.close()


def test_two_processes_ingesting_the_same_examples_store_each_article_once(pg_url: str) -> None:
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    workers = [context.Process(target=_ingest_examples, args=(pg_url, start)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
    assert [worker.exitcode for worker in workers] == [0, 0]

    store = PostgresStore(pg_url)
    ids = [article.id for article in store.iter_articles()]
    store.close()
    assert len(ids) == 16
    assert len(set(ids)) == len(ids)
    with psycopg.connect(pg_url) as raw:
        counts = raw.execute("SELECT id, count(*) FROM articles GROUP BY id HAVING count(*) > 1").fetchall()
    assert counts == []


def test_feed_state_round_trip(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    assert store.get_feed_state("https://feeds.example/a.xml") is None
    state = FeedState(
        "https://feeds.example/a.xml",
        etag='"v2"',
        last_modified=None,
        failures=2,
        next_poll_at=1_900_000_000.5,
        last_error="HTTP 500 Internal Server Error",
    )
    with store.transaction():
        store.put_feed_state(state)
    store.close()
    reopened = PostgresStore(pg_url)
    assert reopened.get_feed_state(state.url) == state
    reopened.close()
