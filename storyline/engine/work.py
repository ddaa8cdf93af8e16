"""The units of work an engine ships to a worker: module-level so they pickle by reference."""

from __future__ import annotations

from storyline.ingest.sources import IngestOptions, Input, read_input
from storyline.model import Article, ParseOutcome, Reading

READ_CHUNK = 16
"""Articles per read task: enough to batch the spaCy parser, small enough to balance workers."""


def parse_one(item: Input, options: IngestOptions) -> ParseOutcome:
    """Read one input into documents; touches no store, so it can run on any worker."""
    return read_input(item, options)


def read_chunk(articles: list[Article]) -> list[Reading]:
    """Readings of a chunk of articles, in order.

    The spaCy pipeline is loaded by :func:`storyline.read.nlp.load_pipeline`, which caches it per
    process, so each worker loads the model once and reuses it for every later chunk.
    """
    from storyline.read.nlp import parse_many
    from storyline.read.reader import read_article

    docs = parse_many(a.text for a in articles)
    return [read_article(article, doc) for article, doc in zip(articles, docs, strict=True)]


def chunked(articles: list[Article], size: int = READ_CHUNK) -> list[list[Article]]:
    """``articles`` cut into consecutive chunks of at most ``size``."""
    return [articles[i : i + size] for i in range(0, len(articles), size)]
