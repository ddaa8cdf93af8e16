"""Shared fixtures: the ../shared folder (skipping when absent) and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storyline.api import open_storyline
from storyline.model import Article, Reading

from support import LocalServer, Route

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture
def shared() -> Path:
    """The shared data folder beside the repo; tests that need it skip when it is absent."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (seeds and benchmark sets live there)")
    return SHARED


def _handler(routes: dict[str, Route]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay_s:
                threading.Event().wait(route.delay_s)
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    return Handler


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A threaded HTTP server on a free port of 127.0.0.1."""
    routes: dict[str, Route] = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}", routes)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def examples_read(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Article, Reading]]:
    """Gold label → (article, reading) for the example corpus, ingested and read once per run."""
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    found: dict[str, tuple[Article, Reading]] = {}
    with open_storyline(str(db)) as app:
        app.ingest([str(EXAMPLES)])
        app.read()
        by_origin = {a.origin: a for a in app.articles()}
        for label, entry in gold["articles"].items():
            origin = str(REPO / entry["file"])
            if entry["record"] is not None:
                origin += f":{entry['record']}" if entry["file"].endswith(".jsonl") else f"#{entry['record']}"
            article = by_origin[origin]
            reading = app.reading(article.id)
            assert reading is not None
            found[label] = (article, reading)
    return found
