"""The grouper's saved state: a small head row, one row per story profile, and a version.

The same SQL on both backends but for placeholders. Why rows and a version: saved as one blob,
the state was ~230 MB of JSON at 100,000 articles, and every grouping pass wrote it all and read
it all back (~15 s each way), however few articles the pass added. Now a pass writes the head
and the rows of the stories it changed, and the version, bumped by every save, tells a process
that kept the grouper it saved whether anyone saved since, so it may skip reading the state back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from storyline.model import StoryAssignment


class GrouperSql:
    """The statements, written once with a backend's placeholder (``?`` or ``%s``)."""

    def __init__(self, mark: str, made: str) -> None:
        """``made``: the column that orders the assignments as they were made."""
        self.head = "SELECT state FROM grouper_state WHERE id = 1"
        self.version = "SELECT version FROM grouper_state WHERE id = 1"
        self.put_head = (
            f"INSERT INTO grouper_state (id, state, version) VALUES (1, {mark}, 1) "
            "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, version = grouper_state.version + 1"
        )
        self.put_profile = (
            f"INSERT INTO story_profiles (story_id, profile) VALUES ({mark}, {mark}) "
            "ON CONFLICT (story_id) DO UPDATE SET profile = EXCLUDED.profile"
        )
        self.drop_profile = f"DELETE FROM story_profiles WHERE story_id = {mark}"
        self.profiles = "SELECT profile FROM story_profiles"
        self.assignments = (
            f"SELECT article_id, story_id, score, reason FROM story_assignments ORDER BY {made}"
        )


class GrouperRows:
    """The grouper-state methods of :class:`storyline.store.Store`, for a backend with ``_db``
    (a DB-API connection), ``_grouper_sql`` and ``transaction()``."""

    _db: Any
    _grouper_sql: GrouperSql

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def get_grouper_state(self) -> str | None:
        """The saved head of the grouper's state (a whole state, in stores saved before rows)."""
        row = self._db.execute(self._grouper_sql.head).fetchone()
        return None if row is None else str(row[0])

    def grouper_version(self) -> int:
        """How many times the grouper's state was saved (0: never)."""
        row = self._db.execute(self._grouper_sql.version).fetchone()
        return 0 if row is None else int(row[0])

    def put_grouper_state(
        self, state: str, profiles: Mapping[str, str] | None = None, dropped: Sequence[str] = ()
    ) -> int:
        """Save the head, write these stories' profile rows, delete those of ``dropped``;
        returns the state's new version."""
        sql = self._grouper_sql
        with self.transaction():
            self._db.execute(sql.put_head, (state,))
            for story_id, profile in (profiles or {}).items():
                self._db.execute(sql.put_profile, (story_id, profile))
            for story_id in dropped:
                self._db.execute(sql.drop_profile, (story_id,))
            return self.grouper_version()

    def iter_story_profiles(self) -> Iterator[str]:
        """Every saved story profile row (JSON), in no particular order."""
        for (profile,) in self._db.execute(self._grouper_sql.profiles):
            yield str(profile)

    def iter_assignments(self) -> Iterator[StoryAssignment]:
        """Every article's assignment, in the order they were made (a merged story's articles
        name the story they were merged into)."""
        for article_id, story_id, score, reason in self._db.execute(self._grouper_sql.assignments):
            yield StoryAssignment(article_id, story_id, float(score), reason)
