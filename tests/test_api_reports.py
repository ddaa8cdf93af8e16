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
        unchanged = [name for name in before if name not in {"index.html", api_reports.MANIFEST}]
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
    assert len(one) == 3 * len(stories) + 2  # and the index, and the manifest
    assert one == two


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.name.startswith("st-")}


def test_a_later_run_rewrites_only_the_stories_that_changed_since(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_storyline(str(tmp_path / "r.db")) as app:
        app.ingest([str(EXAMPLES / "kestrel_courier_orvane.txt"), str(EXAMPLES / "northern_wire.jsonl")])
        assert ReportFolder(out).write(app) == [s.id for s in app.stories()]
        before, index = _mtimes(out), (out / "index.html").read_text(encoding="utf-8")

        assert ReportFolder(out).write(app) == []  # another process, nothing changed
        assert _mtimes(out) == before
        assert (out / "index.html").read_text(encoding="utf-8") == index

        old = {s.id: s.article_ids for s in app.stories()}
        app.ingest([str(EXAMPLES / "orvane_commission_analysis.txt")])
        changed = [s.id for s in app.stories() if old.get(s.id) != s.article_ids]
        assert changed and len(changed) < len(app.stories())
        assert ReportFolder(out).write(app) == changed
        after = _mtimes(out)
        assert {name for name in before if after[name] != before[name]} == {
            f"{story_id}{suffix}" for story_id in changed if story_id in old for suffix in api_reports.FORMATS
        }


def test_reports_made_by_other_code_or_gone_from_the_folder_are_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with open_storyline(str(tmp_path / "r.db")) as app:
        app.ingest([str(EXAMPLES / "kestrel_courier_orvane.txt"), str(EXAMPLES / "northern_wire.jsonl")])
        every = ReportFolder(out).write(app)
        (out / f"{every[0]}.json").unlink()
        assert ReportFolder(out).write(app) == every[:1]
        monkeypatch.setattr(api_reports, "code_digest", lambda: "another version")
        assert ReportFolder(out).write(app) == every
        (out / api_reports.MANIFEST).write_text("{not json", encoding="utf-8")
        assert ReportFolder(out).write(app) == every
