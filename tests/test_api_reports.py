"""Report folders: every story at once, then only the stories that changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import api_reports
from storyline.api import open_storyline
from storyline.api_reports import ReportFolder

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def test_a_folder_rewrites_only_the_stories_it_is_told_changed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_storyline(str(tmp_path / "r.db")) as app:
        app.ingest([str(EXAMPLES / "kestrel_courier_orvane.txt")])
        first = ReportFolder(out)
        assert first.write(app) == [s.id for s in app.stories()]
        before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

        app.ingest([str(EXAMPLES / "brightwater_times_rescuers.html")])
        new = [s.id for s in app.stories() if f"{s.id}.md" not in before]
        assert new and first.write(app, []) == new  # stories it never wrote are written once
        assert first.write(app, new[:1]) == new[:1]
        after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
        unchanged = [name for name in before if name != "index.html"]
        assert all(after[name] == before[name] for name in unchanged)
        assert all(f"{story_id}.html" in (out / "index.html").read_text(encoding="utf-8") for story_id in new)


def test_reports_written_by_worker_processes_are_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api_reports, "PARALLEL_MIN_STORIES", 1)  # the examples have 3 stories
    with open_storyline(str(tmp_path / "r.db")) as app:
        app.ingest([str(EXAMPLES)])
        app.read()
        stories = app.stories()
        assert len(stories) == 3
        ReportFolder(tmp_path / "one").write(app)
        ReportFolder(tmp_path / "two").write(app, processes=2)
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert len(one) == 3 * len(stories) + 1
    assert one == two
