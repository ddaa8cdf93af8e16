"""The stories table: one row per live story, the same SQL on both backends but for placeholders.

Why rows beside the grouper's state: listing the stories, or finding one, used to parse the
whole state (4.9 MB at 3,000 articles: 181 ms to list, 219 ms to find one; ~160 MB at 100,000).
As rows, listing is a query (7 ms) and finding one is a lookup by key.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from storyline.model import Story

STORY_COLUMNS = "id, title, first_published, last_published, merged_from"


class StorySql:
    """The statements, written once with a backend's placeholder (``?`` or ``%s``)."""

    def __init__(self, mark: str) -> None:
        self.upsert = (
            f"INSERT INTO stories ({STORY_COLUMNS}) VALUES ({mark}, {mark}, {mark}, {mark}, {mark}) "
            "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, "
            "first_published = EXCLUDED.first_published, last_published = EXCLUDED.last_published, "
            "merged_from = EXCLUDED.merged_from"
        )
        self.one = f"SELECT {STORY_COLUMNS} FROM stories WHERE id = {mark}"
        self.members = (
            "SELECT s.article_id FROM story_assignments s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.story_id = {mark} ORDER BY a.seq"
        )
        self.every = f"SELECT {STORY_COLUMNS} FROM stories ORDER BY seq"
        self.drop = f"DELETE FROM stories WHERE id = {mark}"


def write_stories(db: Any, sql: StorySql, stories: Sequence[Story]) -> None:
    """Insert or update each story's row (its members live in the assignments, not here)."""
    for story in stories:
        merged = json.dumps(list(story.merged_from))
        db.execute(sql.upsert, (story.id, story.title, story.first_published, story.last_published, merged))


def read_story(db: Any, sql: StorySql, story_id: str) -> Story | None:
    """One story by its exact id, with its articles in arrival order."""
    row = db.execute(sql.one, (story_id,)).fetchone()
    if row is None:
        return None
    members = [m[0] for m in db.execute(sql.members, (story_id,)).fetchall()]
    return _story(row, members)


def read_stories(db: Any, sql: StorySql, members: Mapping[str, Sequence[str]]) -> Iterator[Story]:
    """Every story in the order first stored, each with its ``members``."""
    for row in db.execute(sql.every).fetchall():
        yield _story(row, members.get(row[0], ()))


def _story(row: Sequence[Any], members: Sequence[str]) -> Story:
    story_id, title, first, last, merged = row
    return Story(story_id, title, tuple(members), first, last, tuple(json.loads(merged)))


class StoryRows:
    """The story methods of :class:`storyline.store.Store`, for a backend with ``_db`` (a DB-API
    connection), ``_story_sql``, ``transaction()`` and ``story_members()``."""

    _db: Any
    _story_sql: StorySql

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def story_members(self) -> dict[str, list[str]]:
        raise NotImplementedError

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update these stories' rows; a new story goes after every story stored before."""
        with self.transaction():
            write_stories(self._db, self._story_sql, stories)

    def get_story(self, story_id: str) -> Story | None:
        """The stored story with exactly this id, with its articles."""
        return read_story(self._db, self._story_sql, story_id)

    def iter_stories(self) -> Iterator[Story]:
        """Every stored story, in the order they were first stored, each with its articles."""
        return read_stories(self._db, self._story_sql, self.story_members())
