"""Reading a long stream of articles (a store's unread ones) in worker processes, memory flat.

Why not :func:`storyline.read.reader.read_articles` per batch: ``Storyline.read`` read 256
articles per call, so every 256 articles it forked a new pool and the last tasks of each batch
left a core idle; and the parent unpickled every :class:`~storyline.model.Reading` (1.2 ms)
and encoded it for the store (1.9 ms), on the one core the two workers also need. Here one
pool reads the whole stream with at most :data:`WINDOW_PER_PROCESS` tasks per worker in
flight (so memory holds a few tasks, however long the stream), and the workers send each
reading back already encoded as the store keeps it (:func:`storyline.codec.to_text`).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult

from storyline.codec import to_text
from storyline.model import Article, EncodedReading
from storyline.read.lexicon import prepare as prepare_lexicon
from storyline.read.nlp import load_pipeline
from storyline.read.reader import POOL_CHUNK_MIN, chunk_sizes, gc_frozen, read_chunk
from storyline.window import in_order

__all__ = ["WINDOW_PER_PROCESS", "chunk_sizes", "prepare_reading", "read_encoded", "read_task", "task_chunks"]

LOG = logging.getLogger(__name__)
WINDOW_PER_PROCESS = 3
"""Tasks in flight per worker: one running, the next ready, one whose result is coming back."""
TASKS_PER_WORKER = 100
"""Tasks a worker reads before a fresh fork replaces it (~3,200 articles): spaCy's string store
keeps every new word a worker meets, so a worker that read a whole store would keep growing;
a fork of the parent, which holds the loaded model, starts in milliseconds."""


def task_chunks(articles: Iterable[Article], count: int, workers: int) -> Iterator[list[Article]]:
    """``articles`` cut lazily into tasks of :func:`chunk_sizes` (``count``: how many, at most)."""
    stream = iter(articles)
    for size in chunk_sizes(count, workers):
        chunk = list(islice(stream, size))
        if not chunk:
            return
        yield chunk


def read_encoded(articles: Iterable[Article], count: int, processes: int = 1) -> Iterator[EncodedReading]:
    """The encoded reading of each article, in order.

    ``articles`` is consumed lazily, a task at a time, so it can come straight from the store;
    ``count`` is how many it yields (at most: it only sizes the tasks).
    """
    prepare_reading()
    tasks = task_chunks(articles, count, processes)
    with gc_frozen():
        if processes <= 1 or count <= POOL_CHUNK_MIN:
            for chunk in tasks:
                yield from read_task(chunk)
            return
        with multiprocessing.get_context("fork").Pool(processes, maxtasksperchild=TASKS_PER_WORKER) as pool:
            submitted = (pool.apply_async(read_task, (chunk,)) for chunk in tasks)
            for readings in in_order(submitted, WINDOW_PER_PROCESS * processes, _result):
                yield from readings


def prepare_reading() -> None:
    """Load the model and the lexicon's patterns now: workers forked after this share them."""
    load_pipeline()
    prepare_lexicon()


def _result(pending: AsyncResult[list[EncodedReading]]) -> list[EncodedReading]:
    return pending.get()


def read_task(articles: list[Article]) -> list[EncodedReading]:
    """One task: parse and read ``articles`` as one parser batch; their encoded readings, in order.

    An article that cannot be read (any error of the parser or a finder) is left out, with a
    warning naming it, and the rest of its batch is read one by one: one bad article never costs
    a batch (a 100k-article ``storyline run`` used to stop at its end). It stays unread, so
    ``storyline read`` meets it again.
    """
    try:
        return [(reading.article_id, to_text(reading)) for reading in read_chunk(articles)]
    except Exception as error:  # any reading error costs only its article
        if len(articles) > 1:
            return [pair for article in articles for pair in read_task([article])]
        LOG.warning("cannot read article %s: %s: %s", articles[0].id, type(error).__name__, error)
        return []
