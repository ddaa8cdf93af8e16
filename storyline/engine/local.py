"""The in-process engine: exactly what storyline did before engines existed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from storyline.engine.work import parse_one
from storyline.ingest.sources import IngestOptions, Input
from storyline.model import Article, EncodedReading, ParseOutcome


class LocalEngine:
    """Parses and reads in this process (reading may fork ``processes`` worker processes)."""

    def __init__(self, processes: int = 1) -> None:
        self.processes = processes

    def map_parse(self, inputs: Sequence[Input], options: IngestOptions) -> Iterator[ParseOutcome]:
        """Each input parsed in turn, lazily, so memory holds one outcome at a time."""
        for item in inputs:
            yield parse_one(item, options)

    def map_read_encoded(self, articles: Iterable[Article], count: int) -> Iterator[EncodedReading]:
        """The reading stream, with its fork pool when ``processes`` > 1."""
        from storyline.read.stream import read_encoded  # spaCy loads only when reading

        yield from read_encoded(articles, count, self.processes)

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
