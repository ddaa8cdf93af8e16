"""The SQLite backend: one file, WAL journal, schema versions applied as migrations.

Migrations are registered in code as numbered SQL scripts; opening a store applies the ones
it has not seen, inside one transaction, so an old file is upgraded in place.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from storyline.codec import from_json, to_text
from storyline.model import Article, Reading, StoryAssignment
from storyline.store import ARTICLE_COLUMNS, FeedState, StoreError, article_values
from storyline.store.grouper_rows import GrouperRows, GrouperSql
from storyline.store.story_rows import StoryRows, StorySql

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE readings (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        reader_version TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE story_assignments (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        score REAL NOT NULL,
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
        next_poll_at REAL NOT NULL DEFAULT 0,
        last_error TEXT
    );
    """,
    """
    CREATE TABLE stories (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
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
        hashes BLOB NOT NULL
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE story_profiles (story_id TEXT PRIMARY KEY, profile TEXT NOT NULL) WITHOUT ROWID;
    ALTER TABLE grouper_state ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    """,
)
"""Schema version N is reached by applying MIGRATIONS[:N]."""

_MAX_VARIABLES = 500
_CACHE_KIB = 65_536
"""Page cache per connection (SQLite's default is 2 MiB): every ingested article adds 32 rows at
random places of the LSH band index (3.2M rows at 100k articles), and with the default cache
nearly each insert read its pages back from the OS; 64 MiB cut the placing client's CPU on
20k articles from 13.2 to 8.9 s."""
_BUSY_TIMEOUT_MS = 30_000
"""How long a write waits for another process's write lock before failing with "locked"."""
_GROUPING_BUSY_TIMEOUT_MS = 600_000
"""How long :meth:`SqliteStore.grouping` waits: another process may be grouping a long backlog."""


class SqliteStore(StoryRows, GrouperRows):
    """A :class:`storyline.store.Store` in one SQLite file."""

    _story_sql = StorySql("?")
    _grouper_sql = GrouperSql("?", "rowid")  # assignments are inserted once, moved in place

    def __init__(self, path: str) -> None:
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open SQLite database {path!r}: {error}") from error
        self._use_wal(path)
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
        self._in_transaction = False
        self._migrate()

    def _use_wal(self, path: str) -> None:
        """Switch the file to WAL (once: the mode is kept in the file), retrying while locked.

        Two processes opening a new file at once both try the switch, and SQLite answers the
        loser "database is locked" at once, without its busy handler; so retry briefly here.
        """
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                if self._db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise StoreError(f"cannot open SQLite database {path!r}: {error}") from error
            time.sleep(0.01)

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Apply the missing migrations; the version is read again under the write lock.

        Two processes opening a new file at once both see version 0; the second to take the
        lock must then find the first one's tables and apply nothing.
        """
        current = self.schema_version
        self._check_version(current)
        if current == len(MIGRATIONS):
            return
        with self.transaction():
            current = self.schema_version
            self._check_version(current)
            for script in MIGRATIONS[current:]:
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")

    @staticmethod
    def _check_version(current: int) -> None:
        if current > len(MIGRATIONS):
            raise StoreError(
                f"the database has schema version {current}, newer than this storyline "
                f"({len(MIGRATIONS)}): upgrade storyline"
            )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested calls join the outer one."""
        if self._in_transaction:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_transaction = False

    @contextmanager
    def grouping(self) -> Iterator[None]:
        """The grouping lock is SQLite's own write lock, taken by ``BEGIN IMMEDIATE``.

        ``BEGIN IMMEDIATE`` takes the file's write lock before the first read, so the grouper
        state and pending ids read inside the block are the latest committed ones and no other
        process can write until the commit. A waiter retries for up to
        ``_GROUPING_BUSY_TIMEOUT_MS`` (not the usual 30 s) because the holder may be grouping a
        large backlog. Inside an outer transaction the lock is already held: the block joins it.
        """
        if self._in_transaction:
            yield
            return
        self._db.execute(f"PRAGMA busy_timeout = {_GROUPING_BUSY_TIMEOUT_MS}")
        try:
            with self.transaction():
                yield
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")

    def add_article(
        self, article: Article, text_key: str, band_keys: Sequence[str], shingles: bytes = b""
    ) -> None:
        """Store the article unless its id is already stored; then the first row and keys are kept.

        The same rule as the PostgreSQL backend, so callers see one behaviour on both.
        """
        with self.transaction():
            inserted = self._db.execute(
                f"INSERT INTO articles ({ARTICLE_COLUMNS}, text_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (id) DO NOTHING",
                article_values(article, text_key),
            ).rowcount
            if not inserted:
                return
            self._db.executemany(
                "INSERT OR IGNORE INTO lsh_bands (band, article_id) VALUES (?, ?)",
                [(band, article.id) for band in band_keys],
            )
            if shingles:
                self._db.execute(
                    "INSERT INTO article_shingles (article_id, hashes) VALUES (?, ?)", (article.id, shingles)
                )

    def repoint_copies(self, old_root: str, new_root: str) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE articles SET copy_of = ? WHERE id = ? OR copy_of = ?", (new_root, old_root, old_root)
            )

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else Article(*row)

    def iter_articles(self) -> Iterator[Article]:
        for row in self._db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
            yield Article(*row)

    def ids_with_text_key(self, text_key: str) -> list[str]:
        rows = self._db.execute("SELECT id FROM articles WHERE text_key = ? ORDER BY seq", (text_key,))
        return [row[0] for row in rows]

    def ids_with_bands(self, band_keys: Sequence[str], limit: int | None = None) -> list[str]:
        shared: dict[str, int] = {}
        order: dict[str, int] = {}
        for start in range(0, len(band_keys), _MAX_VARIABLES):
            chunk = band_keys[start : start + _MAX_VARIABLES]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT b.article_id, COUNT(*), a.seq FROM lsh_bands b "
                f"JOIN articles a ON a.id = b.article_id WHERE b.band IN ({marks}) GROUP BY b.article_id",
                chunk,
            )
            for article_id, count, seq in rows:
                shared[article_id] = shared.get(article_id, 0) + int(count)
                order[article_id] = int(seq)
        ids = sorted(shared, key=order.__getitem__)
        if limit is not None and len(ids) > limit:
            chosen = set(sorted(ids, key=lambda i: -shared[i])[:limit])  # stable: ties stay oldest first
            ids = [i for i in ids if i in chosen]
        return ids

    def get_shingles(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for start in range(0, len(article_ids), _MAX_VARIABLES):
            chunk = article_ids[start : start + _MAX_VARIABLES]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT article_id, hashes FROM article_shingles WHERE article_id IN ({marks})", chunk
            )
            found.update((str(article_id), bytes(hashes)) for article_id, hashes in rows)
        return found

    def put_reading(self, reading: Reading, reader_version: str) -> None:
        self.put_encoded_reading(reading.article_id, to_text(reading), reader_version)

    def put_encoded_reading(self, article_id: str, data: str, reader_version: str) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO readings (article_id, reader_version, data) VALUES (?, ?, ?)",
                (article_id, reader_version, data),
            )

    def get_reading(self, article_id: str, reader_version: str) -> Reading | None:
        data = self.get_encoded_reading(article_id, reader_version)
        return None if data is None else from_json(Reading, json.loads(data))

    def get_encoded_reading(self, article_id: str, reader_version: str) -> str | None:
        row = self._db.execute(
            "SELECT data FROM readings WHERE article_id = ? AND reader_version = ?",
            (article_id, reader_version),
        ).fetchone()
        return None if row is None else str(row[0])

    def ids_to_read(self, reader_version: str) -> list[str]:
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN readings r ON r.article_id = a.id "
            "AND r.reader_version = ? WHERE r.article_id IS NULL AND a.copy_of IS NULL ORDER BY a.seq",
            (reader_version,),
        )
        return [row[0] for row in rows]

    def put_assignment(self, assignment: StoryAssignment) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO story_assignments (article_id, story_id, score, reason) "
                "VALUES (?, ?, ?, ?)",
                (assignment.article_id, assignment.story_id, assignment.score, assignment.reason),
            )

    def ids_without_story(self) -> list[str]:
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_assignments s ON s.article_id = a.id "
            "WHERE s.article_id IS NULL ORDER BY a.seq"
        )
        return [row[0] for row in rows]

    def put_merge(self, merged: str, kept: str) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO story_merges (merged, kept) VALUES (?, ?)", (merged, kept)
            )
            self._db.execute("UPDATE story_assignments SET story_id = ? WHERE story_id = ?", (kept, merged))
            self._db.execute(self._story_sql.drop, (merged,))

    def story_members(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        rows = self._db.execute(
            "SELECT s.story_id, s.article_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            "ORDER BY a.seq"
        )
        for story_id, article_id in rows:
            members.setdefault(story_id, []).append(article_id)
        return members

    def resolve_story(self, story_id: str) -> str:
        for _ in range(100):
            row = self._db.execute("SELECT kept FROM story_merges WHERE merged = ?", (story_id,)).fetchone()
            if row is None:
                return story_id
            story_id = row[0]
        return story_id

    def get_feed_state(self, url: str) -> FeedState | None:
        row = self._db.execute(
            "SELECT url, etag, last_modified, failures, next_poll_at, last_error FROM feed_states "
            "WHERE url = ?",
            (url,),
        ).fetchone()
        return None if row is None else FeedState(row[0], row[1], row[2], int(row[3]), float(row[4]), row[5])

    def put_feed_state(self, state: FeedState) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO feed_states "
                "(url, etag, last_modified, failures, next_poll_at, last_error) VALUES (?, ?, ?, ?, ?, ?)",
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
