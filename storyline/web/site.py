"""The data behind every page and its JSON twin: one function per view, called by both.

SQLite objects must not cross threads, and FastAPI runs plain handlers in a thread pool, so each
call opens its own :class:`~storyline.api.Storyline` and closes it before returning. Anything that
may write (ingest, a missing reading, a report computed for the first time) goes through one
writer lock, the way a single-writer store wants it. Reports are cached per story and article set,
because comparing a story is the costly step and its result only changes when articles arrive.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from storyline.api import Storyline, open_storyline
from storyline.brief.index import last_update
from storyline.brief.labels import origin_count, outlet_name
from storyline.ingest import IngestOptions
from storyline.model import Article, IngestResult, Reading, Report, Story

REPORT_CACHE_SIZE = 256
"""Reports kept in memory; a report is tens of kilobytes, so this stays well under 50 MB."""

Fingerprint = tuple[int, ...]
Renderer = Callable[[Report, dict[str, str]], str]


@dataclass
class _Cached:
    """A story's report as of one store fingerprint, and its renderings made so far."""

    fingerprint: Fingerprint
    report: Report
    texts: dict[str, str]
    rendered: dict[str, str]


class WebError(Exception):
    """An error a client caused or should see; the app turns it into ``{"error", "status"}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class StoryFilter:
    """What the story listing is narrowed to: title text, outlet, publication dates, one page."""

    q: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0


def story_article(article: Article) -> dict[str, str | None]:
    """An article as the ``stories --json`` contract lists it."""
    return article.to_story_json()


def _matches(story: Story, articles: list[Article], where: StoryFilter) -> bool:
    if where.q and where.q.casefold() not in (story.title or "").casefold():
        return False
    if where.outlet:
        wanted = where.outlet.casefold()
        if not any((a.outlet or "").casefold() == wanted for a in articles):
            return False
    first = story.first_published or story.last_published or ""
    last = story.last_published or story.first_published or ""
    if where.since and (not last or last[:10] < where.since[:10]):
        return False
    return not (where.until and (not first or first[:10] > where.until[:10]))


class Site:
    """The web app's view of one store: opened per call, written under one lock."""

    def __init__(self, db: str, read_only: bool = False) -> None:
        self.db = db
        self.read_only = read_only
        self.writer = threading.RLock()
        self._reports: dict[tuple[str, tuple[str, ...]], tuple[Report, dict[str, str]]] = {}
        self._by_id: dict[str, _Cached] = {}

    def fingerprint(self) -> Fingerprint | None:
        """Size and mtime of the SQLite file and its WAL: any write by any process changes it.

        Lets a cached report be served without opening the store (opening and looking the story up
        costs ~12 ms, more than serving a cached rendering). ``None`` for a database URL.
        """
        if "://" in self.db or not os.path.isfile(self.db):
            return None
        stamp: list[int] = []
        for path in (self.db, self.db + "-wal"):
            try:
                info = os.stat(path)
            except FileNotFoundError:
                stamp.extend((0, 0))
                continue
            stamp.extend((info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def rendered(self, story_id: str, name: str, render: Renderer) -> str:
        """``render(report, texts)`` for the story, made once per store state and rendering name."""
        entry = self._entry(story_id)
        text = entry.rendered.get(name)
        if text is None:
            text = entry.rendered[name] = render(entry.report, entry.texts)
        return text

    def peek(self, story_id: str, name: str) -> str | None:
        """The cached rendering when the store is unchanged, else ``None``; never blocks on I/O.

        Async handlers serve hits from here on the event loop and skip the thread-pool hop,
        which under 50 concurrent clients is most of the latency of a cached report.
        """
        stamp = self.fingerprint()
        entry = self._by_id.get(story_id)
        if stamp is None or entry is None or entry.fingerprint != stamp:
            return None
        return entry.rendered.get(name)

    def _entry(self, story_id: str) -> _Cached:
        stamp = self.fingerprint()
        entry = self._by_id.get(story_id)
        if stamp is not None and entry is not None and entry.fingerprint == stamp:
            return entry
        report, texts = self._report(story_id)
        if entry is None or entry.report is not report:
            if len(self._by_id) >= REPORT_CACHE_SIZE:
                self._by_id.pop(next(iter(self._by_id)))
            entry = _Cached(stamp or (), report, texts, {})
        entry.fingerprint = self.fingerprint() or ()
        self._by_id[story_id] = entry
        return entry

    @contextmanager
    def open(self) -> Iterator[Storyline]:
        """A Storyline for this call only, closed on the way out (same thread in, same thread out)."""
        app = open_storyline(self.db)
        try:
            yield app
        finally:
            app.close()

    def stories(self, where: StoryFilter) -> dict[str, Any]:
        """A page of stories in the contract's shape, with counts before and after filtering."""
        with self.open() as app:
            stories = app.stories()
            articles = {a.id: a for a in app.articles()}
        rows = []
        for story in stories:
            members = [articles[i] for i in story.article_ids if i in articles]
            if _matches(story, members, where):
                rows.append((story, members))
        page = rows[where.offset : where.offset + where.limit]
        return {
            "total": len(stories),
            "matched": len(rows),
            "limit": where.limit,
            "offset": where.offset,
            "stories": [
                {
                    "id": s.id,
                    "title": s.title,
                    "first_published": s.first_published,
                    "last_published": s.last_published,
                    "articles": [story_article(a) for a in members],
                }
                for s, members in page
            ],
        }

    def story(self, story_id: str) -> dict[str, Any]:
        """One story in the contract's shape; 404 when unknown."""
        with self.open() as app:
            story = app.story(story_id)
            if story is None:
                raise WebError(404, f"no story {story_id!r}")
            members = [a for a in (app.article(i) for i in story.article_ids) if a is not None]
        return {
            "id": story.id,
            "title": story.title,
            "first_published": story.first_published,
            "last_published": story.last_published,
            "merged_from": list(story.merged_from),
            "articles": [story_article(a) for a in members],
        }

    def report(self, story_id: str) -> tuple[Report, dict[str, str]]:
        """The story's report and texts (cached while the store is unchanged); 404 when unknown."""
        entry = self._entry(story_id)
        return entry.report, entry.texts

    def _report(self, story_id: str) -> tuple[Report, dict[str, str]]:
        """The story's report and texts, computed once per article set; 404 when unknown."""
        with self.open() as app:
            story = app.story(story_id)
            if story is None:
                raise WebError(404, f"no story {story_id!r}")
            key = (story.id, story.article_ids)
            cached = self._reports.get(key)
            if cached is not None:
                return cached
            with self.writer:
                cached = self._reports.get(key)
                if cached is None:
                    made = app.report(story.id)
                    if made is None:
                        raise WebError(404, f"no story {story_id!r}")
                    if len(self._reports) >= REPORT_CACHE_SIZE:
                        self._reports.pop(next(iter(self._reports)))
                    self._reports[key] = cached = made
            return cached

    def summary(self, story_id: str) -> dict[str, Any]:
        """The listing row of a story: outlets, independent origins, conflicts, last update."""
        report, _ = self.report(story_id)
        return {
            "id": report.story.id,
            "title": report.story.title,
            "outlets": list(dict.fromkeys(outlet_name(s) for s in report.sources)),
            "independent_origins": origin_count(report),
            "conflicts": len(report.conflicts),
            "last_update": last_update(report),
        }

    def article(self, article_id: str) -> tuple[Article, Reading | None]:
        """An article and its reading (computed under the writer lock when missing); 404 when unknown."""
        with self.open() as app:
            article = app.article(article_id)
            if article is None:
                raise WebError(404, f"no article {article_id!r}")
            with self.writer:
                reading = app.reading(article.id)
        return article, reading

    def ingest(self, inputs: list[str], options: IngestOptions) -> IngestResult:
        """Ingest under the writer lock; 403 when the site is read-only."""
        if self.read_only:
            raise WebError(403, "this server is read-only: ingest is disabled")
        with self.writer, self.open() as app:
            return app.ingest(inputs, options)
