"""The units of work an engine ships to a worker: module-level so they pickle by reference.

Reading's unit is :func:`storyline.read.stream.read_task` (imported where used, so the engine
loads spaCy only when it reads).
"""

from __future__ import annotations

from storyline.ingest.sources import IngestOptions, Input, read_input
from storyline.model import ParseOutcome


def parse_one(item: Input, options: IngestOptions) -> ParseOutcome:
    """Read one input into documents; touches no store, so it can run on any worker."""
    return read_input(item, options)
