"""The SQLite store: a real file, migrations, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.model import Article
from storyline.store import StoreError, open_store
from storyline.store.sqlite import MIGRATIONS, SqliteStore


def _article(article_id: str, text: str = "Body text.") -> Article:
    return Article(
        id=article_id, text=text, origin="t.txt", title="T", ingested_at="2031-01-01T00:00:00+00:00"
    )


def test_round_trip_in_a_real_file(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    store = open_store(db)
    with store.transaction():
        store.add_article(_article("a1"), "k1", ["0:aa", "1:bb"])
        store.add_article(_article("a2"), "k1", ["1:bb"])
    store.close()
    reopened = open_store(db)
    assert reopened.get_article("a1") == _article("a1")
    assert [a.id for a in reopened.iter_articles()] == ["a1", "a2"]
    assert reopened.ids_with_text_key("k1") == ["a1", "a2"]
    assert reopened.ids_with_bands(["1:bb"]) == ["a1", "a2"]
    assert reopened.ids_with_bands(["9:zz"]) == []
    reopened.close()


def test_wal_and_schema_version(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    raw = sqlite3.connect(tmp_path / "s.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_failed_transaction_keeps_nothing(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    with pytest.raises(RuntimeError), store.transaction():
        store.add_article(_article("a1"), "k", [])
        raise RuntimeError("boom")
    assert store.get_article("a1") is None
    store.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    with pytest.raises(StoreError, match="newer than this storyline"):
        open_store(str(path))


def test_unreachable_postgres_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError):
        open_store("postgresql://storyline@127.0.0.1:9/none?connect_timeout=2")
