"""Engines change where parsing and reading run, never what a run stores or reports.

The example corpus goes through ``storyline run`` once per engine into its own SQLite file; the
articles (ids, copies), stories (membership), readings and every story's report must match.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline.api import Storyline, open_storyline
from storyline.api_reports import write_reports
from storyline.brief import to_json as report_json
from storyline.cli import main
from storyline.codec import to_json
from storyline.engine import EngineSpecError, LocalEngine, engine_from_spec
from storyline.engine.work import BRIEF_BATCH_ARTICLES, BRIEF_BATCH_STORIES, brief_batches
from storyline.ingest.identity import document_keys
from storyline.ingest.sources import IngestOptions, expand_inputs, read_input
from storyline.model import Article, Reading, Story, StoryMaterial
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HAS_DASK = importlib.util.find_spec("distributed") is not None
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="dask[distributed] is not installed (optional engine)")


def _run(db: Path, engine: str) -> float:
    started = time.perf_counter()
    out = db.with_suffix(".out")
    assert (
        main(
            ["run", str(EXAMPLES), "--db", str(db), "--processes", "1", "--engine", engine, "--out", str(out)]
        )
        == 0
    )
    return time.perf_counter() - started


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything a run decides, in comparable form."""
    with open_storyline(str(db)) as app:
        stories = app.stories()
        reports = {}
        for story in stories:
            found = app.report(story.id)
            assert found is not None
            reports[story.id] = report_json(found[0])
        articles = app.articles()
        return {
            "articles": [(a.id, a.copy_of) for a in articles],
            "stories": [(s.id, s.article_ids) for s in stories],
            "readings": {a.id: to_json(app.reading(a.id)) for a in articles},
            "reports": reports,
        }


def test_engine_from_spec_parses_every_form() -> None:
    assert isinstance(engine_from_spec("local"), LocalEngine)
    with pytest.raises(EngineSpecError):
        engine_from_spec("spark")


def test_run_rejects_an_unknown_engine(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["run", str(EXAMPLES), "--engine", "ray"])
    assert exited.value.code == 2
    assert "dask:tcp://HOST:PORT" in capsys.readouterr().err


def test_local_engine_parses_like_read_input_and_adds_the_keys() -> None:
    inputs, _ = expand_inputs([str(EXAMPLES)])
    options = IngestOptions()
    outcomes = list(LocalEngine().map_parse(inputs, options))
    assert [replace(o, keys=()) for o in outcomes] == [read_input(i, options) for i in inputs]
    for outcome in outcomes:
        assert outcome.keys == tuple(document_keys(document) for document in outcome.documents)
    assert sum(len(outcome.keys) for outcome in outcomes) > 10


def _pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def test_local_engine_maps_tasks_in_order_on_forked_workers() -> None:
    results = list(LocalEngine(2).map_ordered(_pid_and_square, range(40)))
    assert [square for _, square in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for pid, _ in results}
    assert list(LocalEngine(1).map_ordered(_pid_and_square, range(3))) == [
        (os.getpid(), n * n) for n in range(3)
    ]


def _material(story_id: str, articles: int) -> StoryMaterial:
    members = tuple(Article(f"{story_id}-{n}", "Words.", "test") for n in range(articles))
    return StoryMaterial(Story(story_id, "A title", tuple(a.id for a in members)), members, ())


def test_report_batches_keep_the_story_order_and_cut_by_stories_and_articles() -> None:
    singles = [_material(f"s{n}", 1) for n in range(BRIEF_BATCH_STORIES + 3)]
    assert [len(b) for b in brief_batches(singles)] == [BRIEF_BATCH_STORIES, 3]
    big, small = _material("big", BRIEF_BATCH_ARTICLES + 5), _material("small", 2)
    half = _material("half", BRIEF_BATCH_ARTICLES // 2)
    batches = list(brief_batches([small, big, half, half, small]))
    assert [[m.story.id for m in b] for b in batches] == [["small", "big"], ["half", "half"], ["small"]]
    assert list(brief_batches([])) == []


def _stories_and_readings(app: Storyline) -> tuple[list[tuple[str, list[str]]], dict[str, str]]:
    articles = app.articles()
    return [(s.id, s.article_ids) for s in app.stories()], {
        a.id: to_json(app.reading(a.id)) for a in articles
    }


def test_grouping_on_workers_makes_the_same_stories_and_readings(tmp_path: Path) -> None:
    with open_storyline(str(tmp_path / "apart.db")) as app:
        app.ingest([str(EXAMPLES)])  # grouped here, features and all
        originals = [a.id for a in app.articles() if a.copy_of is None]
        assert app.read() == len(originals) == len(app.articles()) - 1  # the copy is not read
        apart = _stories_and_readings(app)
    with open_storyline(str(tmp_path / "features.db")) as app:
        app.ingest([str(EXAMPLES)], engine=LocalEngine(2))  # features made by two workers
        assert [(s.id, s.article_ids) for s in app.stories()] == apart[0]
    with open_storyline(str(tmp_path / "one-pass.db")) as app:
        app.ingest([str(EXAMPLES)], group=False)
        assert app.stories() == []
        calls: list[tuple[int, int, str]] = []
        assignments, read = app.group_and_read(LocalEngine(2), lambda *call: calls.append(call))
        # each assignment, then each reading (one job: 16 to group, the 15 originals to read)
        assert [(done, total) for done, total, _ in calls] == [(n, 31) for n in range(1, 32)]
        assert [article_id for *_, article_id in calls][:16] == [a.article_id for a in assignments]
        assert sorted(article_id for *_, article_id in calls[16:]) == sorted(originals)
        assert len(assignments) == len(app.articles()) and read == len(originals)
        assert app.read() == 0
        assert _stories_and_readings(app) == apart
    assert len(apart[0]) == 3 and len(apart[1]) > 10


def test_features_run_ahead_and_consolidation_overlaps_the_last_readings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jobs of two articles: 8 to group spread over the first 6 of 8 reading jobs, consolidated
    by a thread while the last readings come in; the same stories and readings as grouping,
    then reading."""
    from storyline import api_pass

    with open_storyline(str(tmp_path / "apart.db")) as app:
        app.ingest([str(EXAMPLES)])
        app.read()
        apart = _stories_and_readings(app)
    monkeypatch.setattr(api_pass, "PASS_BATCH", 2)
    with open_storyline(str(tmp_path / "pass.db")) as app:
        app.ingest([str(EXAMPLES)], group=False)
        assignments, read = app.group_and_read(LocalEngine(2))
        assert (len(assignments), read) == (16, 15)
        assert _stories_and_readings(app) == apart


def test_the_pass_spreads_the_groups_over_the_first_jobs() -> None:
    from storyline.api_pass import _groups_of

    plan = [list(_groups_of(job, 6, 8)) for job in range(8)]
    assert plan == [[0], [1], [2, 3], [4], [5], [6, 7], [], []]
    assert [list(_groups_of(job, 4, 2)) for job in range(4)] == [[], [0], [], [1]]


def _refuse_dovic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the reader fail on any batch holding the article "What Dovic gave away"."""
    from storyline.read import stream

    def read_chunk(articles: list[Article]) -> list[Reading]:
        if any("What Dovic gave away" in (article.title or "") for article in articles):
            raise ValueError("a reading error (injected)")
        return reading(articles)

    reading = stream.read_chunk
    monkeypatch.setattr(stream, "read_chunk", read_chunk)


def test_an_article_that_cannot_be_read_leaves_the_grouping_pass_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _refuse_dovic(monkeypatch)
    with open_storyline(str(tmp_path / "s.db")) as app:
        app.ingest([str(EXAMPLES)], group=False)
        refused = [a.id for a in app.articles() if "What Dovic gave away" in (a.title or "")]
        assignments, read = app.group_and_read(LocalEngine(1))
        assert len(assignments) == len(app.articles()) == 16  # every article grouped
        assert len(refused) == 1 and read == 14  # every original but that one (the copy is not read)
        assert len(app.stories()) == 3
        assert f"cannot read article {refused[0]}: ValueError: a reading error (injected)" in caplog.text


@pytest.mark.parametrize("processes", [1, 2])
def test_an_article_that_cannot_be_read_costs_only_itself_in_a_batch_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    _refuse_dovic(monkeypatch)
    from storyline.read.reader import READER_VERSION

    with open_storyline(str(tmp_path / "s.db")) as app:
        app.ingest([str(EXAMPLES)])
        refused = [a.id for a in app.articles() if "What Dovic gave away" in (a.title or "")]
        assert app.read(processes=processes) == 14  # the 15 originals but the refused one
        assert app.read(processes=processes) == 0  # met again, refused again
    assert open_store(str(tmp_path / "s.db")).ids_to_read(READER_VERSION) == refused


@needs_dask
def test_dask_run_matches_local_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DASK_TEMPORARY_DIRECTORY", str(tmp_path / "dask"))
    local_s = _run(tmp_path / "local.db", "local")
    dask_s = _run(tmp_path / "dask.db", "dask")
    local, distributed = _snapshot(tmp_path / "local.db"), _snapshot(tmp_path / "dask.db")
    assert local["articles"] and local["stories"] and local["reports"]
    for key in ("articles", "stories", "readings", "reports"):
        assert distributed[key] == local[key], key
    # the report files, made on the Dask workers, are the local run's byte for byte
    assert _files(tmp_path / "dask.out") == _files(tmp_path / "local.out")
    assert len(_files(tmp_path / "local.out")) == 3 * len(local["stories"]) + 2  # and the index, the manifest
    with capsys.disabled():
        print(f"\nstoryline run examples/: local {local_s:.1f}s, dask {dask_s:.1f}s")


@needs_dask
def test_dask_engine_reads_on_workers_and_connects_by_address(tmp_path: Path) -> None:
    """A scheduler given by address is used as is, and the spaCy model loads on its workers;
    their reports come back and are written here, the same as those made in this process."""
    from dask.distributed import LocalCluster

    with LocalCluster(  # type: ignore[no-untyped-call,unused-ignore]
        n_workers=1,
        threads_per_worker=1,
        dashboard_address=None,
        host="127.0.0.1",
        local_directory=str(tmp_path),
    ) as cluster:
        engine = engine_from_spec(f"dask:{cluster.scheduler_address}")
        try:
            with open_storyline(str(tmp_path / "remote.db")) as app:
                app.ingest([str(EXAMPLES)], engine=engine)
                assert app.read(engine=engine) == len([a for a in app.articles() if a.copy_of is None])
                stories = app.stories()
                remote = list(write_reports(app, stories, tmp_path / "remote", engine=engine))
                here = list(write_reports(app, stories, tmp_path / "here"))
            assert remote == here and [e.story_id for e in here] == [s.id for s in stories]
            assert _files(tmp_path / "remote") == _files(tmp_path / "here")
            assert len(_files(tmp_path / "here")) == 3 * len(stories)
            # a lambda travels by value: the workers cannot import this test module by name
            loaded = engine._client.run(lambda: "spacy" in sys.modules)  # type: ignore[attr-defined]
            assert list(loaded.values()) == [True]
        finally:
            engine.close()


@needs_dask
def test_local_cluster_workers_keep_freed_arrays_and_run_no_profiler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.engine.dask_engine import DaskEngine

    monkeypatch.setenv("DASK_TEMPORARY_DIRECTORY", str(tmp_path))
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # as an earlier cluster's nanny leaves it
    with DaskEngine(n_workers=1) as engine:
        client = engine._client  # type: ignore[attr-defined]
        # lambdas travel by value: the workers cannot import this test module by name
        trims = client.run(lambda: __import__("os").environ.get("MALLOC_TRIM_THRESHOLD_"))
        profiles = client.run(lambda: __import__("dask").config.get("distributed.worker.profile.enabled"))
    assert list(trims.values()) == [str(2 * 32 * 1024 * 1024)]
    assert list(profiles.values()) == [False]
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "65536"  # this process's environment is restored
