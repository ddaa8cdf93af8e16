"""Story reports as files: every story at once (``storyline run --out``), or only the stories that
changed (``storyline watch --out``).

A watcher that follows feeds around the clock adds a few articles per round to a few stories;
rewriting every report each round would cost time in proportion to the whole store. So the folder
remembers the reports it wrote, rewrites only the stories a round touched (the story an article
joined, found again after merges), forgets stories that were merged away, and renders the index
from what it holds.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.brief.index import IndexEntry, index_entry, render_index
from storyline.model import Story

if TYPE_CHECKING:
    from storyline.api import Storyline

FORMATS = (".md", ".html", ".json")
STORIES_PER_TASK = 8
"""Stories a worker process writes per task: enough to amortise opening the store and pickling."""
PARALLEL_MIN_STORIES = 16
"""Fewer stories than this are written in this process: forking would cost more than it saves."""


class ReportFolder:
    """A folder of ``STORY.md``, ``STORY.html``, ``STORY.json`` and an ``index.html``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, IndexEntry] = {}

    @property
    def index(self) -> Path:
        """The page that lists every story."""
        return self.folder / "index.html"

    def write(self, app: Storyline, story_ids: Iterable[str] | None = None, processes: int = 1) -> list[str]:
        """Write the reports of ``story_ids`` (every story when None), then the index.

        Ids merged into another story write that story. Returns the ids written, in story order.
        ``processes`` > 1 compares, briefs and renders the stories in that many worker processes,
        each with its own connection to the store (see :func:`_write_stories`).
        """
        stories = {story.id: story for story in app.stories()}
        live = list(stories)
        for gone in set(self._entries) - set(live):
            del self._entries[gone]
            for suffix in FORMATS:
                (self.folder / f"{gone}{suffix}").unlink(missing_ok=True)
        if story_ids is None:
            wanted = set(live)
        else:
            wanted = {app.resolve_story(i) for i in story_ids}
            wanted |= set(live) - set(self._entries)  # stories this folder never wrote
        written = [sid for sid in live if sid in wanted]
        for entry in write_reports(app, [stories[story_id] for story_id in written], self.folder, processes):
            self._entries[entry.story_id] = entry
        self._write_index(live)
        return written

    def _write_index(self, live: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        entries = [self._entries[story_id] for story_id in live if story_id in self._entries]
        self.index.write_text(render_index(entries), encoding="utf-8")


def write_reports(
    app: Storyline, stories: list[Story], folder: Path, processes: int = 1
) -> Iterator[IndexEntry]:
    """Write each story's report files into ``folder``; yields their index entries in story order.

    With ``processes`` > 1 (and enough stories) forked workers do it, each opening the store
    anew; only the index entries come back (a report pickles to far more).
    """
    folder.mkdir(parents=True, exist_ok=True)
    if processes <= 1 or len(stories) < PARALLEL_MIN_STORIES:
        for story in stories:
            yield write_story(app, story, folder)
        return
    tasks = [
        (app.location, folder, stories[i : i + STORIES_PER_TASK])
        for i in range(0, len(stories), STORIES_PER_TASK)
    ]
    with multiprocessing.get_context("fork").Pool(min(processes, len(tasks))) as pool:
        for reports in pool.imap(_write_stories, tasks):
            yield from reports


def write_story(app: Storyline, story: Story, folder: Path) -> IndexEntry:
    """Compare, brief and render one story into ``folder`` (.md, .html, .json); its index entry."""
    from storyline.brief import to_html, to_json, to_markdown

    report, texts = app.story_report(story)
    (folder / f"{story.id}.md").write_text(to_markdown(report, texts), encoding="utf-8")
    (folder / f"{story.id}.html").write_text(to_html(report, texts), encoding="utf-8")
    (folder / f"{story.id}.json").write_text(to_json(report), encoding="utf-8")
    return index_entry(report)


def _write_stories(task: tuple[str, Path, list[Story]]) -> list[IndexEntry]:
    """A worker's task: open the store anew (a forked connection is not the child's to use), write.

    Why processes: comparing, briefing and rendering are pure Python and take ~60% of a
    ``storyline run`` after reading on 2 cores; each story depends only on its own articles and
    readings, so they spread over cores like reading does.
    """
    from storyline.api import open_storyline

    location, folder, stories = task
    with open_storyline(location) as app:
        return [write_story(app, story, folder) for story in stories]
