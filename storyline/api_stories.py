"""The story half of the Python API: grouping the stream, listing stories, comparing them.

Kept apart from :mod:`storyline.api` so each module keeps one job; :class:`storyline.api.Storyline`
delegates here. The grouper's state lives in the store, so every process continues the same
stream and story ids never change between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from storyline.api_pass import GrouperCache, backfill_stories, load_grouper, run_pass
from storyline.model import Article, Reading, Report, Story, StoryAssignment, StoryMaterial
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.ingest import Progress

ReadingOf = Callable[[str], Reading | None]


def group_pending(
    store: Store, engine: Engine | None = None, cache: GrouperCache | None = None
) -> list[StoryAssignment]:
    """Assign every article not yet in a story, in arrival order; then consolidate and save.

    With an ``engine``, its workers work out each article's features (a third of grouping's CPU
    at 3,000 articles) a few batches ahead while this process assigns: the same stories.

    Load state → assign → save runs under :meth:`Store.grouping`, the store-wide lock, and the
    pending ids and the state are read again inside it: another process (a second ingest, the
    web server) may have grouped some of them, and moved the state on, while this one waited.
    The first look outside the lock only skips the lock when there is nothing to do. ``cache``
    keeps the grouper between calls (see :class:`storyline.api_pass.GrouperCache`).
    """
    return run_pass(store, engine, None, cache=cache)[0]


def group_and_read_pending(
    store: Store,
    engine: Engine,
    reader_version: str,
    progress: Progress | None = None,
    cache: GrouperCache | None = None,
) -> tuple[list[StoryAssignment], int]:
    """:func:`group_pending`, with the engine's workers also reading each pending article that
    :meth:`Storyline.read <storyline.api.Storyline.read>` would read (no reading yet, not a
    copy): the assignments, and how many readings were stored.

    Why one pass: grouping runs in this process, one article after another, while the workers
    only work out features, so a core sat idle for the whole of grouping (15 s of an 84 s run
    of 3,000 articles); here the workers read meanwhile (that run's group 14.9 s + read 39.6 s
    became one 42-48 s pass). The readings are the ones :meth:`storyline.api.Storyline.read`
    would store, committed with the assignments: like grouping, one transaction. ``progress``
    is called after each assignment and each stored reading (done, both counts, article id).
    The schedule is :func:`storyline.api_pass.run_pass`'s.
    """
    return run_pass(store, engine, reader_version, progress, cache)


def list_stories(store: Store) -> list[Story]:
    """Every live story, oldest first, with its articles in arrival order."""
    stories = list(store.iter_stories())
    if not stories and store.get_grouper_state() is not None:  # grouped before stories had rows
        with store.grouping():
            backfill_stories(store, load_grouper(store))
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
