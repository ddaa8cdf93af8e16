"""The grouping pass keeps its grouper between calls, and never goes on with a stale one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from storyline.api import Storyline, open_storyline
from storyline.api_pass import GrouperCache, load_grouper

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})


def _stories(app: Storyline) -> list[tuple[str, tuple[str, ...]]]:
    return [(story.id, story.article_ids) for story in app.stories()]


def _one_file_at_a_time(db: Path) -> list[tuple[str, tuple[str, ...]]]:
    with open_storyline(str(db)) as app:
        for path in FILES:
            app.ingest([path])
        return _stories(app)


def test_the_next_pass_goes_on_with_the_grouper_this_process_saved(tmp_path: Path) -> None:
    cache = GrouperCache()
    with open_storyline(str(tmp_path / "a.db")) as app:
        app.ingest(FILES[:3], group=False)
        app.group(cache=cache)
        kept = cache.grouper
        assert kept is not None and cache.version == app._store.grouper_version() == 1
        app.ingest(FILES[3:], group=False)
        app.group(cache=cache)
        assert cache.grouper is kept  # not read back from the store
        assert cache.version == 2
        assert len(kept.assignments) == len(app.articles())
        app.ingest(FILES[:1])  # nothing new: no pass, and the grouper stays kept
        assert cache.grouper is kept and app._store.grouper_version() == 2


def test_a_save_by_another_process_makes_the_next_pass_read_the_state_back(tmp_path: Path) -> None:
    expected = _one_file_at_a_time(tmp_path / "reference.db")
    db = str(tmp_path / "shared.db")
    caches = [GrouperCache(), GrouperCache()]
    with open_storyline(db) as first, open_storyline(db) as second:
        for n, path in enumerate(FILES):  # each pass follows the other one's save
            app = (first, second)[n % 2]
            app.ingest([path], group=False)
            app.group(cache=caches[n % 2])
        assert first._store.grouper_version() == len(FILES)
        assert _stories(first) == expected
        stale = caches[(len(FILES) - 2) % 2]  # the one that did not save last
        assert stale.grouper is not None
        assert stale.take(first._store.grouper_version()) is None
        members = [a for _, ids in _stories(first) for a in ids]
        assert sorted(members) == sorted(a.id for a in first.articles())  # each article once


def test_a_store_with_the_whole_state_in_one_row_is_carried_on_and_split(tmp_path: Path) -> None:
    expected = _one_file_at_a_time(tmp_path / "reference.db")
    db = tmp_path / "old.db"
    with open_storyline(str(db)) as app:
        for path in FILES[:-1]:
            app.ingest([path])
        whole = json.dumps(load_grouper(app._store).to_state())
    with sqlite3.connect(db) as raw:  # as a schema-6 store looks after the migration
        raw.execute("DELETE FROM story_profiles")
        raw.execute("UPDATE grouper_state SET state = ?, version = 0", (whole,))
    with open_storyline(str(db)) as app:
        app.ingest([FILES[-1]])
        assert _stories(app) == expected
        assert json.loads(app._store.get_grouper_state() or "{}")["format"] == "storyline.grouper/2"
        saved = {json.loads(row)["id"] for row in app._store.iter_story_profiles()}
        assert saved == {story_id for story_id, _ in expected}
