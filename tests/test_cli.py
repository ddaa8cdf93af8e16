"""The command line as a user runs it: a real process, a real SQLite file, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_run_then_articles_json(tmp_path: Path) -> None:
    run = _run("run", str(REPO / "examples"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "articles: 15 new, 1 copies, 0 already stored; rejected: 0",
        "read: 15 articles; stories: 3",  # the copy is not read
    ]
    assert (tmp_path / "storyline.db").is_file()
    listing = _run("articles", "--json", cwd=tmp_path)
    first = json.loads(listing.stdout)[0]["id"]
    reading = json.loads(_run("read", first, "--json", cwd=tmp_path).stdout)
    assert reading["article_id"] == first
    assert set(reading) == {
        "article_id",
        "entities",
        "quotes",
        "attributions",
        "relays",
        "claims",
        "quantities",
        "loaded_terms",
    }
    articles = json.loads(listing.stdout)
    assert len(articles) == 16
    assert set(articles[0]) == {
        "id",
        "title",
        "byline",
        "outlet",
        "url",
        "published",
        "language",
        "copy_of",
        "text",
    }


def test_rejections_exit_1_and_name_each_input(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Trams Return\n\nThe Brellport tram line reopened on Friday after three weeks of repairs.",
        encoding="utf-8",
    )
    (tmp_path / "bad.jsonl").write_text(
        '{"text": "A fine short record about the Osk ferry."}\n7\n', encoding="utf-8"
    )
    result = _run("ingest", "good.txt", "bad.jsonl", "nope.html", "--db", "x.db", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip() == "articles: 2 new, 0 copies, 0 already stored; rejected: 2"
    assert result.stderr.splitlines() == [
        "storyline: rejected nope.html: no such file, directory or URL",
        "storyline: rejected bad.jsonl:2: expected a JSON object, found int",
    ]


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert _run("ingest", cwd=tmp_path).returncode == 2
    assert _run("frobnicate", cwd=tmp_path).returncode == 2


def test_seeds_ingest_with_their_metadata(tmp_path: Path, shared: Path) -> None:
    result = _run("ingest", str(shared / "seeds"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    articles = {
        Path(a["title"] or "untitled").name: a
        for a in json.loads(_run("articles", "--json", cwd=tmp_path).stdout)
    }
    seed = articles["Netanyahu Leaves Washington Empty-Handed as Trump Rejects Push to Halt Iran Talks"]
    assert (seed["byline"], seed["outlet"]) == ("Ahmed Kamel", "Egypt Daily News")
    assert articles["untitled"]["outlet"] is None


def test_stories_and_reports(tmp_path: Path) -> None:
    run = _run("run", str(REPO / "examples"), "--out", "out", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "reports: open out/index.html"
    stories = json.loads(_run("stories", "--json", cwd=tmp_path).stdout)
    assert sorted(len(s["articles"]) for s in stories) == [3, 4, 9]
    assert set(stories[0]["articles"][0]) == {"id", "title", "outlet", "url", "path", "published", "copy_of"}
    story = stories[0]["id"]
    report = json.loads(_run("report", story, "--format", "json", cwd=tmp_path).stdout)
    assert report["format"] == "storyline.report/1"
    assert list(report) == [
        "format",
        "story",
        "sources",
        "facts",
        "conflicts",
        "updates",
        "quotes",
        "framing",
        "briefing",
    ]
    markdown = _run("report", story, cwd=tmp_path).stdout
    assert markdown.startswith("# ")
    for name in ("index.html", f"{story}.html", f"{story}.md", f"{story}.json"):
        assert (tmp_path / "out" / name).is_file()
    assert _run("report", "no-such-story", cwd=tmp_path).returncode == 2


def test_a_terminal_sees_the_grouping_and_reading_pass_move(tmp_path: Path) -> None:
    from rich.console import Console

    from storyline.api import open_storyline
    from storyline.cli import _group_and_read_with_progress
    from storyline.engine import LocalEngine

    screen = io.StringIO()
    with open_storyline(str(tmp_path / "s.db")) as app:
        app.ingest([str(REPO / "examples")], group=False)
        terminal = Console(file=screen, force_terminal=True, width=100)
        assert _group_and_read_with_progress(app, terminal, LocalEngine(1)) == 15  # the copy is not read
        assert len(app.stories()) == 3
    assert "grouping and reading" in screen.getvalue()
