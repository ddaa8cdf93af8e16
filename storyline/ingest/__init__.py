"""Ingest: read any news input into clean-text articles in the store.

``ingest(inputs, store)`` expands the inputs, parses each with the parser its content needs,
and places every document: new article, copy of a known one, or a no-op when already stored.
One bad input only costs itself: it is returned as a rejection and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from storyline.ingest.copies import place_document
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
) -> IngestResult:
    """Ingest every input named in ``names`` into ``store``; see the module docstring.

    ``parse`` may read the inputs elsewhere (an engine's workers); placing the documents
    (identity, copies) writes the store and depends on order, so it always happens here.
    """
    options = options or IngestOptions()
    inputs, rejected = expand_inputs(names)
    tally = _Tally(rejected=rejected)
    outcomes = parse(inputs, options)
    for start in range(0, len(inputs), BATCH_INPUTS):
        batch = inputs[start : start + BATCH_INPUTS]
        with store.transaction():
            for offset, item in enumerate(batch):
                tally.place(next(outcomes), store)  # one outcome per input, in input order
                if progress is not None:
                    progress(start + offset + 1, len(inputs), item.name)
    return IngestResult(
        added=tuple(tally.added),
        copies=tuple(tally.copies),
        unchanged=tuple(tally.unchanged),
        rejected=tuple(tally.rejected),
    )


@dataclass
class _Tally:
    """What a batch has done so far."""

    rejected: list[Rejection]
    added: list[Article] = field(default_factory=list)
    copies: list[Article] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def place(self, outcome: ParseOutcome, store: Store) -> None:
        """Place each document of one read input."""
        self.rejected.extend(outcome.rejected)
        for document in outcome.documents:
            placement = place_document(store, document)
            if placement.demoted is not None:
                self._demote(placement.demoted, store)
            if placement.status == "added":
                self.added.append(placement.article)
            elif placement.status == "copy":
                self.copies.append(placement.article)
            else:
                self.unchanged.append(placement.article.id)

    def _demote(self, article_id: str, store: Store) -> None:
        """An article added earlier in this batch turned out to be a copy: count it as one."""
        for index, article in enumerate(self.added):
            if article.id == article_id:
                demoted = store.get_article(article_id)
                del self.added[index]
                if demoted is not None:
                    self.copies.append(demoted)
                return
