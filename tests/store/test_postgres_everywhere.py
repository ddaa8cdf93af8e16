"""``--db postgresql://…`` everywhere: the CLI and the web server, as real processes.

Every CLI command that takes ``--db`` runs on a SQLite file and on a PostgreSQL database, and
must print exactly the same thing on both: the backend must not show. The web server is started
with ``storyline serve --db postgresql://…`` and serves and ingests through it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from storyline.api import open_storyline

from support import LocalServer, Route

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
FERRY = (
    "HARBOUR CITY (Quay Times) - The ferry Marlin ran aground on Tuesday near Quay Point, "
    "the port authority said. All 57 passengers were rescued by lifeboats before nightfall."
)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


COMMANDS = (
    "run",
    "stories --json",
    "articles --json",
    "ingest",
    "read",
    "read ID --json",
    "report ID --format json",
    "watch",
    "stories",
    "files written by run --out",
)
"""What :func:`_session` runs, in order: it returns one output for each."""


def _session(db: str, folder: Path, feed_url: str) -> list[str]:
    """Every ``--db`` command once, in a user's order; returns what each printed."""
    folder.mkdir()
    run = _cli("run", str(EXAMPLES), "--db", db, "--out", "out", "--processes", "1", cwd=folder)
    assert run.returncode == 0, run.stderr
    stories = _cli("stories", "--db", db, "--json", cwd=folder)
    assert stories.returncode == 0, stories.stderr
    story_id = json.loads(stories.stdout)[0]["id"]
    articles = _cli("articles", "--db", db, "--json", cwd=folder)
    article_id = json.loads(articles.stdout)[0]["id"]
    outputs = [run.stdout, stories.stdout, articles.stdout]
    for args in (
        ("ingest", str(EXAMPLES)),
        ("read",),
        ("read", article_id, "--json"),
        ("report", story_id, "--format", "json"),
        ("watch", feed_url, "--max-polls", "1", "--allow-private", "--no-follow-links", "--no-read"),
        ("stories",),
    ):
        done = _cli(*args, "--db", db, cwd=folder)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    report_files = sorted(path.name for path in (folder / "out").iterdir())
    return [*outputs, "\n".join(report_files)]


def test_every_cli_command_prints_the_same_on_postgresql_as_on_sqlite(
    pg_url: str, tmp_path: Path, server: LocalServer
) -> None:
    feed = (EXAMPLES / "feed.xml").read_bytes()
    server.routes["/feed.xml"] = Route(feed, headers={"Content-Type": "application/rss+xml"})
    on_postgres = _session(pg_url, tmp_path / "pg", server.url("/feed.xml"))
    on_sqlite = _session(str(tmp_path / "lite" / "s.db"), tmp_path / "lite", server.url("/feed.xml"))
    for command, postgres_said, sqlite_said in zip(COMMANDS, on_postgres, on_sqlite, strict=True):
        assert (command, postgres_said) == (command, sqlite_said)
    assert on_postgres[0].splitlines() == [
        "articles: 15 new, 1 copies, 0 already stored; rejected: 0",
        "read: 15 articles; stories: 3",  # the copy is not read
        "reports: open out/index.html",
    ]
    assert sorted(len(story["articles"]) for story in json.loads(on_postgres[1])) == [3, 4, 9]
    assert len(json.loads(on_postgres[2])) == 16


@pytest.fixture
def served(pg_url: str, serve: Callable[[str], str]) -> str:
    """``storyline serve --db postgresql://…`` over the examples; the server's base URL."""
    with open_storyline(pg_url) as app:
        assert app.ingest([str(EXAMPLES)]).ok
    return serve(pg_url)


def test_web_server_serves_and_ingests_through_postgresql(served: str, pg_url: str) -> None:
    with open_storyline(pg_url) as app:
        expected = {story.id: list(story.article_ids) for story in app.stories()}
    with httpx.Client(base_url=served, timeout=120) as http:
        listing = http.get("/api/stories").json()
        assert listing["total"] == 3
        assert {s["id"]: [a["id"] for a in s["articles"]] for s in listing["stories"]} == expected
        story_id = listing["stories"][0]["id"]
        story = http.get(f"/api/stories/{story_id}").json()
        assert (story["id"], [a["id"] for a in story["articles"]]) == (story_id, expected[story_id])
        page = http.get(f"/stories/{story_id}")
        assert page.status_code == 200
        report = http.get(f"/api/stories/{story_id}/report").json()
        assert (report["format"], report["story"]["id"]) == ("storyline.report/1", story_id)

        added = http.post("/api/ingest", files={"file": ("ferry.txt", FERRY.encode(), "text/plain")})
        assert added.status_code == 200, added.text
        row = added.json()["inputs"][0]
        assert row["status"] == "added"
        again = http.get("/api/stories").json()
    assert again["total"] == 4
    with open_storyline(pg_url) as app:  # the server grouped the upload into the shared database
        ferry = [s for s in app.stories() if s.article_ids == tuple(row["articles"])]
    assert [s.title for s in ferry] == [FERRY.split(". All")[0] + "."]
