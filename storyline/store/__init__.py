"""Storage behind one small interface: SQLite by default, other backends by URL.

Stages never touch the database; the API hands them records read through :class:`Store` and
writes their results back through it. A backend only has to implement this protocol.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from storyline.model import Article, Reading, Story, StoryAssignment

ARTICLE_COLUMNS = "id, text, origin, title, byline, outlet, url, published, language, copy_of, ingested_at"
"""The article columns both backends write, in the order of :func:`article_values`."""


def article_values(article: Article, text_key: str) -> tuple[str | None, ...]:
    """An article's row for ``ARTICLE_COLUMNS, text_key``: one definition for both backends."""
    ingested = article.ingested_at or datetime.now(UTC).isoformat(timespec="seconds")
    return (
        article.id,
        article.text,
        article.origin,
        article.title,
        article.byline,
        article.outlet,
        article.url,
        article.published,
        article.language,
        article.copy_of,
        ingested,
        text_key,
    )


class StoreError(Exception):
    """The store cannot be opened or used (bad URL, newer schema, locked file)."""


@dataclass(frozen=True)
class FeedState:
    """What the feed watcher remembers about one feed between polls (and across restarts).

    ``etag`` and ``last_modified`` make the next poll conditional; ``failures`` counts failed
    polls in a row (it drives the back-off) and ``next_poll_at`` is a Unix time in seconds.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll_at: float = 0.0
    last_error: str | None = None


class Store(Protocol):
    """What every backend provides. Writes happen inside :meth:`transaction`."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them are kept, or none when the block raises."""

    def grouping(self) -> AbstractContextManager[None]:
        """A write transaction that also holds the store-wide grouping lock; only one at a time.

        Why: grouping loads the grouper state (one row), assigns the pending articles and saves
        the state. Two processes doing that at once (two ``storyline run``, an ingest and the
        web server) would both load the same state and assign the same articles, and the later
        save would overwrite the earlier: stories lost or duplicated. Holding this lock across
        load → assign → save serialises them; read the pending ids and the state *inside* it.
        A waiting process blocks (it does not fail) until the holder commits or rolls back.
        """

    def add_article(
        self, article: Article, text_key: str, band_keys: Sequence[str], shingles: bytes = b""
    ) -> None:
        """Store a new article with its exact-text key, near-duplicate band keys and packed
        shingle hashes (:func:`storyline.ingest.identity.packed`; empty: none kept).

        An id that is already stored (or being stored by a concurrent writer) is not an error:
        the first row and its keys are kept, so two processes ingesting one article store it once.
        """

    def repoint_copies(self, old_root: str, new_root: str) -> None:
        """Make ``old_root`` and every copy of it copies of ``new_root`` (the true original)."""

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""

    def iter_articles(self) -> Iterator[Article]:
        """All articles in arrival order."""

    def ids_with_text_key(self, text_key: str) -> list[str]:
        """Ids of articles whose normalised text hashes to ``text_key``, oldest first."""

    def ids_with_bands(self, band_keys: Sequence[str], limit: int | None = None) -> list[str]:
        """Ids of articles sharing at least one band key, oldest first; with ``limit``, only the
        ``limit`` that share the most keys (the likeliest near-copies; ties: the oldest)."""

    def get_shingles(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """The packed shingle hashes stored with these articles (those stored without are absent)."""

    def put_reading(self, reading: Reading, reader_version: str) -> None:
        """Store (or replace) an article's reading, made by reader ``reader_version``."""

    def put_encoded_reading(self, article_id: str, data: str, reader_version: str) -> None:
        """Store a reading already encoded by :func:`storyline.codec.to_text` (in a worker process)."""

    def get_reading(self, article_id: str, reader_version: str) -> Reading | None:
        """The article's reading by that reader version, or ``None``."""

    def get_encoded_reading(self, article_id: str, reader_version: str) -> str | None:
        """The article's reading by that reader version as stored (see :meth:`put_encoded_reading`)."""

    def ids_to_read(self, reader_version: str) -> list[str]:
        """Ids of articles that are not copies and have no reading by that reader version, in
        arrival order (a copy's words are its original's, and no report reads a copy's reading)."""

    def put_assignment(self, assignment: StoryAssignment) -> None:
        """Record (or move) an article's story."""

    def ids_without_story(self) -> list[str]:
        """Ids of articles not yet in a story, in arrival order."""

    def put_merge(self, merged: str, kept: str) -> None:
        """Fold story ``merged`` into ``kept``: its articles move, its id stays resolvable, its
        row (:meth:`put_stories`) goes."""

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update these stories' rows; a new story goes after every story stored before.

        Why rows and not only the grouper's state: listing stories or finding one is then a
        query, where parsing the state took seconds once it held 100,000 articles.
        """

    def get_story(self, story_id: str) -> Story | None:
        """The stored story with exactly this id (see :meth:`resolve_story`), with its articles."""

    def iter_stories(self) -> Iterator[Story]:
        """Every stored story, in the order they were first stored, each with its articles."""

    def story_members(self) -> dict[str, list[str]]:
        """Story id → its article ids, in arrival order."""

    def resolve_story(self, story_id: str) -> str:
        """The current id of a story, following merges."""

    def get_grouper_state(self) -> str | None:
        """The saved head of the stream grouper's state, if any (see :meth:`put_grouper_state`)."""

    def grouper_version(self) -> int:
        """How many times the grouper's state was saved (0: never): a process that kept the
        grouper it saved at version N may go on with it while the store is still at N."""

    def put_grouper_state(
        self, state: str, profiles: Mapping[str, str] | None = None, dropped: Sequence[str] = ()
    ) -> int:
        """Save the stream grouper's state so a later process continues the stream: its head,
        the profile rows of the stories that changed (story id -> JSON) and the ids of stories
        merged away; returns the new version.

        Why in pieces: whole, the state grows with the store (~230 MB at 100,000 articles)
        while a pass changes a few stories; see :mod:`storyline.stories.state`.
        """

    def iter_story_profiles(self) -> Iterator[str]:
        """Every saved story profile row."""

    def iter_assignments(self) -> Iterator[StoryAssignment]:
        """Every article's story assignment, in the order they were made (merged stories'
        articles name the story they were merged into)."""

    def get_feed_state(self, url: str) -> FeedState | None:
        """The watcher's state of the feed at ``url``, or ``None`` when it was never polled."""

    def put_feed_state(self, state: FeedState) -> None:
        """Save (or replace) a feed's watcher state; call it inside the poll's transaction."""

    def close(self) -> None:
        """Release the connection."""


def open_store(db: str) -> Store:
    """Open the store named by ``db``: a file path (SQLite) or a ``postgresql://`` URL."""
    if db.startswith(("postgresql://", "postgres://")):
        from storyline.store.postgres import PostgresStore

        return PostgresStore(db)
    from storyline.store.sqlite import SqliteStore

    return SqliteStore(db)
