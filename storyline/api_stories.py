"""The story half of the Python API: grouping the stream, listing stories, comparing them.

Kept apart from :mod:`storyline.api` so each module keeps one job; :class:`storyline.api.Storyline`
delegates here. The grouper's state lives in the store, so every process continues the same
stream and story ids never change between runs.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from itertools import islice
from typing import TYPE_CHECKING

from storyline.engine.work import Prepared
from storyline.model import Article, Reading, Report, Story, StoryAssignment, StoryMaterial
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.engine.work import PrepareJob
    from storyline.ingest import Progress
    from storyline.stories import StreamGrouper

ReadingOf = Callable[[str], Reading | None]
PASS_BATCH = 32
"""Articles per task of the grouping pass: one parser batch when the task reads them too
(:data:`storyline.read.nlp.PIPE_BATCH`); features alone are ~2 ms an article, so even then a
task is many times a Dask task's own cost."""


def _load_grouper(store: Store) -> StreamGrouper:
    from storyline.stories import StreamGrouper  # the embedding model loads only when grouping

    state = store.get_grouper_state()
    return StreamGrouper() if state is None else StreamGrouper.from_state(json.loads(state))


def group_pending(store: Store, engine: Engine | None = None) -> list[StoryAssignment]:
    """Assign every article not yet in a story, in arrival order; then consolidate and save.

    With an ``engine``, its workers work out each article's features (a third of grouping's CPU
    at 3,000 articles) a few batches ahead while this process assigns: the same stories.

    Load state → assign → save runs under :meth:`Store.grouping`, the store-wide lock, and the
    pending ids and the state are read again inside it: another process (a second ingest, the
    web server) may have grouped some of them, and moved the state on, while this one waited.
    The first look outside the lock only skips the lock when there is nothing to do.
    """
    return _group(store, engine, None)[0]


def group_and_read_pending(
    store: Store, engine: Engine, reader_version: str, progress: Progress | None = None
) -> tuple[list[StoryAssignment], int]:
    """:func:`group_pending`, with the engine's workers also reading each pending article that
    :meth:`Storyline.read <storyline.api.Storyline.read>` would read (no reading yet, not a
    copy): the assignments, and how many readings were stored.

    Why one pass: grouping runs in this process, one article after another, while the workers
    only work out features, so a core sat idle for the whole of grouping (15 s of an 84 s run
    of 3,000 articles); here the workers read meanwhile (that run's group 14.9 s + read 39.6 s
    became one 42-48 s pass). The readings are the ones :meth:`storyline.api.Storyline.read`
    would store, committed with the assignments: like grouping, one transaction. ``progress``
    is called after each article (done, pending, article id).
    """
    return _group(store, engine, reader_version, progress)


def _group(
    store: Store, engine: Engine | None, reader_version: str | None, progress: Progress | None = None
) -> tuple[list[StoryAssignment], int]:
    if not store.ids_without_story():
        return [], 0
    _warm_up()
    assignments = []
    read = 0
    with store.grouping():
        pending = store.ids_without_story()
        if not pending:
            return [], 0
        grouper = _load_grouper(store)
        _backfill_stories(store, grouper)
        unread = frozenset(store.ids_to_read(reader_version)) if reader_version else frozenset()
        for article, made in _prepared(store, pending, engine, unread):
            assignment = grouper.assign(article, made.features)
            store.put_assignment(assignment)
            assignments.append(assignment)
            if made.reading is not None and reader_version is not None:
                store.put_encoded_reading(article.id, made.reading, reader_version)
                read += 1
            if progress is not None:
                progress(len(assignments), len(pending), article.id)
        changed = {a.story_id for a in assignments}
        for merge in grouper.consolidate():
            store.put_merge(merge.merged, merge.kept)
            changed.add(merge.kept)
        store.put_stories([story for story in grouper.stories() if story.id in changed])
        store.put_grouper_state(json.dumps(grouper.to_state(), separators=(",", ":")))
    return assignments, read


def _prepared(
    store: Store, pending: list[str], engine: Engine | None, unread: frozenset[str]
) -> Iterator[tuple[Article, Prepared]]:
    """Each pending article in order, with what the engine made of it (nothing without one)."""
    articles = (article for article in map(store.get_article, pending) if article is not None)
    if engine is None:
        yield from ((article, Prepared(None, None)) for article in articles)
        return
    from storyline.engine.work import prepare_task

    sent: deque[list[Article]] = deque()

    def jobs() -> Iterator[PrepareJob]:
        while batch := list(islice(articles, PASS_BATCH)):
            sent.append(batch)
            yield batch, unread.intersection(article.id for article in batch)

    frozen: AbstractContextManager[None] = nullcontext()
    if unread:
        from storyline.read.reader import gc_frozen
        from storyline.read.stream import prepare_reading

        prepare_reading()  # before the workers fork: they share the loaded model
        frozen = gc_frozen()
    with frozen:
        for made in engine.map_ordered(prepare_task, jobs()):
            yield from zip(sent.popleft(), made, strict=True)


def _backfill_stories(store: Store, grouper: StreamGrouper) -> None:
    """Give a store grouped before stories had rows (schema 4) a row for each of its stories.

    Rows keep the order stories were made in, which is the order their ids first appear among
    the assignments (the grouper's own order after a reload is by last update).
    """
    stories = grouper.stories()
    if not stories or next(store.iter_stories(), None) is not None:
        return
    made: dict[str, int] = {}
    for assignment in grouper.assignments.values():
        made.setdefault(assignment.story_id, len(made))
    store.put_stories(sorted(stories, key=lambda story: made.get(story.id, len(made))))


def _warm_up() -> None:
    """Load the grouper's embedding table before taking the lock, so other writers wait less.

    A throwaway grouper builds the process-wide embedder that the real one, made under the
    lock, then shares; it also raises a missing model here, before anything is locked.
    """
    from storyline.stories import StreamGrouper

    StreamGrouper()


def list_stories(store: Store) -> list[Story]:
    """Every live story, oldest first, with its articles in arrival order."""
    stories = list(store.iter_stories())
    if not stories and store.get_grouper_state() is not None:  # grouped before stories had rows
        with store.grouping():
            _backfill_stories(store, _load_grouper(store))
        stories = list(store.iter_stories())
    return stories


def find_story(store: Store, story_id: str) -> Story | None:
    """The story with this id (or the story it was merged into)."""
    current = store.resolve_story(story_id)
    found = store.get_story(current)
    if found is None and next(store.iter_stories(), None) is None:  # perhaps not backfilled yet
        return next((s for s in list_stories(store) if s.id == current), None)
    return found


def story_report(store: Store, story: Story, reading_of: ReadingOf) -> tuple[Report, dict[str, str]]:
    """The compared and briefed report of a story, with the article texts its spans point into."""
    from storyline.engine.work import report_of

    articles: list[Article] = [a for a in (store.get_article(i) for i in story.article_ids) if a is not None]
    readings = {a.id: r for a in articles if a.copy_of is None and (r := reading_of(a.id)) is not None}
    return report_of(story, articles, readings)


def story_material(store: Store, story: Story, reading_of: ReadingOf, reader_version: str) -> StoryMaterial:
    """What :func:`storyline.engine.work.brief_task` needs of a story: the same articles and
    readings as :func:`story_report`, readings still encoded as stored."""
    from storyline.codec import to_text

    articles = tuple(a for a in (store.get_article(i) for i in story.article_ids) if a is not None)
    readings = []
    for article in articles:
        if article.copy_of is not None:
            continue
        data = store.get_encoded_reading(article.id, reader_version)
        if data is None and (reading := reading_of(article.id)) is not None:  # read it now
            data = to_text(reading)
        if data is not None:
            readings.append((article.id, data))
    return StoryMaterial(story, articles, tuple(readings))
