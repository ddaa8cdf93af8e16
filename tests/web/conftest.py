"""A real uvicorn server on a free 127.0.0.1 port over a temp store holding a hostile corpus.

The corpus is fictional and written to attack the pages: script tags, event-handler attributes
and ``javascript:`` URLs in titles, bylines, outlets, URLs and text. Tests talk to the server with
httpx (and, when Chromium is installed, with a real browser), never to the app object directly.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from storyline.api import open_storyline
from storyline.web import create_app

HOSTILE = "<script>window.__pwned=1</script>"
"""Must never reach any HTML response unescaped; sets a flag the browser tests look for."""

_RECORDS = [
    {
        "title": f"Floodgates fail at Lake Sorvin dam {HOSTILE}",
        "byline": '<img src=x onerror="window.__pwned=2">Ana Vell',
        "outlet": "Sorvin Ledger",
        "url": "javascript:window.__pwned=3",
        "published": "2030-03-02T08:00:00+00:00",
        "text": (
            "LAKE SORVIN (Sorvin Ledger) - Two floodgates of the Lake Sorvin dam failed on Saturday, "
            "flooding 40 homes in the village of Mirrow, the regional authority said.\n\n"
            f'"We opened the spillway at dawn {HOSTILE}," said Chief Engineer Doran Pell. '
            "The disastrous failure was the third in six years, officials said.\n\n"
            "Rescuers evacuated 120 residents by boat before noon."
        ),
    },
    {
        "title": 'Lake Sorvin dam floodgates give way <a href="javascript:alert(1)">more</a>',
        "byline": "Kel Ostra",
        "outlet": 'Mirrow Post" onmouseover="window.__pwned=4',
        "url": "https://mirrow-post.example/2030/03/02/sorvin-dam",
        "published": "2030-03-02T10:30:00+00:00",
        "text": (
            "MIRROW (Mirrow Post) - Floodgates at the Lake Sorvin dam gave way on Saturday and water "
            "flooded 45 homes in Mirrow, according to the regional authority.\n\n"
            '"We opened the spillway at dawn," Chief Engineer Doran Pell told reporters. '
            "Rescuers moved 120 residents by boat.\n\n"
            "<svg onload=window.__pwned=5> The authority said repairs would take three weeks."
        ),
    },
    {
        "title": "Orbel council approves new tram line",
        "byline": "Ida Fenn",
        "outlet": "Orbel Daily",
        "url": "https://orbel-daily.example/tram",
        "published": "2030-02-10T09:00:00+00:00",
        "text": (
            "ORBEL (Orbel Daily) - The Orbel city council voted 21 to 4 on Monday to build a tram line "
            "linking the harbour to the university, Mayor Tess Arlow said.\n\n"
            '"This is a shameful waste," said councillor Bram Oda, who voted against it.'
        ),
    },
]


@dataclass(frozen=True)
class Running:
    """A server under test: its base URL and the store it serves."""

    url: str
    db: Path


def write_corpus(folder: Path) -> Path:
    """The hostile corpus as one JSON Lines file."""
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _RECORDS) + "\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    db: Path, read_only: bool, max_upload_bytes: int
) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = free_port()
    app = create_app(str(db), read_only=read_only, max_upload_bytes=max_upload_bytes)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def _serve(db: Path, read_only: bool, max_upload_bytes: int = 64 * 1024) -> Iterator[Running]:
    server, thread, url = start_server(db, read_only, max_upload_bytes)
    try:
        yield Running(url, db)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.db"
    with open_storyline(str(db)) as app:
        result = app.ingest([str(write_corpus(folder))])
        assert result.ok, result.rejected
    return db


@pytest.fixture(scope="module")
def live(corpus_db: Path) -> Iterator[Running]:
    """A writable server over the hostile corpus (uploads capped at 64 KiB)."""
    yield from _serve(corpus_db, read_only=False)


@pytest.fixture(scope="module")
def live_ro_url(corpus_db: Path) -> Iterator[str]:
    """The base URL of a read-only server over the same store."""
    for running in _serve(corpus_db, read_only=True):
        yield running.url


@pytest.fixture(scope="module")
def live_url(live: Running) -> str:
    """The base URL of the writable server."""
    return live.url


@pytest.fixture
def client(live: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=60) as http:
        yield http
