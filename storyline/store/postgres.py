"""The PostgreSQL backend: the same tables and semantics as the SQLite one, for shared servers.

Why a second backend: several ingesting processes (or machines) can write one PostgreSQL
database at once, which a SQLite file serialises behind one writer lock.

Migrations are registered in code as numbered SQL scripts, like :mod:`storyline.store.sqlite`;
the version lives in a one-row ``storyline_schema`` table. Opening a store applies the missing
scripts in one transaction under an advisory lock, so two processes opening a fresh database at
the same moment do not both try to create the tables.

Concurrent writers: ``articles.id`` is UNIQUE and :meth:`PostgresStore.add_article` inserts with
``ON CONFLICT (id) DO NOTHING``. Under READ COMMITTED (the default), an insert that meets a row
another transaction has inserted but not yet committed waits for that transaction; once it
commits, the insert does nothing instead of raising, and the existing row (and its band keys) is
kept. So two processes ingesting the same article store it exactly once and neither fails. If
the other transaction rolls back, the waiting insert proceeds and stores the article itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from storyline.codec import from_json, to_text
from storyline.model import Article, Reading, StoryAssignment
from storyline.store import ARTICLE_COLUMNS, FeedState, StoreError, article_values
from storyline.store.grouper_rows import GrouperRows, GrouperSql
from storyline.store.story_rows import StoryRows, StorySql

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        text_key TEXT NOT NULL,
        origin TEXT NOT NULL,
        title TEXT, byline TEXT, outlet TEXT, url TEXT, published TEXT, language TEXT,
        copy_of TEXT REFERENCES articles(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_text_key ON articles(text_key);
    CREATE INDEX articles_url ON articles(url);
    CREATE TABLE lsh_bands (
        band TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id),
        PRIMARY KEY (band, article_id)
    );
    """,
    """
    CREATE TABLE readings (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        reader_version TEXT NOT NULL,
        data JSONB NOT NULL
    );
    """,
    """
    CREATE TABLE story_assignments (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX story_assignments_story ON story_assignments(story_id);
    CREATE TABLE story_merges (merged TEXT PRIMARY KEY, kept TEXT NOT NULL);
    CREATE TABLE grouper_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
    """,
    """
    CREATE TABLE feed_states (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at DOUBLE PRECISION NOT NULL DEFAULT 0,
        last_error TEXT
    );
    """,
    """
    CREATE TABLE stories (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        merged_from TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE article_shingles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        hashes BYTEA NOT NULL
    );
    """,
    """
    CREATE TABLE story_profiles (story_id TEXT PRIMARY KEY, profile TEXT NOT NULL);
    ALTER TABLE grouper_state ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE story_assignments ADD COLUMN seq BIGSERIAL;
    """,
)
"""Schema version N is reached by applying MIGRATIONS[:N]."""

_MIGRATION_LOCK = 0x5354_4F52_594C_494E
"""Advisory lock key ("STORYLIN") that serialises schema migrations across processes."""
_GROUPING_LOCK = 0x5354_4F52_5947_5250
"""Advisory lock key ("STORYGRP") that serialises grouping across processes and machines."""


class PostgresStore(StoryRows, GrouperRows):
    """A :class:`storyline.store.Store` in a PostgreSQL database named by a ``postgresql://`` URL."""

    _story_sql = StorySql("%s")
    _grouper_sql = GrouperSql("%s", "seq")

    def __init__(self, url: str) -> None:
        try:
            # Autocommit: reads outside transaction() see the latest committed data and hold no
            # snapshot or locks; transaction() opens an explicit BEGIN/COMMIT block.
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise StoreError(f"cannot open PostgreSQL database: {error}") from error
        self._in_transaction = False
        try:
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    @property
    def schema_version(self) -> int:
        """The schema version of the open database (0 when storyline has never used it)."""
        row = self._db.execute("SELECT to_regclass('storyline_schema') IS NOT NULL").fetchone()
        if row is None or not row[0]:
            return 0
        version = self._db.execute("SELECT version FROM storyline_schema").fetchone()
        return 0 if version is None else int(version[0])

    def _migrate(self) -> None:
        with self.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            current = self.schema_version
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"the database has schema version {current}, newer than this storyline "
                    f"({len(MIGRATIONS)}): upgrade storyline"
                )
            if current == len(MIGRATIONS):
                return
            if current == 0:
                self._db.execute("CREATE TABLE IF NOT EXISTS storyline_schema (version INTEGER NOT NULL)")
            for script in MIGRATIONS[current:]:
                self._db.execute(script.encode())
            self._db.execute("DELETE FROM storyline_schema")
            self._db.execute("INSERT INTO storyline_schema (version) VALUES (%s)", (len(MIGRATIONS),))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls join the outer one (no savepoints, like SQLite)."""
        if self._in_transaction:
            yield
            return
        self._in_transaction = True
        try:
            with self._db.transaction():
                yield
        finally:
            self._in_transaction = False

    @contextmanager
    def grouping(self) -> Iterator[None]:
        """A transaction holding a transaction-scoped advisory lock, released by COMMIT/ROLLBACK.

        Row locks cannot do this job: the first grouping finds no state row to lock, and the
        pending articles are the ones with *no* assignment row. ``pg_advisory_xact_lock`` blocks
        until any other holder's transaction ends; under READ COMMITTED every later statement
        takes a fresh snapshot, so the state and pending ids read inside the block include what
        the previous holder committed. The lock goes with the transaction, so a crashed
        process cannot leave it held.
        """
        with self.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_GROUPING_LOCK,))
            yield

    def add_article(
        self, article: Article, text_key: str, band_keys: Sequence[str], shingles: bytes = b""
    ) -> None:
        """Store the article unless a row with its id exists or is being committed concurrently.

        A duplicate id is not an error here (see the module docstring): the first writer's row and
        band keys are kept, so a concurrent ingest of the same article never fails.
        """
        with self.transaction():
            inserted = self._db.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}, text_key) "
                "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING RETURNING seq",
                article_values(article, text_key),
            ).fetchone()
            if inserted is None:
                return
            if shingles:
                self._db.execute(
                    "INSERT INTO article_shingles (article_id, hashes) VALUES (%s, %s)",
                    (article.id, shingles),
                )
            if not band_keys:
                return
            with self._db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO lsh_bands (band, article_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    [(band, article.id) for band in band_keys],
                )

    def repoint_copies(self, old_root: str, new_root: str) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE articles SET copy_of = %s WHERE id = %s OR copy_of = %s",
                (new_root, old_root, old_root),
            )

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = %s", (article_id,)
        ).fetchone()
        return None if row is None else Article(*row)

    def iter_articles(self) -> Iterator[Article]:
        for row in self._db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY seq").fetchall():
            yield Article(*row)

    def ids_with_text_key(self, text_key: str) -> list[str]:
        rows = self._db.execute("SELECT id FROM articles WHERE text_key = %s ORDER BY seq", (text_key,))
        return [str(row[0]) for row in rows.fetchall()]

    def ids_with_bands(self, band_keys: Sequence[str], limit: int | None = None) -> list[str]:
        """One query however many keys: ``= ANY`` takes an array, so no chunking is needed."""
        if not band_keys:
            return []
        rows = self._db.execute(
            "SELECT c.id FROM (SELECT a.id, a.seq FROM articles a JOIN "
            "(SELECT article_id, COUNT(*) AS shared FROM lsh_bands WHERE band = ANY(%s) "
            "GROUP BY article_id) b ON b.article_id = a.id ORDER BY b.shared DESC, a.seq LIMIT %s) c "
            "ORDER BY c.seq",
            (list(band_keys), limit),
        )
        return [str(row[0]) for row in rows.fetchall()]

    def get_shingles(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        rows = self._db.execute(
            "SELECT article_id, hashes FROM article_shingles WHERE article_id = ANY(%s)", (list(article_ids),)
        )
        return {str(article_id): bytes(hashes) for article_id, hashes in rows.fetchall()}

    def put_reading(self, reading: Reading, reader_version: str) -> None:
        self.put_encoded_reading(reading.article_id, to_text(reading), reader_version)

    def put_encoded_reading(self, article_id: str, data: str, reader_version: str) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO readings (article_id, reader_version, data) VALUES (%s, %s, %s::jsonb) "
                "ON CONFLICT (article_id) DO UPDATE "
                "SET reader_version = EXCLUDED.reader_version, data = EXCLUDED.data",
                (article_id, reader_version, data),
            )

    def get_reading(self, article_id: str, reader_version: str) -> Reading | None:
        encoded = self.get_encoded_reading(article_id, reader_version)
        if encoded is None:
            return None
        data: dict[str, Any] = json.loads(encoded)
        return from_json(Reading, data)

    def get_encoded_reading(self, article_id: str, reader_version: str) -> str | None:
        # Read back as text (not psycopg's JSONB loader) so decoding matches the SQLite backend;
        # JSONB keeps its own key order, so the text differs from what was stored, not its data.
        row = self._db.execute(
            "SELECT data::text FROM readings WHERE article_id = %s AND reader_version = %s",
            (article_id, reader_version),
        ).fetchone()
        return None if row is None else str(row[0])

    def ids_to_read(self, reader_version: str) -> list[str]:
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN readings r ON r.article_id = a.id "
            "AND r.reader_version = %s WHERE r.article_id IS NULL AND a.copy_of IS NULL ORDER BY a.seq",
            (reader_version,),
        )
        return [str(row[0]) for row in rows.fetchall()]

    def put_assignment(self, assignment: StoryAssignment) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO story_assignments (article_id, story_id, score, reason) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (article_id) DO UPDATE "
                "SET story_id = EXCLUDED.story_id, score = EXCLUDED.score, reason = EXCLUDED.reason",
                (assignment.article_id, assignment.story_id, assignment.score, assignment.reason),
            )

    def ids_without_story(self) -> list[str]:
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL ORDER BY a.seq"
        )
        return [str(row[0]) for row in rows.fetchall()]

    def put_merge(self, merged: str, kept: str) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO story_merges (merged, kept) VALUES (%s, %s) "
                "ON CONFLICT (merged) DO UPDATE SET kept = EXCLUDED.kept",
                (merged, kept),
            )
            self._db.execute("UPDATE story_assignments SET story_id = %s WHERE story_id = %s", (kept, merged))
            self._db.execute(self._story_sql.drop, (merged,))

    def story_members(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        rows = self._db.execute(
            "SELECT s.story_id, s.article_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            "ORDER BY a.seq"
        )
        for story_id, article_id in rows.fetchall():
            members.setdefault(story_id, []).append(article_id)
        return members

    def resolve_story(self, story_id: str) -> str:
        for _ in range(100):  # a bound, like SQLite's, so a corrupt merge cycle cannot hang
            row = self._db.execute("SELECT kept FROM story_merges WHERE merged = %s", (story_id,)).fetchone()
            if row is None:
                return story_id
            story_id = str(row[0])
        return story_id

    def get_feed_state(self, url: str) -> FeedState | None:
        row = self._db.execute(
            "SELECT url, etag, last_modified, failures, next_poll_at, last_error FROM feed_states "
            "WHERE url = %s",
            (url,),
        ).fetchone()
        return None if row is None else FeedState(row[0], row[1], row[2], int(row[3]), float(row[4]), row[5])

    def put_feed_state(self, state: FeedState) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO feed_states (url, etag, last_modified, failures, next_poll_at, last_error) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, "
                "last_modified = EXCLUDED.last_modified, failures = EXCLUDED.failures, "
                "next_poll_at = EXCLUDED.next_poll_at, last_error = EXCLUDED.last_error",
                (
                    state.url,
                    state.etag,
                    state.last_modified,
                    state.failures,
                    state.next_poll_at,
                    state.last_error,
                ),
            )

    def close(self) -> None:
        self._db.close()
