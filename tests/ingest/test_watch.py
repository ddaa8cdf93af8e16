"""The feed watcher against a real HTTP server on 127.0.0.1 that honours ETags and records headers."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.api import open_storyline
from storyline.cli import main
from storyline.ingest import IngestOptions
from storyline.ingest.fetch import FetchOptions
from storyline.ingest.watch import backoff_s, parse_interval, poll_feed
from storyline.store.sqlite import SqliteStore

from support import BODY_A, BODY_B, BODY_C, rss

REPO = Path(__file__).resolve().parents[2]
OPTIONS = IngestOptions(fetch=FetchOptions(allow_private=True, timeout_s=5.0), follow_feed_links=False)
ITEMS = [
    ("Trams run again in Brellport", "https://courier.example/trams", BODY_A),
    ("Storm floods Osk", "https://courier.example/storm", BODY_B),
]
THIRD = ("Brellport harbour fees rise", "https://courier.example/harbour", BODY_C)


@dataclass
class Feed:
    """One served feed: its body, its ETag, or a failing status."""

    body: bytes = b""
    etag: str = ""
    status: int = 200


@dataclass
class FeedServer:
    """A feed server whose feeds a test sets, keeping the headers of every request it saw."""

    base: str
    feeds: dict[str, Feed]
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [headers for seen_path, headers in self.seen if seen_path == path]


def _handler(state: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 5  # a stuck client cannot hold a request thread forever

        def do_GET(self) -> None:
            state.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            feed = state.feeds.get(self.path)
            if feed is None:
                self.send_error(404)
                return
            if feed.status != 200:
                self.send_error(feed.status)
                return
            if feed.etag and self.headers.get("If-None-Match") == feed.etag:
                self.send_response(304)
                self.send_header("ETag", feed.etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            if feed.etag:
                self.send_header("ETag", feed.etag)
            self.send_header("Content-Length", str(len(feed.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(feed.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    return Handler


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    """The feed server on a free port; shut down (and its loop ended) after the test."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    state = FeedServer(f"http://127.0.0.1:{httpd.server_address[1]}", {})
    httpd.RequestHandlerClass = _handler(state)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _feed(items: list[tuple[str, str, str]], etag: str) -> Feed:
    return Feed(body=rss(items).encode("utf-8"), etag=etag)


def _count(db: Path) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        total = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        distinct = connection.execute("SELECT COUNT(DISTINCT url) FROM articles").fetchone()[0]
    return int(total), int(distinct)


def test_conditional_polls_ingest_only_what_is_new(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.feeds["/feed.rss"] = _feed(ITEMS, '"v1"')
    url = feeds.url("/feed.rss")
    store = SqliteStore(str(tmp_path / "w.db"))
    first = poll_feed(store, url, OPTIONS, every_s=60, now=1000.0)
    assert first.status == "new" and len(first.added) == 2
    assert feeds.headers_for("/feed.rss")[0].get("if-none-match") is None
    state = store.get_feed_state(url)
    assert state is not None and state.etag == '"v1"' and state.next_poll_at == 1060.0

    second = poll_feed(store, url, OPTIONS, every_s=60, now=1060.0)
    assert second.status == "unchanged" and second.added == ()
    assert feeds.headers_for("/feed.rss")[-1]["if-none-match"] == '"v1"'
    assert len(list(store.iter_articles())) == 2

    feeds.feeds["/feed.rss"] = _feed([*ITEMS, THIRD], '"v2"')
    third = poll_feed(store, url, OPTIONS, every_s=60, now=1120.0)
    assert len(third.added) == 1 and third.added[0].title == THIRD[0]
    assert len(list(store.iter_articles())) == 3
    assert (state := store.get_feed_state(url)) is not None and state.etag == '"v2"'


def test_a_feed_not_due_is_not_fetched(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.feeds["/feed.rss"] = _feed(ITEMS, '"v1"')
    store = SqliteStore(str(tmp_path / "w.db"))
    poll_feed(store, feeds.url("/feed.rss"), OPTIONS, every_s=60, now=1000.0)
    skipped = poll_feed(store, feeds.url("/feed.rss"), OPTIONS, every_s=60, now=1030.0)
    assert skipped.status == "skipped" and len(feeds.seen) == 1


def test_failing_feed_backs_off_while_another_keeps_working(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.feeds["/bad.rss"] = Feed(status=500)
    feeds.feeds["/good.rss"] = _feed(ITEMS, '"g1"')
    bad, good = feeds.url("/bad.rss"), feeds.url("/good.rss")
    store = SqliteStore(str(tmp_path / "w.db"))
    now, waits = 0.0, []
    for round_ in range(3):
        failed = poll_feed(store, bad, OPTIONS, every_s=10, now=now)
        assert failed.status == "failed" and failed.state is not None
        assert failed.state.failures == round_ + 1 and "500" in (failed.error or "")
        waits.append(failed.state.next_poll_at - now)
        assert poll_feed(store, good, OPTIONS, every_s=10, now=now).status in ("new", "unchanged")
        now = failed.state.next_poll_at
    assert waits == [20.0, 40.0, 80.0]
    assert len(list(store.iter_articles())) == 2

    feeds.feeds["/bad.rss"] = _feed([THIRD], '"b1"')
    recovered = poll_feed(store, bad, OPTIONS, every_s=10, now=now)
    assert recovered.status == "new" and recovered.state is not None and recovered.state.failures == 0


def test_backoff_is_capped_and_intervals_parse() -> None:
    assert backoff_s(1, 60) == 120 and backoff_s(50, 60) == 24 * 3600
    assert [parse_interval(t) for t in ("30s", "5m", "1h", "2")] == [30, 300, 3600, 2]
    with pytest.raises(ValueError):
        parse_interval("soon")


def test_api_watch_groups_and_reads_new_articles(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.feeds["/feed.rss"] = _feed(ITEMS, '"v1"')
    with open_storyline(str(tmp_path / "w.db")) as app:
        report = app.watch([feeds.url("/feed.rss")], OPTIONS, every_s=0.01, max_polls=2)
        assert [poll.status for poll in report.polls] == ["new", "unchanged"]
        assert len(report.added) == 2
        assert sum(len(story.article_ids) for story in app.stories()) == 2
        assert all(app._store.get_reading(a.id, _reader_version()) is not None for a in app.articles())


class _ChangesAfterFirstRequest(dict[str, Feed]):
    """Serves one version of each feed to the first request and another to every later one."""

    def __init__(self, seen: list[tuple[str, dict[str, str]]], first: Feed, later: Feed) -> None:
        super().__init__({"/feed.rss": first})
        self.seen, self.first, self.later = seen, first, later

    def get(self, key: str, default: Feed | None = None) -> Feed | None:  # type: ignore[override]
        return (self.first if len(self.seen) <= 1 else self.later) if key in self else default


def test_watch_out_rewrites_only_the_stories_a_round_changed(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.feeds = _ChangesAfterFirstRequest(feeds.seen, _feed(ITEMS, '"v1"'), _feed([*ITEMS, THIRD], '"v2"'))
    out = tmp_path / "out"
    with open_storyline(str(tmp_path / "w.db")) as app:
        report = app.watch([feeds.url("/feed.rss")], OPTIONS, every_s=0.01, max_polls=2, out=out)
        assert [poll.status for poll in report.polls] == ["new", "new"]
        stories = app.stories()
        harbour = next(
            s for s in stories if any(a.title == THIRD[0] for a in map(app.article, s.article_ids) if a)
        )
        files = sorted(p.name for p in out.iterdir())
        assert files == sorted(
            [
                "index.html",
                ".storyline-reports.json",
                *(f"{s.id}{suffix}" for s in stories for suffix in (".html", ".json", ".md")),
            ]
        )
        index = (out / "index.html").read_text(encoding="utf-8")
        assert all(f"{s.id}.html" in index for s in stories)
        assert THIRD[0] in (out / f"{harbour.id}.md").read_text(encoding="utf-8")


def _reader_version() -> str:
    from storyline.read.reader import READER_VERSION

    return READER_VERSION


def test_cli_watch_rejects_bad_interval(tmp_path: Path) -> None:
    assert main(["watch", "http://127.0.0.1:9/x", "--db", str(tmp_path / "w.db"), "--every", "often"]) == 2


def test_kill_nine_after_a_poll_loses_nothing_and_repeats_nothing(feeds: FeedServer, tmp_path: Path) -> None:
    feeds.feeds["/feed.rss"] = _feed(ITEMS, '"v1"')
    db = tmp_path / "w.db"
    args = ["watch", feeds.url("/feed.rss"), "--db", str(db), "--allow-private", "--no-read"]
    args += ["--no-follow-links", "--every", "30s"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", *args, "--max-polls", "1000"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if db.exists() and _committed(db):
                break
            time.sleep(0.05)
        assert _committed(db), "the watcher never committed its first poll"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert _count(db) == (2, 2)

    requests = len(feeds.seen)
    assert main([*args, "--max-polls", "1"]) == 0  # restart: the stored next poll time is honoured
    assert len(feeds.seen) == requests and _count(db) == (2, 2)
    assert _grouped(db) == 2  # the first round after a restart groups what the killed run had not

    _make_due(db)
    assert main([*args, "--max-polls", "1"]) == 0  # the stored ETag makes it a 304
    assert feeds.headers_for("/feed.rss")[-1]["if-none-match"] == '"v1"'
    assert _count(db) == (2, 2)

    feeds.feeds["/feed.rss"] = _feed([*ITEMS, THIRD], '"v2"')
    _make_due(db)
    assert main([*args, "--max-polls", "1"]) == 0
    assert _count(db) == (3, 3) and _grouped(db) == 3


def _grouped(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM story_assignments").fetchone()[0])


def _make_due(db: Path) -> None:
    """Move the stored next poll time to the past, as if the interval had elapsed."""
    with contextlib.closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE feed_states SET next_poll_at = 0")


def _committed(db: Path) -> bool:
    """Whether the first poll's transaction (articles and feed state together) is in the file."""
    try:
        with contextlib.closing(sqlite3.connect(db, timeout=1)) as connection:
            row = connection.execute("SELECT etag FROM feed_states").fetchone()
            articles = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return False
    return row is not None and row[0] == '"v1"' and int(articles) == 2
