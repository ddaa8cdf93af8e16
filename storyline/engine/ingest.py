"""Ingest through an engine: its workers read the inputs, this process places the documents.

Placement (identity, copies, demotion) writes the store and depends on order, so it stays in
:func:`storyline.ingest.ingest`; only the reading of each input moves to the engine, which
keeps the result identical to the in-process run.
"""

from __future__ import annotations

from storyline.engine import Engine
from storyline.ingest import Progress, ingest
from storyline.ingest.sources import IngestOptions
from storyline.model import IngestResult
from storyline.store import Store


def ingest_with(
    engine: Engine,
    names: list[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    keep_articles: bool = True,
) -> IngestResult:
    """Ingest every input named in ``names`` into ``store``, reading them through ``engine``."""
    return ingest(names, store, options, progress, parse=engine.map_parse, keep_articles=keep_articles)
