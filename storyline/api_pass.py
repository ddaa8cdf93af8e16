"""The grouping pass: assign every pending article to a story, consolidate, and save; with an
engine, its workers work out each article's features and read it meanwhile.

Kept apart from :mod:`storyline.api_stories` (the public story functions) because it is the one
place that schedules work between the client and the engine. Two facts shape it:

* Grouping is ordered and runs here, one article after another (~4 ms an article at 100k), while
  reading is per article and runs on the workers (~28 ms). Each job therefore carries both:
  articles whose features to work out, and articles to read, so neither side waits long.
* Consolidation needs every assignment, and at 100k articles it is minutes of this process's
  CPU. Run after the last reading, it kept one core idle that long. So the features run ahead of
  the readings (they are spread over the first :data:`GROUPING_LEAD` of the jobs), and a thread
  of this process consolidates while the main thread stores the rest of the readings. Nothing
  else touches the grouper by then, and the main thread mostly waits on the workers (taking the
  GIL only to store each batch's readings), so the workers are never kept waiting.

The stories are the same as assigning in arrival order and then consolidating (the order of
assignment does not change, nor does what consolidation sees), and so are the readings.

A :class:`GrouperCache` lets a caller that groups round after round (the feed watcher) keep
the grouper between passes: loading the state back costs time in proportion to the store.
"""

from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from storyline.model import Article, StoryAssignment
from storyline.store import Store

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.engine.work import Prepared, PrepareJob
    from storyline.ingest import Progress
    from storyline.stories import StreamGrouper
    from storyline.stories.consolidation import Merge

PASS_BATCH = 32
"""Articles a job reads: one parser batch (:data:`storyline.read.nlp.PIPE_BATCH`); features alone
are ~2 ms an article, so even a job without reading is many times a Dask task's own cost."""
GROUPING_LEAD = 0.75
"""Share of the reading jobs over which the grouping features are spread: the last quarter of
the reading (~5 minutes of both workers at 100k articles) is left for consolidation to overlap."""


@dataclass
class GrouperCache:
    """The grouper this process last saved, and the state version its save made.

    Why: a watcher groups a few articles a round, and reading the state back from the store
    costs time in proportion to the store (~13 s at 100,000 articles). The next pass goes on
    with the kept grouper only if the store is still at that version, so another process's
    save in between is never missed; a pass that fails leaves nothing kept.
    """

    grouper: StreamGrouper | None = None
    version: int = -1

    def take(self, version: int) -> StreamGrouper | None:
        """The kept grouper if the state is still at ``version``; nothing is kept after."""
        grouper, self.grouper = self.grouper, None
        return grouper if version == self.version else None

    def keep(self, grouper: StreamGrouper, version: int) -> None:
        self.grouper, self.version = grouper, version


def run_pass(
    store: Store,
    engine: Engine | None,
    reader_version: str | None,
    progress: Progress | None = None,
    cache: GrouperCache | None = None,
) -> tuple[list[StoryAssignment], int]:
    """Group the pending articles (reading them too when ``reader_version`` is given); the
    assignments and how many readings were stored. See :func:`storyline.api_stories.group_pending`
    for the locking, and the module docstring for the schedule.

    ``progress`` is called after each assignment and each stored reading: (done, both counts
    together, article id). ``cache``: the grouper kept from this process's last pass, if any;
    this pass's grouper is kept there once its save is committed.
    """
    if not store.ids_without_story():
        return [], 0
    warm_up()
    with store.grouping():
        pending = store.ids_without_story()
        if not pending:
            return [], 0
        kept = cache.take(store.grouper_version()) if cache is not None else None
        grouper = load_grouper(store) if kept is None else kept
        backfill_stories(store, grouper)
        unread = frozenset(store.ids_to_read(reader_version)) if reader_version and engine else frozenset()
        to_read = [article_id for article_id in pending if article_id in unread]
        done, total = 0, len(pending) + len(to_read)
        assignments: list[StoryAssignment] = []
        consolidating: Future[list[Merge]] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="storyline-consolidation") as background:
            for batch, made, grouped_all in _jobs_done(store, pending, to_read, engine):
                for article, features in zip(batch, made.features, strict=True):
                    assignment = grouper.assign(article, features)
                    store.put_assignment(assignment)
                    assignments.append(assignment)
                    done += 1
                    if progress is not None:
                        progress(done, total, article.id)
                for article_id, data in made.readings:
                    assert reader_version is not None
                    store.put_encoded_reading(article_id, data, reader_version)
                    done += 1
                    if progress is not None:
                        progress(done, total, article_id)
                if grouped_all and consolidating is None and to_read:  # readings left to overlap
                    consolidating = background.submit(grouper.consolidate)
            merges = consolidating.result() if consolidating is not None else grouper.consolidate()
        version = _save(store, grouper, assignments, merges)
    if cache is not None:
        cache.keep(grouper, version)
    return assignments, done - len(assignments)


def _save(
    store: Store, grouper: StreamGrouper, assignments: list[StoryAssignment], merges: list[Merge]
) -> int:
    """Record the merges, rewrite the rows of every story the pass touched, save the state's
    head and changed profiles; the state's new version."""
    from storyline.stories import saved_state

    changed = {a.story_id for a in assignments}
    for merge in merges:
        store.put_merge(merge.merged, merge.kept)
        changed.add(merge.kept)
    store.put_stories([story for story in grouper.stories() if story.id in changed])
    saved = saved_state(grouper)
    return store.put_grouper_state(saved.head, saved.profiles, saved.dropped)


def _jobs_done(
    store: Store, pending: list[str], to_read: list[str], engine: Engine | None
) -> Iterator[tuple[list[Article], Prepared, bool]]:
    """Each job's articles to group, in arrival order, with what the engine made of the job,
    and whether every article is now grouped. Without an engine, the grouper works out the
    features itself (and nothing is read)."""
    from storyline.engine.work import Prepared

    group_chunks = _chunks(pending)
    if engine is None:
        for index, ids in enumerate(group_chunks):
            batch = _articles(store, ids)
            yield batch, Prepared((None,) * len(batch), ()), index == len(group_chunks) - 1
        return
    from storyline.engine.work import prepare_task

    read_chunks = _chunks(to_read)
    spread = max(1, math.ceil(GROUPING_LEAD * len(read_chunks))) if read_chunks else len(group_chunks)
    plan = [_groups_of(job, spread, len(group_chunks)) for job in range(max(spread, len(read_chunks)))]
    last_group_job = max((job for job, chunks in enumerate(plan) if chunks), default=-1)
    sent: deque[list[Article]] = deque()

    def jobs() -> Iterator[PrepareJob]:
        for job, chunks in enumerate(plan):
            batch = [a for i in chunks for a in _articles(store, group_chunks[i])]
            sent.append(batch)
            yield batch, _articles(store, read_chunks[job]) if job < len(read_chunks) else []

    frozen: AbstractContextManager[None] = nullcontext()
    if read_chunks:
        from storyline.read.reader import gc_frozen
        from storyline.read.stream import prepare_reading

        prepare_reading()  # before the workers fork: they share the loaded model
        frozen = gc_frozen()
    with frozen:
        for job, made in enumerate(engine.map_ordered(prepare_task, jobs())):
            yield sent.popleft(), made, job >= last_group_job


def _groups_of(job: int, spread: int, chunks: int) -> range:
    """The group chunks job ``job`` carries: ``chunks`` spread evenly over the first ``spread`` jobs."""
    if job >= spread:
        return range(0)
    return range(job * chunks // spread, (job + 1) * chunks // spread)


def _chunks(ids: list[str]) -> list[list[str]]:
    it = iter(ids)
    return list(iter(lambda: list(islice(it, PASS_BATCH)), []))


def _articles(store: Store, ids: list[str]) -> list[Article]:
    return [article for article in map(store.get_article, ids) if article is not None]


def load_grouper(store: Store) -> StreamGrouper:
    """The grouper continuing the store's stream (a new one for a store never grouped).

    A store saved before the state was kept in rows holds it whole; the next save then writes
    every story's row.
    """
    from storyline.stories import StreamGrouper, from_rows  # the embedding model loads only when grouping

    saved = store.get_grouper_state()
    if saved is None:
        return StreamGrouper()
    head = json.loads(saved)
    if "stories" in head:
        return StreamGrouper.from_state(head)
    return from_rows(head, store.iter_story_profiles(), store.iter_assignments())


def backfill_stories(store: Store, grouper: StreamGrouper) -> None:
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


def warm_up() -> None:
    """Load the grouper's embedding table before taking the lock, so other writers wait less.

    A throwaway grouper builds the process-wide embedder that the real one, made under the
    lock, then shares; it also raises a missing model here, before anything is locked.
    """
    from storyline.stories import StreamGrouper

    StreamGrouper()
