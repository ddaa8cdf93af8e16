"""``index.html``: every story of a run, newest update first, each linking to ``<story_id>.html``."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from storyline.brief.html_kit import el, esc, page
from storyline.brief.labels import origin_count, outlet_name, time_key, when
from storyline.model import IndexEntry, Report


def last_update(report: Report) -> str | None:
    """The story's last publication time, or its newest source's when the story does not say."""
    if report.story.last_published:
        return report.story.last_published
    dated = [source.published for source in report.sources if source.published]
    return max(dated, key=time_key) if dated else None


def story_href(story_id: str) -> str:
    """The report file of a story, with the id percent-encoded (an id cannot leave the folder)."""
    return quote(story_id, safe="") + ".html"


def index_entry(report: Report) -> IndexEntry:
    """The index's row of a report."""
    outlets = ", ".join(dict.fromkeys(outlet_name(source) for source in report.sources))
    return IndexEntry(
        report.story.id,
        report.story.title,
        outlets,
        origin_count(report),
        len(report.conflicts),
        last_update(report),
    )


def _row(entry: IndexEntry) -> str:
    cells = [
        el(
            "th",
            el("a", esc(entry.title or "Untitled story"), {"href": story_href(entry.story_id)}),
            {"scope": "row"},
        ),
        el("td", esc(entry.outlets or "—")),
        el("td", str(entry.origins), {"class": "mark"}),
        el("td", str(entry.conflicts), {"class": "mark"}),
        el("td", el("time", esc(when(entry.updated)), {"datetime": entry.updated}) if entry.updated else "—"),
    ]
    return el("tr", "".join(cells))


def _order(entry: IndexEntry) -> tuple[int, float, str, str]:
    """Newest first; undated or unreadable times last; then by title and id, so the order is stable."""
    undated, seconds, _ = time_key(entry.updated)
    return (undated, -seconds, entry.title.lower(), entry.story_id)


def render_index(stories: Sequence[Report | IndexEntry]) -> str:
    """The index page: stories ordered by last update (newest first), then title."""
    entries = [s if isinstance(s, IndexEntry) else index_entry(s) for s in stories]
    ordered = sorted(entries, key=_order)
    head = "".join(
        el("th", name, {"scope": "col"})
        for name in ("Story", "Outlets", "Independent origins", "Conflicts", "Last update")
    )
    table = el("table", el("thead", el("tr", head)) + el("tbody", "".join(_row(r) for r in ordered)))
    intro = el("p", esc(f"{len(entries)} stories"), {"class": "meta"})
    body = el("header", el("p", "storyline", {"class": "kicker"}) + el("h1", "Stories") + intro)
    main = el(
        "main",
        el("div", table, {"class": "table-wrap"})
        if entries
        else el("p", "No stories yet.", {"class": "empty"}),
    )
    return page("Stories · storyline", body + "\n" + main)
