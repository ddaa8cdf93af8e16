"""Stories as rows: listing and finding them agree with the grouper's state, also for old stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storyline.api import open_storyline
from storyline.api_pass import load_grouper

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _from_state(db: Path) -> list[tuple[str, str, str | None, str | None]]:
    """The grouper's live stories in the order they were made (first assignment to each)."""
    with open_storyline(str(db)) as app:
        grouper = load_grouper(app._store)
    made = list(dict.fromkeys(a.story_id for a in grouper.assignments.values()))
    live = {s.id: (s.id, s.title, s.first_published, s.last_published) for s in grouper.stories()}
    return [live[story_id] for story_id in made if story_id in live]


def test_listed_stories_are_the_grouper_stories_in_order(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_storyline(str(db)) as app:
        for path in sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html")):
            app.ingest([str(path)])  # one group() per file: rows are written over many calls
        listed = app.stories()
        members = app._store.story_members()
    assert [(s.id, s.title, s.first_published, s.last_published) for s in listed] == _from_state(db)
    assert all(s.article_ids == tuple(members[s.id]) for s in listed)
    assert len(listed) >= 2


def test_a_store_grouped_before_story_rows_gets_them_on_first_use(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with open_storyline(str(db)) as app:
        app.ingest([str(EXAMPLES)])
        before = app.stories()
    with sqlite3.connect(db) as raw:  # as a schema-4 store looks after the migration: no rows
        raw.execute("DELETE FROM stories")
    with open_storyline(str(db)) as app:
        assert app.story(before[-1].id) == before[-1]
        assert app.stories() == before
