"""Batch engines: where the per-input parse and the per-article read run.

Parsing an input and reading an article depend on nothing but that input or article, so they
can run anywhere and come back as records (frozen, picklable :class:`ParseOutcome`, and
readings encoded as the store keeps them). Everything that needs the store (placing documents,
copies, grouping, comparison) stays in the calling process and consumes those records in input order, so a run
gives the same result whichever engine did the mapping.

Comparing and briefing a story needs only that story's articles and readings, which the
calling process reads from the store and sends out (:class:`StoryMaterial`): reports are made
where the engine works, in batches of stories, and written by the workers where they see the
report folder (forks, a local cluster), else here.

- :class:`LocalEngine`: in this process, or in forked worker processes.
- :class:`DaskEngine`: on dask.distributed workers: a local cluster by default, or a scheduler
  anywhere by address (``dask`` is an optional dependency, imported only when used).

``engine_from_spec("local" | "dask" | "dask:tcp://host:port")`` builds one from a CLI string.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from storyline.engine.local import LocalEngine
from storyline.engine.work import parse_one
from storyline.ingest.sources import IngestOptions, Input
from storyline.model import Article, EncodedReading, IndexEntry, ParseOutcome, StoryMaterial

__all__ = ["Engine", "EngineSpecError", "LocalEngine", "engine_from_spec", "parse_one"]

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Maps the store-free stages over many inputs or articles; results come back in order."""

    def map_parse(self, inputs: Sequence[Input], options: IngestOptions) -> Iterator[ParseOutcome]:
        """The outcome of reading each input, in the order of ``inputs``."""
        ...

    def map_read_encoded(self, articles: Iterable[Article], count: int) -> Iterator[EncodedReading]:
        """(article id, reading as the store keeps it) of each article, in the order of ``articles``.

        ``articles`` is consumed lazily, a few tasks ahead of the results, so a whole store's
        unread articles can stream through in flat memory; ``count`` (how many it yields, at
        most) sizes the tasks.
        """
        ...

    def write_briefs(self, materials: Iterable[StoryMaterial], folder: Path) -> Iterator[IndexEntry]:
        """Make each story's report and write its files into ``folder``; the index entries, in
        the order of ``materials`` (consumed a few batches ahead)."""
        ...

    def map_ordered(self, task: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``task(item)`` of each item, in the order of ``items`` (consumed a few ahead).

        ``task`` is a module-level function (workers get it by reference) that touches no store.
        """
        ...

    def close(self) -> None:
        """Release workers or clusters this engine started."""
        ...


class EngineSpecError(ValueError):
    """An ``--engine`` value that names no engine."""


def engine_from_spec(spec: str, processes: int = 1) -> Engine:
    """The engine a spec names: ``local``, ``dask`` (local cluster) or ``dask:ADDRESS``.

    ``processes`` applies to the local engine's reading only (as ``storyline read --processes``).
    """
    if spec == "local":
        return LocalEngine(processes)
    if spec == "dask" or spec.startswith("dask:"):
        from storyline.engine.dask_engine import DaskEngine  # dask loads only when asked for

        address = spec.removeprefix("dask").removeprefix(":") or None
        return DaskEngine(address)
    raise EngineSpecError(f"unknown engine {spec!r}: use local, dask or dask:tcp://HOST:PORT")
