"""The Python API: what the CLI, the web server and a notebook all call.

    >>> import storyline
    >>> with storyline.open("news.db") as sl:
    ...     result = sl.ingest(["examples/"])
    ...     titles = [article.title for article in sl.articles()]

Methods return records and print nothing; presenting them is the caller's job.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from storyline.api_pass import GrouperCache
from storyline.api_stories import (
    find_story,
    group_and_read_pending,
    group_pending,
    list_stories,
    story_material,
    story_report,
)
from storyline.ingest import IngestOptions, Progress, ingest
from storyline.model import Article, IngestResult, Reading, Report, Story, StoryAssignment, StoryMaterial
from storyline.store import Store, open_store

if TYPE_CHECKING:
    from storyline.engine import Engine
    from storyline.ingest.watch import PollResult, WatchReport

DEFAULT_DB = "storyline.db"
READ_BATCH = 256
"""Articles read per transaction: batches feed the parser well and commit often enough."""


class Storyline:
    """A storyline store opened for work."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def ingest(
        self,
        inputs: list[str],
        options: IngestOptions | None = None,
        progress: Progress | None = None,
        engine: Engine | None = None,
        keep_articles: bool = True,
        group: bool = True,
    ) -> IngestResult:
        """Ingest files, directories, globs, URLs, feeds and archives; see :func:`ingest`.

        With an ``engine`` (see :mod:`storyline.engine`) the inputs are parsed on its workers;
        placing and grouping still run here in input order, so the result is the same.
        ``keep_articles=False`` returns counts only, for batches too large to hold in memory;
        ``group=False`` leaves the new articles for :meth:`group` or :meth:`group_and_read`.
        """
        if engine is None:
            result = ingest(inputs, self._store, options, progress, keep_articles=keep_articles)
        else:
            from storyline.engine.ingest import ingest_with

            result = ingest_with(engine, inputs, self._store, options, progress, keep_articles)
        if group:
            self.group(engine)
        return result

    def group(self, engine: Engine | None = None, cache: GrouperCache | None = None) -> list[StoryAssignment]:
        """Put every article that is in no story yet into one, in arrival order.

        With an ``engine``, each article's features are worked out on its workers (same stories).
        With a ``cache``, the grouper is kept there for the next call with it, which then does not
        read the state back unless another process saved since (:meth:`watch` keeps one; the
        grouper holds every story's profile, ~3 GB at 100,000 articles, so nothing keeps it
        by default).
        """
        return group_pending(self._store, engine, cache)

    def group_and_read(
        self, engine: Engine, progress: Progress | None = None
    ) -> tuple[list[StoryAssignment], int]:
        """:meth:`group`, while the engine's workers also read the new articles that have no
        reading (see :func:`~storyline.api_stories.group_and_read_pending`): the assignments,
        and how many articles were read. :meth:`read` still reads any others."""
        from storyline.read.reader import READER_VERSION

        return group_and_read_pending(self._store, engine, READER_VERSION, progress)

    def stories(self) -> list[Story]:
        """Every story, oldest first."""
        return list_stories(self._store)

    def story(self, story_id: str) -> Story | None:
        """One story by id (an id merged into another story finds that story)."""
        return find_story(self._store, story_id)

    def report(self, story_id: str) -> tuple[Report, dict[str, str]] | None:
        """The story's ``storyline.report/1`` with its briefing, and the texts its spans point into."""
        story = self.story(story_id)
        if story is None:
            return None
        return self.story_report(story)

    def resolve_story(self, story_id: str) -> str:
        """The current id of a story (an id merged into another gives that story's id)."""
        return self._store.resolve_story(story_id)

    def story_report(self, story: Story) -> tuple[Report, dict[str, str]]:
        """The report of a story already in hand (from :meth:`stories`): no look-up by id, which
        reads the grouper's whole state, so writing every report stays linear in the stories."""
        return story_report(self._store, story, self.reading)

    def story_material(self, story: Story) -> StoryMaterial:
        """What any worker needs to make the story's report (see :mod:`storyline.engine`)."""
        from storyline.read.reader import READER_VERSION

        return story_material(self._store, story, self.reading, READER_VERSION)

    def articles(self) -> list[Article]:
        """Every stored article, in arrival order."""
        return list(self._store.iter_articles())

    def article(self, article_id: str) -> Article | None:
        """One stored article, or ``None``."""
        return self._store.get_article(article_id)

    def read(self, progress: Progress | None = None, processes: int = 1, engine: Engine | None = None) -> int:
        """Read every article that has no current reading, copies aside; returns how many were read.

        A copy's words are its original's, which is read, and no report uses a copy's reading
        (10% of the scale corpus); :meth:`reading` still reads one when asked for it.

        ``processes`` > 1 parses and reads in that many worker processes (about 1.8x on 2 cores).
        An ``engine`` (see :mod:`storyline.engine`) reads on its workers instead (``processes``
        is then ignored); readings are stored here, in article order.
        """
        from storyline.engine import LocalEngine
        from storyline.read.reader import READER_VERSION  # spaCy loads only when reading

        pending = self._store.ids_to_read(READER_VERSION)
        articles = (a for a in map(self._store.get_article, pending) if a is not None)
        # one stream (one worker pool) over every pending article, committed in batches
        stream = (engine or LocalEngine(processes)).map_read_encoded(articles, len(pending))
        done = 0
        while batch := list(islice(stream, READ_BATCH)):
            with self._store.transaction():
                for article_id, data in batch:
                    self._store.put_encoded_reading(article_id, data, READER_VERSION)
                    done += 1
                    if progress is not None:
                        progress(done, len(pending), article_id)
        return done

    def reading(self, article_id: str) -> Reading | None:
        """The article's reading (computed and stored when missing), or ``None`` if no such article."""
        from storyline.read.reader import READER_VERSION, read_articles

        stored = self._store.get_reading(article_id, READER_VERSION)
        if stored is not None:
            return stored
        article = self._store.get_article(article_id)
        if article is None:
            return None
        reading = next(read_articles([article]))
        with self._store.transaction():
            self._store.put_reading(reading, READER_VERSION)
        return reading

    def watch(
        self,
        feeds: list[str],
        options: IngestOptions | None = None,
        every_s: float = 300.0,
        max_polls: int | None = None,
        read: bool = True,
        out: Path | None = None,
    ) -> WatchReport:
        """Poll ``feeds`` every ``every_s`` seconds (failing ones back off), ingesting new entries.

        After each round that stored something, new articles are grouped (and read, unless
        ``read`` is false) so stories stay current while the watcher runs; see
        :mod:`storyline.ingest.watch` for why a kill at any moment loses nothing committed.
        The first round always groups and reads, so articles a killed run had committed but
        not yet grouped or read are caught up on restart. The grouper is kept from round to
        round (see :meth:`group`), so a round's grouping costs what its new articles cost, not
        the store's size. With ``out``, the reports of every story whose report there is missing
        or out of date are written after the first round, then those of the stories a round
        changed (see :class:`~storyline.api_reports.ReportFolder`).
        """
        from storyline.api_reports import ReportFolder
        from storyline.ingest.watch import watch

        rounds = 0
        folder = ReportFolder(out) if out is not None else None
        kept = GrouperCache()

        def after_round(polls: list[PollResult]) -> None:
            nonlocal rounds
            rounds += 1
            if rounds == 1 or any(poll.added or poll.copies for poll in polls):
                changed = [assignment.story_id for assignment in self.group(cache=kept)]
                if read:
                    self.read()
                if folder is not None:
                    folder.write(self, None if rounds == 1 else changed)

        return watch(self._store, feeds, options or IngestOptions(), every_s, max_polls, after_round)

    def close(self) -> None:
        """Close the store."""
        self._store.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def open_storyline(db: str = DEFAULT_DB) -> Storyline:
    """Open (creating if needed) the store at ``db``: a SQLite path or a database URL."""
    return Storyline(open_store(db))
