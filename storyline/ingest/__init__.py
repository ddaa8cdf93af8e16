"""Ingest: read any news input into clean-text articles in the store.

``ingest(inputs, store)`` expands the inputs, parses each with the parser its content needs,
and places every document: new article, copy of a known one, or a no-op when already stored.
One bad input only costs itself: it is returned as a rejection and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from storyline.ingest.copies import Placement, place_document
from storyline.ingest.sources import IngestOptions, Input, expand_inputs, read_input
from storyline.model import Article, IngestResult, ParseOutcome, Rejection
from storyline.store import Store

__all__ = ["IngestOptions", "Progress", "ingest"]

Progress = Callable[[int, int, str], None]
"""``(done, total, current_input)``: called after each input is read."""

BATCH_INPUTS = 200
"""Inputs per write transaction: large enough to amortise commits, small enough to lose little."""


Parser = Callable[[Sequence[Input], IngestOptions], Iterator[ParseOutcome]]
"""Reads inputs into outcomes, one per input and in input order (in process, or on workers)."""


def parse_in_process(inputs: Sequence[Input], options: IngestOptions) -> Iterator[ParseOutcome]:
    """Each input read in turn, lazily, so memory holds one outcome at a time."""
    for item in inputs:
        yield read_input(item, options)


def ingest(
    names: list[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    parse: Parser = parse_in_process,
    keep_articles: bool = True,
) -> IngestResult:
    """Ingest every input named in ``names`` into ``store``; see the module docstring.

    ``parse`` may read the inputs elsewhere (an engine's workers); placing the documents
    (identity, copies) writes the store and depends on order, so it always happens here.
    ``keep_articles=False`` returns counts instead of the placed articles, so memory stays flat
    however many inputs a batch has (the CLI's way: it prints only the counts).
    """
    options = options or IngestOptions()
    inputs, rejected = expand_inputs(names)
    tally = _Tally(rejected=rejected) if keep_articles else _Counts(rejected=rejected)
    outcomes = parse(inputs, options)
    for start in range(0, len(inputs), BATCH_INPUTS):
        batch = inputs[start : start + BATCH_INPUTS]
        with store.transaction():
            for offset, item in enumerate(batch):
                _place(next(outcomes), store, tally)  # one outcome per input, in input order
                if progress is not None:
                    progress(start + offset + 1, len(inputs), item.name)
    return tally.result()


class _Batch(Protocol):
    """What a batch keeps of its placements: the articles themselves, or counts."""

    rejected: list[Rejection]

    def record(self, placement: Placement) -> None: ...

    def demote(self, article_id: str, store: Store) -> None: ...


def _place(outcome: ParseOutcome, store: Store, batch: _Batch) -> None:
    """Place each document of one read input and tell ``batch`` where it went."""
    batch.rejected.extend(outcome.rejected)
    keys = outcome.keys if len(outcome.keys) == len(outcome.documents) else (None,) * len(outcome.documents)
    for document, known_keys in zip(outcome.documents, keys, strict=True):
        placement = place_document(store, document, known_keys)
        if placement.demoted is not None:
            batch.demote(placement.demoted, store)
        batch.record(placement)


@dataclass
class _Tally:
    """What a batch has done so far."""

    rejected: list[Rejection]
    added: list[Article] = field(default_factory=list)
    copies: list[Article] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def record(self, placement: Placement) -> None:
        """Keep a placed document's article where its status says."""
        if placement.status == "added":
            self.added.append(placement.article)
        elif placement.status == "copy":
            self.copies.append(placement.article)
        else:
            self.unchanged.append(placement.article.id)

    def demote(self, article_id: str, store: Store) -> None:
        """An article added earlier in this batch turned out to be a copy: count it as one."""
        for index, article in enumerate(self.added):
            if article.id == article_id:
                demoted = store.get_article(article_id)
                del self.added[index]
                if demoted is not None:
                    self.copies.append(demoted)
                return

    def result(self) -> IngestResult:
        """The batch's result, with every placed article."""
        return IngestResult(
            added=tuple(self.added),
            copies=tuple(self.copies),
            unchanged=tuple(self.unchanged),
            rejected=tuple(self.rejected),
        )


@dataclass
class _Counts:
    """What a batch has done so far, as counts only: memory does not grow with the inputs."""

    rejected: list[Rejection]
    added: int = 0
    copies: int = 0
    unchanged: int = 0
    started: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def record(self, placement: Placement) -> None:
        """Count a placed document where its status says."""
        if placement.status == "added":
            self.added += 1
        elif placement.status == "copy":
            self.copies += 1
        else:
            self.unchanged += 1

    def demote(self, article_id: str, store: Store) -> None:
        """An article this batch counted as new turned out to be a copy: count it as one.

        Without the batch's ids in memory, "this batch" is "stored since the batch started" (to
        the second, as articles record it).
        """
        demoted = store.get_article(article_id)
        if demoted is not None and (demoted.ingested_at or "") >= self.started and self.added:
            self.added -= 1
            self.copies += 1

    def result(self) -> IngestResult:
        """The batch's result: counts and rejections."""
        counts = (self.added, self.copies, self.unchanged)
        return IngestResult(rejected=tuple(self.rejected), counts=counts)
