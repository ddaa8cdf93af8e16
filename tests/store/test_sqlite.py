"""What only the SQLite backend does: WAL journal, and its write lock as the grouping lock.

Every shared behaviour is in test_store.py, which runs on this backend too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.store.sqlite import MIGRATIONS, SqliteStore


def test_wal_and_schema_version(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    raw = sqlite3.connect(tmp_path / "s.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    raw.close()


def test_grouping_holds_the_write_lock_until_it_ends(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SqliteStore(str(path))
    other = sqlite3.connect(path, isolation_level=None, timeout=0)  # fail at once, never wait
    with store.grouping():
        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            other.execute("BEGIN IMMEDIATE")
        assert store.get_grouper_state() is None
    other.execute("BEGIN IMMEDIATE")  # released by the commit
    other.execute("ROLLBACK")
    other.close()
    store.close()


def test_grouping_waits_longer_than_a_plain_write_then_restores_the_timeout(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "s.db"))
    with store.grouping():
        assert store._db.execute("PRAGMA busy_timeout").fetchone()[0] == 600_000
    assert store._db.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    store.close()
