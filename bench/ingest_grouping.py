"""Ingest and grouping together, end to end through the API, as a user's batch runs them.

Two inputs: the 982 ECB+ and 300 BASIL texts written as one JSON Lines file (parse, identify,
deduplicate, store, group), and the 181 HTML pages of the extraction set (the same plus
boilerplate removal). Each run starts from an empty SQLite file. Prints articles/s against the
target of 50 articles/s on 2 cores.

    python bench/ingest_grouping.py [--data DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
from pathlib import Path

from storyline.api import open_storyline
from storyline.evaluate.grouping import load_basil, load_ecbplus

TARGET_ARTICLES_PER_S = 50.0


def write_jsonl(data: Path, folder: Path) -> Path:
    """ECB+ and BASIL articles as one JSON Lines file."""
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for bench_set in (load_ecbplus(data), load_basil(data)):
            for article in bench_set.articles:
                record = {
                    "title": article.title,
                    "text": article.text,
                    "outlet": article.outlet,
                    "published": article.published,
                    "url": f"https://bench.example/{article.id}",
                }
                out.write(json.dumps(record) + "\n")
    return path


def unpack_html(data: Path, folder: Path) -> Path:
    """The extraction set's pages as plain .html files in a folder."""
    pages = folder / "pages"
    pages.mkdir()
    for page in sorted((data / "extraction" / "html").glob("*.html.gz")):
        (pages / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    return pages


def timed_ingest(source: Path, folder: Path, name: str) -> dict[str, float]:
    """Ingest (which groups) ``source`` into a fresh store; articles/s and stories made."""
    with open_storyline(str(folder / f"{name}.db")) as app:
        started = time.perf_counter()
        result = app.ingest([str(source)])
        seconds = time.perf_counter() - started
        stories = len(app.stories())
    count = len(result.added) + len(result.copies)
    return {
        "input": name,
        "articles": count,
        "seconds": round(seconds, 2),
        "articles_per_s": round(count / seconds, 1),
        "stories": stories,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("STORYLINE_BENCH", "../shared/bench"))
    args = parser.parse_args()
    data = Path(args.data)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        runs = [
            timed_ingest(write_jsonl(data, folder), folder, "ecbplus+basil.jsonl"),
            timed_ingest(unpack_html(data, folder), folder, "extraction html"),
        ]
    for run in runs:
        ratio = run["articles_per_s"] / TARGET_ARTICLES_PER_S
        print(
            f"{run['input']}: {run['articles']} articles in {run['seconds']} s = "
            f"{run['articles_per_s']} articles/s ({ratio:.1f}x target), {run['stories']} stories"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
