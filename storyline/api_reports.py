"""Story reports as files: every story at once (``storyline run --out``), or only the stories that
changed (``storyline watch --out``).

A watcher that follows feeds around the clock adds a few articles per round to a few stories;
rewriting every report each round would cost time in proportion to the whole store. So the folder
remembers the reports it wrote, rewrites only the stories a round touched (the story an article
joined, found again after merges), forgets stories that were merged away, and renders the index
from what it holds.

It also remembers them across processes, in a manifest beside the reports: what each story was
when its report was made, and a digest of the code that made it. A batch re-run (``storyline run
--out`` after a new archive was added) or a restarted watcher then rewrites only the stories that
changed since, not all of them (at 100,000 articles, ~300 s of the workers for 28,019 stories).
A story's report is made from its articles and their readings; articles never change once
stored and readings are made by the code, so the story's row and the code decide the report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from functools import cache
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
MANIFEST = ".storyline-reports.json"
MANIFEST_FORMAT = "storyline.reports/1"


@cache
def code_digest() -> str:
    """A digest of storyline's own files: reports made by other code are made again."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def made_from(story: Story) -> str:
    """What a story's report depends on besides the code: its row (articles, title, dates)."""
    return hashlib.sha256(json.dumps(asdict(story)).encode()).hexdigest()[:20]


class ReportFolder:
    """A folder of ``STORY.md``, ``STORY.html``, ``STORY.json`` and an ``index.html``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, IndexEntry] = {}
        self._made_from: dict[str, str] = {}
        self._load_manifest()

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
        """Write the reports of ``story_ids``, then the index. None: every story whose report is
        missing, or was made from another state of the story or by other code.

        Ids merged into another story write that story. Returns the ids written, in story order.
        The reports are made by ``engine``, or by ``processes`` local workers (see
        :func:`write_reports`).
        """
        stories = {story.id: story for story in app.stories()}
        live = list(stories)
        for gone in set(self._entries) - set(live):
            del self._entries[gone]
            self._made_from.pop(gone, None)
            for suffix in FORMATS:
                (self.folder / f"{gone}{suffix}").unlink(missing_ok=True)
        if story_ids is None:
            wanted = {sid for sid in live if self._made_from.get(sid) != made_from(stories[sid])}
        else:
            wanted = {app.resolve_story(i) for i in story_ids}
            wanted |= set(live) - set(self._entries)  # stories this folder never wrote
        written = [sid for sid in live if sid in wanted]
        todo = [stories[story_id] for story_id in written]
        for entry in write_reports(app, todo, self.folder, processes, engine):
            self._entries[entry.story_id] = entry
            self._made_from[entry.story_id] = made_from(stories[entry.story_id])
        self._write_index(live)
        self._save_manifest()
        return written

    def _load_manifest(self) -> None:
        """The reports a process wrote here before, if made by this code and still all there."""
        try:
            saved = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none, or unreadable: every report is made again
        if saved.get("format") != MANIFEST_FORMAT or saved.get("code") != code_digest():
            return
        for story_id, row in saved.get("stories", {}).items():
            if all((self.folder / f"{story_id}{suffix}").is_file() for suffix in FORMATS):
                self._entries[story_id] = IndexEntry(**row["entry"])
                self._made_from[story_id] = row["made_from"]

    def _save_manifest(self) -> None:
        stories = {
            story_id: {"made_from": self._made_from[story_id], "entry": asdict(entry)}
            for story_id, entry in self._entries.items()
            if story_id in self._made_from
        }
        manifest = {"format": MANIFEST_FORMAT, "code": code_digest(), "stories": stories}
        partial = self.folder / f"{MANIFEST}.partial"
        partial.write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, self.folder / MANIFEST)  # a kill mid-write leaves the old one whole

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
    for more, and the engine's workers write the files (or send them back to be written here).

    Why on the engine: comparing, briefing and rendering are pure Python, ~15-20% of the CPU of
    a ``storyline run`` on the scale corpus, and each story needs only its own material.
    """
    from storyline.engine import LocalEngine

    folder.mkdir(parents=True, exist_ok=True)
    if engine is None:
        engine = LocalEngine(processes if len(stories) >= PARALLEL_MIN_STORIES else 1)
    yield from engine.write_briefs((app.story_material(story) for story in stories), folder)
