"""Concurrent writers on every backend: two real processes ingest and group at the same time.

Nothing may be lost and nothing duplicated: every example article is stored once, every article is
in exactly one story, no story id repeats, the saved grouper state knows every article (a lost
update would drop some), and the stories are those one process makes from the same articles
grouped in the same order.

Why "the same order" rather than a plain sequential run: the race decides the order in which
articles become visible, and the stream grouper is order-sensitive by design (one shuffled order
of the examples yields stories of 10, 2 and 4 articles instead of 9, 3 and 4; a story is named
after its first article). On PostgreSQL that order is not even the arrival order: an article
whose insert committed later than a later-numbered one is grouped after it. So the reference run
replays the order the grouper recorded in its state (``articles`` rows, in assignment order).
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from storyline.api import Storyline, open_storyline
from storyline.model import Article
from storyline.store import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
INPUTS = sorted(str(p) for p in EXAMPLES.iterdir() if p.name not in {"gold.json", "README.md"})
WRITER = Path(__file__).with_name("writer.py")


@contextmanager
def _writers(mode: str, db: str, *halves: list[str]) -> Iterator[None]:
    """Writer processes over ``db``, one per half, released together once all are ready.

    The block runs while they work (a test can write through another path meanwhile); on the
    way out every writer must have finished cleanly.
    """
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), mode, db, *inputs],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for inputs in halves
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None and writer.stderr is not None
            if writer.stdout.readline() != "ready\n":
                raise AssertionError(f"a writer failed to start: {writer.stderr.read()}")
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        yield
        outcomes = [writer.communicate(timeout=300) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
    assert [writer.returncode for writer in writers] == [0] * len(writers), [err for _, err in outcomes]


def _sequential_ids(folder: Path) -> list[str]:
    """The ids one process stores from all the examples."""
    with open_storyline(str(folder / "sequential.db")) as app:
        app.ingest([str(EXAMPLES)])
        return sorted(a.id for a in app.articles())


def _replay(articles: list[Article], db: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Group ``articles`` in one process, in the given order, keeping their copy links."""
    app = Storyline(open_store(db))
    store = app._store
    with store.transaction():
        for article in articles:  # a copy may point at a later article (a better original)
            store.add_article(dataclasses.replace(article, copy_of=None), article.id, [])
        for article in articles:
            if article.copy_of is not None:
                store.repoint_copies(article.id, article.copy_of)
    assert app.articles() == articles
    app.group()
    stories = [(s.id, s.title, s.article_ids) for s in app.stories()]
    app.close()
    return stories


def test_four_processes_opening_a_new_store_at_once_all_succeed(store_url: str) -> None:
    with _writers("open", store_url, [], [], [], []):  # each creates the schema or finds it made
        pass
    with open_storyline(store_url) as app:
        assert app.articles() == []


def test_two_processes_ingesting_the_same_examples_store_each_article_once(
    store_url: str, tmp_path: Path
) -> None:
    with _writers("ingest", store_url, [str(EXAMPLES)], [str(EXAMPLES)]):
        pass
    with open_storyline(store_url) as app:
        ids = [a.id for a in app.articles()]
    assert len(ids) == 16
    assert sorted(ids) == _sequential_ids(tmp_path)


def test_two_processes_ingesting_and_grouping_overlapping_halves(store_url: str, tmp_path: Path) -> None:
    first, second = INPUTS[:8], INPUTS[4:]  # four of the twelve inputs in both halves
    with _writers("run", store_url, first, second):
        pass
    _assert_grouped_once_as_in_one_process(store_url, tmp_path)


def test_web_server_and_an_ingest_process_group_concurrently(
    store_url: str, tmp_path: Path, serve: Callable[[str], str]
) -> None:
    base = serve(store_url)
    uploads = [Path(name) for name in INPUTS[4:] if name.endswith((".html", ".txt", ".jsonl"))]
    with _writers("run", store_url, INPUTS[:8]), httpx.Client(base_url=base, timeout=120) as http:
        for path in uploads:  # each upload is ingested and grouped by the server while the writer runs
            sent = http.post("/api/ingest", files={"file": (path.name, path.read_bytes(), "text/plain")})
            assert sent.status_code == 200, sent.text
            assert [row["status"] for row in sent.json()["inputs"]] != ["rejected"], sent.text
    _assert_grouped_once_as_in_one_process(store_url, tmp_path)


def _assert_grouped_once_as_in_one_process(store_url: str, tmp_path: Path) -> None:
    """All the examples stored once, each in one story, as one process grouping in that order."""
    with open_storyline(store_url) as app:
        articles = app.articles()
        stories = app.stories()
    store = open_store(store_url)
    pending, members = store.ids_without_story(), store.story_members()
    grouping_order = [assignment.article_id for assignment in store.iter_assignments()]
    store.close()

    ids = [a.id for a in articles]
    assert sorted(ids) == _sequential_ids(tmp_path)
    assert pending == []
    grouped = [article_id for story in stories for article_id in story.article_ids]
    assert sorted(grouped) == sorted(ids)  # every article in exactly one story
    assert len({story.id for story in stories}) == len(stories)
    assert members == {story.id: list(story.article_ids) for story in stories}
    assert sorted(grouping_order) == sorted(ids)  # the state lost no article and has none twice
    by_id = {a.id: a for a in articles}
    replayed = _replay([by_id[i] for i in grouping_order], str(tmp_path / "replay.db"))
    assert [(s.id, s.title, sorted(s.article_ids)) for s in stories] == [
        (story_id, title, sorted(article_ids)) for story_id, title, article_ids in replayed
    ]
