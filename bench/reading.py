"""Speed and memory of the whole read stage (parse + every finder) on real ~600-word articles.

Articles are BASIL's news texts (``../shared/bench/basil``), read in one process and in two
worker processes. Each configuration runs in a fresh interpreter (``--processes N`` runs one),
so one cannot warm or disturb the other. Prints articles/s, words/s and peak memory against
the target of 50 articles/s on 2 cores, and the CPU time per article (workers included), which
other work on the machine disturbs less than the clock.

    python bench/reading.py [--data DIR] [--articles N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from storyline.model import Article
from storyline.read.nlp import load_pipeline
from storyline.read.reader import read_articles

TARGET_ARTICLES_PER_S = 50.0


def load_articles(data: Path, limit: int) -> list[Article]:
    """BASIL articles as storyline articles (body paragraphs joined)."""
    articles = []
    for path in sorted((data / "basil" / "articles").glob("*/*.json"))[:limit]:
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in record.get("body-paragraphs") or []]
        articles.append(Article(id=path.stem, text="\n\n".join(paragraphs), origin=str(path)))
    return articles


def measure(articles: list[Article], processes: int) -> dict[str, float]:
    """Read all articles (model loaded first, not timed); return articles/s, words/s, memory."""
    load_pipeline()
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    readings = list(read_articles(articles, processes))
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    words = sum(len(a.text.split()) for a in articles)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "processes": processes,
        "articles": len(readings),
        "articles_per_s": round(len(readings) / seconds, 1),
        "words_per_s": round(words / seconds),
        "mean_words": round(words / len(articles)),
        "peak_rss_mb": round(max(own, workers)),
        "cpu_ms_per_article": round(cpu * 1000 / len(readings), 1),
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: steadier than the clock on a shared machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def measure_in_fresh_process(args: argparse.Namespace, processes: int) -> dict[str, float]:
    """Run one configuration in its own interpreter and return its figures."""
    command = [sys.executable, __file__, "--data", args.data, "--articles", str(args.articles)]
    done = subprocess.run(
        [*command, "--processes", str(processes)], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("STORYLINE_BENCH", "../shared/bench"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--processes", type=int, help="measure only this configuration, print JSON")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "basil").is_dir():
        print(f"BASIL not found under {data} (use --data DIR)", file=sys.stderr)
        return 2
    if args.processes:
        print(json.dumps(measure(load_articles(data, args.articles), args.processes)))
        return 0
    figures = [measure_in_fresh_process(args, 1), measure_in_fresh_process(args, 2)]
    result = {"runs": figures, "target_articles_per_s": TARGET_ARTICLES_PER_S}
    if args.json:
        print(json.dumps(result))
        return 0
    for run in figures:
        ratio = run["articles_per_s"] / TARGET_ARTICLES_PER_S
        print(
            f"{run['processes']} process(es): {run['articles_per_s']} articles/s "
            f"({run['words_per_s']} words/s, {run['mean_words']} words each) = {ratio:.2f}x target; "
            f"peak memory per process {run['peak_rss_mb']} MB; {run['cpu_ms_per_article']} ms CPU per article"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
