"""Fixtures for the store tests: every backend, and a throwaway PostgreSQL 15 server for one of them.

``store_url`` runs a test once per backend (ids ``[sqlite]`` and ``[postgresql]``): a new SQLite
file, or a fresh database on the session's PostgreSQL server. Only the PostgreSQL cases skip, with
the reason, when that server cannot start here.

The server is real (Debian's postgresql-15 binaries) so the tests exercise the SQL the backend
sends, not a mock. initdb/pg_ctl refuse to run as root, so they run as the ``postgres`` user in a
temp dir, listening on 127.0.0.1 only, with fsync off because the data is thrown away.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

PG_BIN = Path(os.environ.get("STORYLINE_PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True, timeout=120, check=False
    )


def _cannot_start() -> str | None:
    """Why no server can be started here, or ``None`` when it can."""
    if not (PG_BIN / "initdb").is_file():
        return f"PostgreSQL 15 binaries not found in {PG_BIN} (apt-get install -y postgresql)"
    if os.geteuid() != 0:
        return "starting a throwaway PostgreSQL server needs root (to run initdb as the postgres user)"
    if shutil.which("runuser") is None:
        return "runuser is not available"
    return None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A running server for the whole session; yields a URL to its ``postgres`` maintenance database."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    reason = _cannot_start()
    if reason is not None:
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    shutil.chown(folder, "postgres", "postgres")
    data, log, port = folder / "data", folder / "log", _free_port()
    try:
        init = _as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        if init.returncode != 0:
            pytest.skip(f"initdb failed: {init.stderr.strip()[-500:]}")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
        start = _as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o", options, "start"
        )
        if start.returncode != 0:
            detail = log.read_text(errors="replace")[-500:] if log.exists() else start.stderr
            pytest.skip(f"the PostgreSQL server did not start: {detail.strip()}")
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL to a new, empty database on the session server, dropped after the test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}".encode())
    yield pg_server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """What ``--db`` takes: a new SQLite file's path, or a URL to a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Start ``storyline serve --db DB`` as a real process; returns its base URL. Stopped after the test."""
    started: list[subprocess.Popen[bytes]] = []

    def start(db: str) -> str:
        port = _free_port()
        log_path = tmp_path / f"serve-{port}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "storyline.cli", "serve", "--db", db, "--port", str(port)],
                cwd=tmp_path,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        base, waiting = f"http://127.0.0.1:{port}", threading.Event()
        for _ in range(600):  # up to a minute for the imports and uvicorn's start
            if process.poll() is not None:
                raise AssertionError(f"storyline serve exited: {log_path.read_text()}")
            try:
                httpx.get(f"{base}/api/health", timeout=5).raise_for_status()
                return base
            except httpx.TransportError:
                waiting.wait(0.1)
        raise AssertionError("storyline serve did not answer within a minute")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=30)
