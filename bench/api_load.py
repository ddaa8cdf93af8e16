"""Load on the story report endpoints: 50 concurrent clients against a real server for N seconds.

Builds a store from ``examples/`` in a temp folder, starts ``storyline.web.serve`` in a subprocess
on a free port of 127.0.0.1 (so the clients do not share its GIL), requests every report once to
warm the per-story cache (the first report of a story computes readings), then runs ``--clients``
httpx AsyncClient loops that cycle through the JSON, Markdown and HTML reports and story pages.
Prints requests/s, p50/p99 latency and errors against the targets: 0 errors, p99 < 500 ms.

    python bench/api_load.py [--seconds 60] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from storyline.api import open_storyline

REPO = Path(__file__).resolve().parents[1]
TARGET_P99_MS = 500.0


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_db(folder: Path) -> Path:
    """A store holding the example corpus, grouped into stories."""
    db = folder / "load.db"
    with open_storyline(str(db)) as app:
        app.ingest([str(REPO / "examples")])
    return db


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    """``serve(db)`` in a child process; returns once ``/api/health`` answers."""
    code = f"from storyline.web import serve; serve({str(db)!r}, '127.0.0.1', {port}, access_log=False)"
    quiet = subprocess.DEVNULL
    child = subprocess.Popen([sys.executable, "-c", code], stdout=quiet, stderr=quiet)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return child
        except httpx.TransportError:
            time.sleep(0.2)
    child.terminate()
    raise SystemExit("the server did not start within 60 s")


async def client_loop(
    http: httpx.AsyncClient, paths: list[str], stop_at: float, latencies: list[float], errors: list[str]
) -> None:
    """One client: request the next path as soon as the last answer arrived, until ``stop_at``."""
    for path in itertools.cycle(paths):
        if time.monotonic() >= stop_at:
            return
        started = time.perf_counter()
        try:
            response = await http.get(path)
            if response.status_code != 200:
                errors.append(f"{path}: HTTP {response.status_code}")
        except httpx.HTTPError as error:
            errors.append(f"{path}: {type(error).__name__}")
        latencies.append(time.perf_counter() - started)


async def run_load(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[list[float], list[str]]:
    """Run ``clients`` loops for ``seconds``; each starts at a different point of ``paths``."""
    latencies: list[float] = []
    errors: list[str] = []
    # One client with one connection per simulated user: a shared 50-connection pool costs the
    # load generator more CPU per request than the server spends answering a cached report.
    https = [
        httpx.AsyncClient(base_url=base, timeout=30, limits=httpx.Limits(max_connections=1))
        for _ in range(clients)
    ]
    stop_at = time.monotonic() + seconds
    try:
        await asyncio.gather(
            *(
                client_loop(
                    http, paths[n % len(paths) :] + paths[: n % len(paths)], stop_at, latencies, errors
                )
                for n, http in enumerate(https)
            )
        )
    finally:
        for http in https:
            await http.aclose()
    return latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to load (default 60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build_db(Path(folder))
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            stories = httpx.get(base + "/api/stories", timeout=30).json()["stories"]
            paths = [
                path
                for story in stories
                for path in (
                    f"/api/stories/{story['id']}/report?format=json",
                    f"/api/stories/{story['id']}/report?format=md",
                    f"/api/stories/{story['id']}/report?format=html",
                    f"/stories/{story['id']}",
                )
            ]
            warm = time.perf_counter()
            for path in paths:
                httpx.get(base + path, timeout=120).raise_for_status()
            warmed = time.perf_counter() - warm
            print(f"warm-up: {len(stories)} stories, {len(paths)} paths in {warmed:.1f} s")
            started = time.perf_counter()
            latencies, errors = asyncio.run(run_load(base, paths, args.clients, args.seconds))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=10)
    ms = sorted(1000 * t for t in latencies)
    p50 = statistics.median(ms) if ms else float("nan")
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))] if ms else float("nan")
    print(
        f"{args.clients} clients, {elapsed:.1f} s: {len(ms)} requests, {len(ms) / elapsed:.1f} req/s, "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {len(errors)}"
    )
    for error in sorted(set(errors))[:10]:
        print("  error:", error)
    ok = not errors and p99 < TARGET_P99_MS
    print("target (0 errors, p99 < 500 ms):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
