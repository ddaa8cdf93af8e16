"""Story reports as files: every story at once (``storyline run --out``), or only the stories that
changed (``storyline watch --out``).

A watcher that follows feeds around the clock adds a few articles per round to a few stories;
rewriting every report each round would cost time in proportion to the whole store. So the folder
remembers the reports it wrote, rewrites only the stories a round touched (the story an article
joined, found again after merges), forgets stories that were merged away, and renders the index
from what it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.model import Report, Story

if TYPE_CHECKING:
    from storyline.api import Storyline

FORMATS = (".md", ".html", ".json")


class ReportFolder:
    """A folder of ``STORY.md``, ``STORY.html``, ``STORY.json`` and an ``index.html``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._reports: dict[str, Report] = {}

    @property
    def index(self) -> Path:
        """The page that lists every story."""
        return self.folder / "index.html"

    def write(self, app: Storyline, story_ids: Iterable[str] | None = None) -> list[str]:
        """Write the reports of ``story_ids`` (every story when None), then the index.

        Ids merged into another story write that story. Returns the ids written, in story order.
        """
        stories = {story.id: story for story in app.stories()}
        live = list(stories)
        for gone in set(self._reports) - set(live):
            del self._reports[gone]
            for suffix in FORMATS:
                (self.folder / f"{gone}{suffix}").unlink(missing_ok=True)
        if story_ids is None:
            wanted = set(live)
        else:
            wanted = {app.resolve_story(i) for i in story_ids}
            wanted |= set(live) - set(self._reports)  # stories this folder never wrote
        written = [sid for sid in live if sid in wanted]
        for story_id in written:
            self._write_story(app, stories[story_id])
        self._write_index(live)
        return written

    def _write_story(self, app: Storyline, story: Story) -> None:
        from storyline.brief import to_html, to_json, to_markdown

        story_id = story.id
        report, texts = app.story_report(story)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{story_id}.md").write_text(to_markdown(report, texts), encoding="utf-8")
        (self.folder / f"{story_id}.html").write_text(to_html(report, texts), encoding="utf-8")
        (self.folder / f"{story_id}.json").write_text(to_json(report), encoding="utf-8")
        self._reports[story_id] = report

    def _write_index(self, live: list[str]) -> None:
        from storyline.brief import render_index

        self.folder.mkdir(parents=True, exist_ok=True)
        reports = [self._reports[story_id] for story_id in live if story_id in self._reports]
        self.index.write_text(render_index(reports), encoding="utf-8")
