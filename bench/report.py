"""Time to report one 50-article story: compare, brief and render, readings already stored.

The story is built from the fictional example corpus: its nine summit articles (copies
included) read once, then repeated under new ids and outlets until there are 50. Prints
seconds per stage and in all, against the target of 2 s on 2 cores.

    python bench/report.py [--articles 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from storyline.api import open_storyline
from storyline.brief import brief, to_html, to_json, to_markdown
from storyline.compare.report import compare_story
from storyline.model import Article, Reading

REPO = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 2.0


def summit_story(size: int) -> tuple[list[Article], dict[str, Reading]]:
    """``size`` articles of the example summit story, with their readings."""
    with tempfile.TemporaryDirectory() as folder, open_storyline(str(Path(folder) / "b.db")) as app:
        app.ingest([str(REPO / "examples")])
        app.read()
        story = max(app.stories(), key=lambda s: len(s.article_ids))
        pairs = [(a, app.reading(a.id)) for a in app.articles() if a.id in story.article_ids]
    articles: list[Article] = []
    readings: dict[str, Reading] = {}
    for n in range(size):
        article, reading = pairs[n % len(pairs)]
        assert reading is not None
        block = n // len(pairs)
        new_id = f"{article.id}-{block}"
        copy_of = f"{article.copy_of}-{block}" if article.copy_of else None
        articles.append(replace(article, id=new_id, outlet=f"{article.outlet} {block}", copy_of=copy_of))
        readings[new_id] = replace(reading, article_id=new_id)
    return articles, readings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles, readings = summit_story(args.articles)
    texts = {a.id: a.text for a in articles}
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        times: dict[str, float] = {}
        started = time.perf_counter()
        report = compare_story("bench", "bench story", articles, readings)
        times["compare"] = time.perf_counter() - started
        mark = time.perf_counter()
        report = brief(report, texts)
        times["brief"] = time.perf_counter() - mark
        mark = time.perf_counter()
        to_markdown(report, texts), to_html(report, texts), to_json(report)
        times["render"] = time.perf_counter() - mark
        times["total"] = time.perf_counter() - started
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    print(
        f"{args.articles}-article story: {len(report.facts)} facts, {len(report.briefing)} briefing sentences"
    )
    for stage, seconds in best.items():
        print(f"  {stage:8s} {seconds:.3f} s")
    print(
        f"total {best['total']:.2f} s = {best['total'] / TARGET_SECONDS:.2f}x the {TARGET_SECONDS:g} s budget"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
