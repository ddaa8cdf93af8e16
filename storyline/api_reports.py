"""Story reports as files: every story at once (``storyline run --out``), or only the stories that
changed (``storyline watch --out``).

A watcher that follows feeds around the clock adds a few articles per round to a few stories;
rewriting every report each round would cost time in proportion to the whole store. So the folder
remembers the reports it wrote, rewrites only the stories a round touched (the story an article
joined, found again after merges), forgets stories that were merged away, and renders the index
from what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.brief.index import render_index
from storyline.model import IndexEntry, Story

if TYPE_CHECKING:
    from storyline.api import Storyline
    from storyline.engine import Engine

FORMATS = (".md", ".html", ".json")
PARALLEL_MIN_STORIES = 16
"""Fewer stories than this are reported in this process: forking would cost more than it saves."""


class ReportFolder:
    """A folder of ``STORY.md``, ``STORY.html``, ``STORY.json`` and an ``index.html``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, IndexEntry] = {}

    @property
    def index(self) -> Path:
        """The page that lists every story."""
        return self.folder / "index.html"

    def write(
        self,
        app: Storyline,
        story_ids: Iterable[str] | None = None,
        processes: int = 1,
        engine: Engine | None = None,
    ) -> list[str]:
        """Write the reports of ``story_ids`` (every story when None), then the index.

        Ids merged into another story write that story. Returns the ids written, in story order.
        The reports are made by ``engine``, or by ``processes`` local workers (see
        :func:`write_reports`).
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
        todo = [stories[story_id] for story_id in written]
        for entry in write_reports(app, todo, self.folder, processes, engine):
            self._entries[entry.story_id] = entry
        self._write_index(live)
        return written

    def _write_index(self, live: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        entries = [self._entries[story_id] for story_id in live if story_id in self._entries]
        self.index.write_text(render_index(entries), encoding="utf-8")


def write_reports(
    app: Storyline,
    stories: list[Story],
    folder: Path,
    processes: int = 1,
    engine: Engine | None = None,
) -> Iterator[IndexEntry]:
    """Write each story's report files into ``folder``; yields their index entries in story order.

    The reports are made by ``engine`` (by default the local one with ``processes`` workers):
    this process reads each story's articles and readings from the store as the engine asks
    for more, and writes the files it sends back.

    Why on the engine: comparing, briefing and rendering are pure Python, ~15-20% of the CPU of
    a ``storyline run`` on the scale corpus, and each story needs only its own material.
    """
    from storyline.engine import LocalEngine

    folder.mkdir(parents=True, exist_ok=True)
    if engine is None:
        engine = LocalEngine(processes if len(stories) >= PARALLEL_MIN_STORIES else 1)
    for rendered in engine.map_briefs(app.story_material(story) for story in stories):
        (folder / f"{rendered.story_id}.md").write_text(rendered.markdown, encoding="utf-8")
        (folder / f"{rendered.story_id}.html").write_text(rendered.html, encoding="utf-8")
        (folder / f"{rendered.story_id}.json").write_text(rendered.json, encoding="utf-8")
        yield rendered.entry
