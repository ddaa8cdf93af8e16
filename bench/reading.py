"""Speed and memory of the whole read stage (parse + every finder) on real ~600-word articles.

Articles are BASIL's news texts (``../shared/bench/basil``), read in one process and in two
worker processes, and in two processes once more with the float window layers instead of the
8-bit ones (:mod:`storyline.read.fastint8`), side by side. Each configuration runs in a fresh
interpreter (``--processes N [--float]`` runs one), so one cannot warm or disturb the other.
A last run reads, in two processes, the BASIL articles of 550 to 900 words (706 on average), the
length the target names. Prints articles/s, words/s and peak memory against the target of 50
articles/s of ~700 words on 2 cores (35,000 words/s), and the CPU time per article (workers
included), which other work on the machine disturbs less than the clock.

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
from storyline.read import fastnet
from storyline.read.nlp import load_pipeline
from storyline.read.reader import read_articles

TARGET_ARTICLES_PER_S = 50.0
TARGET_WORDS_PER_S = TARGET_ARTICLES_PER_S * 700


LONG_WORDS = (550, 900)
"""Word counts of the "~700 words" run: BASIL's 129 such articles have 706 words on average."""


def load_articles(data: Path, limit: int, words: tuple[int, int] | None = None) -> list[Article]:
    """BASIL articles as storyline articles (body paragraphs joined), the first ``limit`` by
    name, or the first ``limit`` of ``words[0]`` to ``words[1]`` words."""
    articles = []
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        if len(articles) == limit:
            break
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in record.get("body-paragraphs") or []]
        text = "\n\n".join(paragraphs)
        if words is None or words[0] <= len(text.split()) <= words[1]:
            articles.append(Article(id=path.stem, text=text, origin=str(path)))
    return articles


def measure(articles: list[Article], processes: int, float_layers: bool = False) -> dict[str, float]:
    """Read all articles (model loaded first, not timed); return articles/s, words/s, memory."""
    nlp = load_pipeline()
    if float_layers:  # the float forwards back in place of the 8-bit ones
        models = [model for _, pipe in nlp.pipeline if (model := getattr(pipe, "model", None))]
        fastnet.uninstall(models)
        fastnet.install(models)
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
        "layers": "float" if float_layers else "int8",
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


def measure_in_fresh_process(
    args: argparse.Namespace, processes: int, float_layers: bool = False, long: bool = False
) -> dict[str, float]:
    """Run one configuration in its own interpreter and return its figures."""
    command = [sys.executable, __file__, "--data", args.data, "--articles", str(args.articles)]
    command += ["--processes", str(processes), *(["--float"] if float_layers else [])]
    command += ["--long"] if long else []
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("STORYLINE_BENCH", "../shared/bench"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--processes", type=int, help="measure only this configuration, print JSON")
    parser.add_argument("--float", action="store_true", help="with --processes: float layers")
    parser.add_argument("--long", action="store_true", help="with --processes: 550-900-word articles")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "basil").is_dir():
        print(f"BASIL not found under {data} (use --data DIR)", file=sys.stderr)
        return 2
    if args.processes:
        articles = load_articles(data, args.articles, LONG_WORDS if args.long else None)
        print(json.dumps(measure(articles, args.processes, args.float)))
        return 0
    figures = [
        measure_in_fresh_process(args, 1),
        measure_in_fresh_process(args, 2),
        measure_in_fresh_process(args, 2, float_layers=True),
        measure_in_fresh_process(args, 2, long=True),
    ]
    result = {
        "runs": figures,
        "target_articles_per_s": TARGET_ARTICLES_PER_S,
        "target_words_per_s": TARGET_WORDS_PER_S,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    for run in figures:
        ratio = run["words_per_s"] / TARGET_WORDS_PER_S
        print(
            f"{run['articles']} articles, {run['processes']} process(es), {run['layers']} layers: "
            f"{run['articles_per_s']} articles/s "
            f"({run['words_per_s']} words/s, {run['mean_words']} words each) = {ratio:.2f}x target; "
            f"peak memory per process {run['peak_rss_mb']} MB; {run['cpu_ms_per_article']} ms CPU per article"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
