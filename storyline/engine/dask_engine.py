"""The Dask engine: parse and read on dask.distributed workers, results gathered in order.

Without an address it starts a :class:`LocalCluster` of process workers on 127.0.0.1 (no
dashboard); with one (``tcp://host:port``) it connects to a running scheduler, whose workers
must have storyline (and, for reading, the spaCy model) installed. Workers return only records,
so the store never leaves the client process.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from storyline.engine.work import (
    WriteBriefsJob,
    brief_batch_task,
    brief_batches,
    parse_one,
    write_briefs_task,
    write_report,
)
from storyline.ingest.sources import IngestOptions, Input
from storyline.model import Article, EncodedReading, IndexEntry, ParseOutcome, StoryMaterial
from storyline.window import in_order

LOCAL_WORKERS = 2
"""Workers of the default local cluster: one per core on the small machines storyline targets."""
MMAP_THRESHOLD = 32 * 1024 * 1024
"""glibc's largest dynamic mmap threshold: arrays below it are reused from the heap."""
BRIEF_WINDOW_PER_WORKER = 3
"""Batches of stories in flight per worker while reporting."""
PARSE_WINDOW_PER_WORKER = 4
"""Inputs in flight per worker while ingesting: enough to keep it busy while the client places."""
TASK_WINDOW_PER_WORKER = 4
"""Tasks of :meth:`DaskEngine.map_ordered` in flight per worker."""

T = TypeVar("T")
R = TypeVar("R")


class DaskEngine:
    """Maps parse and read tasks over a Dask cluster; see the module docstring."""

    def __init__(self, address: str | None = None, n_workers: int = LOCAL_WORKERS) -> None:
        from dask.distributed import Client, LocalCluster  # type: ignore[import-not-found,unused-ignore]

        self._cluster: Any = None
        self._tmp: str | None = None
        if address is None:
            scratch = os.environ.get("DASK_TEMPORARY_DIRECTORY")
            if scratch is None:
                # Workers spill and lock files here; our own directory keeps them out of the cwd.
                self._tmp = scratch = tempfile.mkdtemp(prefix="storyline-dask-")
            with _reading_worker_config():
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call,unused-ignore]
                    n_workers=n_workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    host="127.0.0.1",
                    local_directory=scratch,
                )
            self._client: Any = Client(self._cluster)  # type: ignore[no-untyped-call,unused-ignore]
        else:
            self._client = Client(address)  # type: ignore[no-untyped-call,unused-ignore]

    def map_parse(self, inputs: Sequence[Input], options: IngestOptions) -> Iterator[ParseOutcome]:
        """Outcomes in input order, a few inputs per worker in flight.

        Why not every input at once: finished outcomes (whole files of documents) would pile up
        on the workers while the client places the earlier ones; here at most
        :data:`PARSE_WINDOW_PER_WORKER` inputs per worker are out at any time.
        """
        submitted = (self._client.submit(parse_one, item, options, pure=False) for item in inputs)
        yield from in_order(submitted, PARSE_WINDOW_PER_WORKER * self._workers(), _take)

    def _workers(self) -> int:
        """Workers the cluster has now (at least 1, so a cluster still starting gets work)."""
        return max(1, len(self._client.scheduler_info()["workers"]))

    def map_read_encoded(self, articles: Iterable[Article], count: int) -> Iterator[EncodedReading]:
        """Tasks of one spaCy batch each, a few per worker in flight; yielded in article order.

        Why a window and not ``client.map`` over everything: the articles would all be in the
        client's memory (and the scheduler's) at once; here they are loaded as tasks go out.
        """
        from storyline.read.stream import WINDOW_PER_PROCESS, read_task, task_chunks

        workers = self._workers()
        chunks = task_chunks(articles, count, workers)
        submitted = (self._client.submit(read_task, chunk, pure=False) for chunk in chunks)
        for readings in in_order(submitted, WINDOW_PER_PROCESS * workers, _take):
            yield from readings

    def write_briefs(self, materials: Iterable[StoryMaterial], folder: Path) -> Iterator[IndexEntry]:
        """Each story's report made on a worker, a few batches of stories per worker in flight.

        The workers of a local cluster write the files themselves; those of a scheduler given
        by address may run on other machines, so their reports come back and are written here.
        """
        batches = brief_batches(materials)
        if self._cluster is not None:
            jobs = (WriteBriefsJob(str(folder), batch) for batch in batches)
            for entries in self._map(write_briefs_task, jobs, BRIEF_WINDOW_PER_WORKER):
                yield from entries
            return
        for reports in self._map(brief_batch_task, batches, BRIEF_WINDOW_PER_WORKER):
            for rendered in reports:
                yield write_report(folder, rendered)

    def map_ordered(self, task: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Each ``task(item)`` on a worker, in order; a few items per worker in flight."""
        return self._map(task, items, TASK_WINDOW_PER_WORKER)

    def _map(self, task: Callable[[T], R], items: Iterable[T], window_per_worker: int) -> Iterator[R]:
        submitted = (self._client.submit(task, item, pure=False) for item in items)
        yield from in_order(submitted, window_per_worker * self._workers(), _take)

    def close(self) -> None:
        """Close the client, and the local cluster and its scratch directory if we made them."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def _reading_worker_config() -> Iterator[None]:
    """Dask settings for the workers this engine starts, under which they read as fast as a fork.

    Why: with Dask's defaults a worker read 64 BASIL articles in 4.1 s of CPU where a local
    process took 2.7 s. The nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which
    stops glibc from raising its mmap threshold as it otherwise does, so every megabyte-sized
    array of the tok2vec blocks was a fresh ``mmap`` with its page faults (3.1 s without it);
    the worker's sampling profiler, every 10 ms, took the rest (2.8-3.0 s without both). The
    thresholds are set outright, as glibc would raise them. A nanny writes its variables into
    this process's environment, and a later nanny prefers that environment to its config, so
    after any other local cluster the config alone gave the workers 65536 again: the variables
    are also set here while the cluster starts. A scheduler given by address runs its own
    workers: set the same there (``distributed.nanny.pre-spawn-environ``,
    ``distributed.worker.profile.enabled``).
    """
    import dask  # type: ignore[import-not-found,unused-ignore]

    wanted = {
        "MALLOC_MMAP_THRESHOLD_": str(MMAP_THRESHOLD),
        "MALLOC_TRIM_THRESHOLD_": str(2 * MMAP_THRESHOLD),
    }
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
    environ.update(wanted)
    saved = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        with dask.config.set(
            {"distributed.nanny.pre-spawn-environ": environ, "distributed.worker.profile.enabled": False}
        ):
            yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _take(future: Any) -> Any:
    """A finished task's result, released from the cluster's memory."""
    result = future.result()
    future.release()
    return result
