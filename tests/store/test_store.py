"""Every behaviour of the storage interface, run once per backend: ``[sqlite]`` and ``[postgresql]``.

The tests talk to :class:`storyline.store.Store` through :func:`open_store` only, so one test
proves both backends keep the same contract; backend-only details live in test_sqlite.py and
test_postgres.py.
"""

from __future__ import annotations

import sqlite3

import pytest

from storyline.model import Article, Reading, Story, StoryAssignment
from storyline.store import FeedState, Store, StoreError, open_store

SCHEMA_VERSION = 7
"""Both backends' current schema version: one migration per table group, the same on each."""


def _article(article_id: str, text: str = "Body text.", copy_of: str | None = None) -> Article:
    return Article(
        id=article_id,
        text=text,
        origin="t.txt",
        title="T",
        copy_of=copy_of,
        ingested_at="2031-01-01T00:00:00+00:00",
    )


def _schema_version(store: Store) -> int:
    """The open store's schema version (not part of the interface: each backend keeps its own)."""
    version = getattr(store, "schema_version")  # noqa: B009 - both backends, no shared base class
    assert isinstance(version, int)
    return version


def _force_schema_version(store_url: str, version: int) -> None:
    """Stamp the database as ``version`` behind the store's back, as a newer storyline would."""
    if "://" not in store_url:
        raw = sqlite3.connect(store_url)
        raw.execute(f"PRAGMA user_version = {version}")
        raw.close()
        return
    import psycopg

    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute("UPDATE storyline_schema SET version = %s", (version,))


def test_open_store_picks_the_backend_by_url(store_url: str) -> None:
    store = open_store(store_url)
    expected = "PostgresStore" if store_url.startswith("postgresql://") else "SqliteStore"
    assert type(store).__name__ == expected
    store.close()


def test_round_trip(store_url: str) -> None:
    store = open_store(store_url)
    with store.transaction():
        store.add_article(_article("a1"), "k1", ["0:aa", "1:bb"])
        store.add_article(_article("a2"), "k1", ["1:bb"])
    store.close()
    reopened = open_store(store_url)
    assert reopened.get_article("a1") == _article("a1")
    assert reopened.get_article("missing") is None
    assert [a.id for a in reopened.iter_articles()] == ["a1", "a2"]
    assert reopened.ids_with_text_key("k1") == ["a1", "a2"]
    assert reopened.ids_with_text_key("k9") == []
    assert reopened.ids_with_bands(["1:bb"]) == ["a1", "a2"]
    assert reopened.ids_with_bands(["0:aa", "1:bb"]) == ["a1", "a2"]
    assert reopened.ids_with_bands(["9:zz"]) == []
    assert reopened.ids_with_bands([]) == []
    reopened.close()


def test_shingle_hashes_are_kept_with_the_article_that_brought_them(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(_article("a1"), "k1", ["0:aa"], b"\x01\x00\x00\x00\x07\x00\x00\x00")
    store.add_article(_article("a2"), "k2", ["0:aa"])
    store.add_article(_article("a1", "Again."), "k3", ["0:bb"], b"\x02\x00\x00\x00")  # not a new row
    many = [f"x{n}" for n in range(1200)] + ["a2", "a1"]  # more than SQLite binds in one statement
    assert store.get_shingles(many) == {"a1": b"\x01\x00\x00\x00\x07\x00\x00\x00"}
    assert store.get_shingles([]) == {}
    store.close()


def test_many_band_keys_in_one_lookup(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(_article("a1"), "k", ["7:last"])
    keys = [f"0:{n}" for n in range(1200)] + ["7:last"]  # more than SQLite binds in one statement
    assert store.ids_with_bands(keys) == ["a1"]
    store.close()


def test_band_limit_keeps_the_articles_sharing_most_bands_oldest_first(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(_article("old"), "k1", ["0:a"])
    store.add_article(_article("most"), "k2", ["0:a", "1:b", "2:c"])
    store.add_article(_article("two"), "k3", ["0:a", "1:b"])
    store.add_article(_article("tie"), "k4", ["1:b", "2:c"])
    keys = ["0:a", "1:b", "2:c"]
    assert store.ids_with_bands(keys) == ["old", "most", "two", "tie"]
    assert store.ids_with_bands(keys, limit=2) == ["most", "two"]
    assert store.ids_with_bands(keys, limit=1) == ["most"]
    assert store.ids_with_bands(keys, limit=10) == ["old", "most", "two", "tie"]


def test_arrival_order_is_insertion_order_not_id_order(store_url: str) -> None:
    store = open_store(store_url)
    for article_id in ["zeta", "alpha", "mid"]:
        store.add_article(_article(article_id), "k", [f"0:{article_id}", "1:shared"])
    assert [a.id for a in store.iter_articles()] == ["zeta", "alpha", "mid"]
    assert store.ids_with_text_key("k") == ["zeta", "alpha", "mid"]
    assert store.ids_with_bands(["1:shared"]) == ["zeta", "alpha", "mid"]
    assert store.ids_with_bands(["0:mid", "0:zeta"]) == ["zeta", "mid"]
    assert store.ids_to_read("v1") == ["zeta", "alpha", "mid"]
    assert store.ids_without_story() == ["zeta", "alpha", "mid"]
    store.close()


def test_a_duplicate_article_is_kept_once_without_error(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(_article("a1", "First."), "k1", ["0:aa"])
    store.add_article(_article("a1", "Second."), "k2", ["0:bb"])
    assert [a.text for a in store.iter_articles()] == ["First."]
    assert store.ids_with_bands(["0:bb"]) == []
    assert store.ids_with_bands(["0:aa"]) == ["a1"]
    assert store.ids_with_text_key("k2") == []
    store.close()


def test_copies_readings_stories_and_grouper_state(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(_article("orig"), "k", [])
    store.add_article(_article("copy", copy_of="orig"), "k", [])
    store.add_article(_article("better"), "k", [])
    store.repoint_copies("orig", "better")
    assert store.get_article("orig") == _article("orig", copy_of="better")
    assert store.get_article("copy") == _article("copy", copy_of="better")
    assert store.get_article("better") == _article("better")

    reading = Reading(article_id="orig")
    store.put_reading(reading, "v1")
    store.put_reading(reading, "v2")
    assert store.get_reading("orig", "v2") == reading
    assert store.get_reading("orig", "v1") is None
    assert store.ids_to_read("v2") == ["better"]  # "orig" and "copy" are copies now
    store.put_reading(Reading(article_id="better"), "v2")
    assert store.ids_to_read("v2") == []

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

    store.close()


def test_the_grouper_state_is_a_versioned_head_and_a_row_per_story(store_url: str) -> None:
    store = open_store(store_url)
    for article_id in ("b", "a", "c"):
        store.add_article(_article(article_id), f"k{article_id}", [])
    assert (store.get_grouper_state(), store.grouper_version(), list(store.iter_story_profiles())) == (
        None,
        0,
        [],
    )
    assert store.put_grouper_state('{"n": 1}', {"s1": '{"id": "s1"}', "s2": '{"id": "s2"}'}) == 1
    assert store.put_grouper_state('{"n": 2}', {"s2": '{"id": "s2", "v": 2}'}) == 2
    assert store.get_grouper_state() == '{"n": 2}'
    assert sorted(store.iter_story_profiles()) == ['{"id": "s1"}', '{"id": "s2", "v": 2}']
    assert store.put_grouper_state('{"n": 3}', {}, ["s1", "s9"]) == 3
    assert list(store.iter_story_profiles()) == ['{"id": "s2", "v": 2}']
    assert store.grouper_version() == 3

    store.put_assignment(StoryAssignment("c", "s2", 0.5, "similar"))
    store.put_assignment(StoryAssignment("b", "s1", 0.0, "new"))
    store.put_merge("s1", "s2")
    assert list(store.iter_assignments()) == [  # as made; merged ones name the kept story
        StoryAssignment("c", "s2", 0.5, "similar"),
        StoryAssignment("b", "s2", 0.0, "new"),
    ]
    store.close()


def test_a_failed_save_leaves_state_and_version_as_they_were(store_url: str) -> None:
    store = open_store(store_url)
    store.put_grouper_state('{"n": 1}', {"s1": '{"id": "s1"}'})
    try:
        with store.transaction():
            store.put_grouper_state('{"n": 2}', {"s2": '{"id": "s2"}'}, ["s1"])
            raise RuntimeError("the pass failed after saving")
    except RuntimeError:
        pass
    assert (store.get_grouper_state(), store.grouper_version()) == ('{"n": 1}', 1)
    assert list(store.iter_story_profiles()) == ['{"id": "s1"}']
    store.close()


def test_story_rows_keep_their_order_update_in_place_and_go_when_merged(store_url: str) -> None:
    store = open_store(store_url)
    for article_id in ("a1", "a2", "a3"):
        store.add_article(_article(article_id, f"Body {article_id}."), f"k{article_id}", [])
    store.put_assignment(StoryAssignment("a1", "s1", 0.0, "new"))
    store.put_assignment(StoryAssignment("a2", "s2", 0.0, "new"))
    store.put_assignment(StoryAssignment("a3", "s1", 0.8, "similar"))
    store.put_stories([Story("s1", "Trams", (), "2031-05-01"), Story("s2", "Floods", ())])
    store.put_stories([Story("s1", "Trams return", (), "2031-05-01", "2031-05-02")])
    assert list(store.iter_stories()) == [
        Story("s1", "Trams return", ("a1", "a3"), "2031-05-01", "2031-05-02"),
        Story("s2", "Floods", ("a2",)),
    ]
    store.put_merge("s2", "s1")
    store.put_stories([Story("s1", "Trams return", (), "2031-05-01", "2031-05-02", ("s2",))])
    assert store.get_story("s2") is None
    assert store.get_story("s1") == Story(
        "s1", "Trams return", ("a1", "a2", "a3"), "2031-05-01", "2031-05-02", ("s2",)
    )
    assert [s.id for s in store.iter_stories()] == ["s1"]
    store.close()


def test_failed_transaction_keeps_nothing(store_url: str) -> None:
    store = open_store(store_url)
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


def test_grouping_commits_together_or_not_at_all(store_url: str) -> None:
    store = open_store(store_url)
    store.add_article(_article("a1"), "k", [])
    with pytest.raises(RuntimeError), store.grouping():
        store.put_assignment(StoryAssignment("a1", "s1", 0.0, "new"))
        store.put_grouper_state('{"n": 1}')
        raise RuntimeError("boom")
    assert store.ids_without_story() == ["a1"]
    assert store.get_grouper_state() is None
    with store.grouping():
        with store.transaction():  # writes inside the lock join its transaction
            store.put_assignment(StoryAssignment("a1", "s1", 0.0, "new"))
        store.put_grouper_state('{"n": 1}')
    store.close()
    reopened = open_store(store_url)
    assert reopened.story_members() == {"s1": ["a1"]}
    assert reopened.get_grouper_state() == '{"n": 1}'
    with reopened.transaction(), reopened.grouping():  # inside a transaction it joins it too
        reopened.put_grouper_state('{"n": 2}')
    assert reopened.get_grouper_state() == '{"n": 2}'
    reopened.close()


def test_schema_version_and_reopening(store_url: str) -> None:
    store = open_store(store_url)
    assert _schema_version(store) == SCHEMA_VERSION
    store.add_article(_article("a1"), "k", [])
    store.close()
    again = open_store(store_url)  # migrations already applied: opening changes nothing
    assert _schema_version(again) == SCHEMA_VERSION
    assert [a.id for a in again.iter_articles()] == ["a1"]
    again.close()


def test_newer_schema_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    _force_schema_version(store_url, 99)
    with pytest.raises(StoreError, match=r"schema version 99, newer than this storyline \(7\)"):
        open_store(store_url)


def test_feed_state_round_trip(store_url: str) -> None:
    store = open_store(store_url)
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
    reopened = open_store(store_url)
    assert reopened.get_feed_state(state.url) == state
    with reopened.transaction():
        reopened.put_feed_state(FeedState(state.url, last_modified="Tue, 01 Apr 2031 10:00:00 GMT"))
    assert reopened.get_feed_state(state.url) == FeedState(
        state.url, last_modified="Tue, 01 Apr 2031 10:00:00 GMT"
    )
    reopened.close()
