"""What only the PostgreSQL backend does: server errors, and an advisory lock as the grouping lock.

Every shared behaviour is in test_store.py, which runs on this backend against a real server.
"""

from __future__ import annotations

import pytest

from storyline.store import StoreError, open_store

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")

from storyline.store.postgres import _GROUPING_LOCK, PostgresStore  # noqa: E402


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open PostgreSQL database"):
        PostgresStore("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2")


def test_unreachable_postgres_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open PostgreSQL database"):
        open_store("postgresql://storyline@127.0.0.1:9/none?connect_timeout=2")


def test_grouping_holds_an_advisory_lock_until_it_ends(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as other:

        def other_can_lock() -> bool:
            row = other.execute("SELECT pg_try_advisory_xact_lock(%s)", (_GROUPING_LOCK,)).fetchone()
            assert row is not None
            return bool(row[0])

        with store.grouping():
            assert other_can_lock() is False
        assert other_can_lock() is True  # released by the commit (and the other's by autocommit)
        with pytest.raises(RuntimeError), store.grouping():
            raise RuntimeError("boom")
        assert other_can_lock() is True  # and by a rollback
    store.close()
