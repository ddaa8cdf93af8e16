"""Speed and memory of the whole read stage (parse + every finder) on real ~600-word articles.

Articles are BASIL's news texts (``../shared/bench/basil``), read once in one process and
once with the parse spread over two processes. Prints articles/s, words/s and peak memory
against the target of 50 articles/s on 2 cores.

    python bench/reading.py [--data DIR] [--articles N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
    """Read all articles; return articles/s and words/s."""
    started = time.perf_counter()
    readings = list(read_articles(articles, processes))
    seconds = time.perf_counter() - started
    words = sum(len(a.text.split()) for a in articles)
    return {
        "processes": processes,
        "articles": len(readings),
        "articles_per_s": round(len(readings) / seconds, 1),
        "words_per_s": round(words / seconds),
        "mean_words": round(words / len(articles)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("STORYLINE_BENCH", "../shared/bench"))
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "basil").is_dir():
        print(f"BASIL not found under {data} (use --data DIR)", file=sys.stderr)
        return 2
    articles = load_articles(data, args.articles)
    load_pipeline()
    list(read_articles(articles[:5]))  # warm up the model and the regexes
    figures = [measure(articles, 1), measure(articles, 2)]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"runs": figures, "peak_rss_mb": round(peak_mb), "target_articles_per_s": TARGET_ARTICLES_PER_S}
    if args.json:
        print(json.dumps(result))
        return 0
    for run in figures:
        ratio = run["articles_per_s"] / TARGET_ARTICLES_PER_S
        print(
            f"{run['processes']} process(es): {run['articles_per_s']} articles/s "
            f"({run['words_per_s']} words/s, {run['mean_words']} words each) = {ratio:.2f}x target"
        )
    print(f"peak memory (main process): {result['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
