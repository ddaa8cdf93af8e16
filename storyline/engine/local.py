"""The local engine: this process, and with ``processes`` > 1 forked workers on this machine."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TypeVar

from storyline.engine.work import WriteBriefsJob, brief_batches, parse_one, write_briefs_task
from storyline.ingest.sources import IngestOptions, Input
from storyline.model import Article, EncodedReading, IndexEntry, ParseOutcome, StoryMaterial
from storyline.window import in_order

PARSE_WINDOW_PER_PROCESS = 4
"""Inputs in flight per worker process while ingesting."""
BRIEF_WINDOW_PER_PROCESS = 3
"""Batches of stories in flight per worker process while reporting."""
TASK_WINDOW_PER_PROCESS = 4
"""Tasks of :meth:`LocalEngine.map_ordered` in flight per worker process."""
TASKS_PER_WORKER = 100
"""Tasks a worker runs before a fresh fork replaces it: a worker that reads (see
:func:`storyline.api_stories.group_and_read_pending`) keeps every new word it meets."""

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine:
    """Parses and reads on this machine: in this process, or in ``processes`` forked workers."""

    def __init__(self, processes: int = 1) -> None:
        self.processes = processes

    def map_parse(self, inputs: Sequence[Input], options: IngestOptions) -> Iterator[ParseOutcome]:
        """Each input's outcome in order: parsed here, or by forked workers when ``processes`` > 1.

        Why workers: extracting HTML pages and WARC records is most of an ingest's CPU, and
        inputs are independent; the placing that follows stays in this process, in input order.
        A few inputs per worker are out at a time, so memory holds a few outcomes.
        """
        if self.processes <= 1 or len(inputs) < 2:
            for item in inputs:
                yield parse_one(item, options)
            return
        with multiprocessing.get_context("fork").Pool(min(self.processes, len(inputs))) as pool:
            submitted = (pool.apply_async(parse_one, (item, options)) for item in inputs)
            yield from in_order(submitted, PARSE_WINDOW_PER_PROCESS * self.processes, _result)

    def map_read_encoded(self, articles: Iterable[Article], count: int) -> Iterator[EncodedReading]:
        """The reading stream, with its fork pool when ``processes`` > 1."""
        from storyline.read.stream import read_encoded  # spaCy loads only when reading

        yield from read_encoded(articles, count, self.processes)

    def write_briefs(self, materials: Iterable[StoryMaterial], folder: Path) -> Iterator[IndexEntry]:
        """Each story's report made and written here or, when ``processes`` > 1, by forked
        workers (they see the folder), a few batches of stories per worker at a time."""
        jobs = (WriteBriefsJob(str(folder), batch) for batch in brief_batches(materials))
        for entries in self._map(write_briefs_task, jobs, BRIEF_WINDOW_PER_PROCESS):
            yield from entries

    def map_ordered(self, task: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Each ``task(item)``, here or, when ``processes`` > 1, by forked workers, in order."""
        return self._map(task, items, TASK_WINDOW_PER_PROCESS)

    def _map(self, task: Callable[[T], R], items: Iterable[T], window_per_process: int) -> Iterator[R]:
        if self.processes <= 1:
            yield from map(task, items)
            return
        context = multiprocessing.get_context("fork")
        with context.Pool(self.processes, maxtasksperchild=TASKS_PER_WORKER) as pool:
            submitted = (pool.apply_async(task, (item,)) for item in items)
            yield from in_order(submitted, window_per_process * self.processes, _result)

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _result(pending: AsyncResult[R]) -> R:
    return pending.get()
