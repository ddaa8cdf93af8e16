"""``index.html``: every story of a run, newest update first, each linking to ``<story_id>.html``."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from storyline.brief.html_kit import el, esc, page
from storyline.brief.labels import origin_count, outlet_name, time_key, when
from storyline.model import Report


def last_update(report: Report) -> str | None:
    """The story's last publication time, or its newest source's when the story does not say."""
    if report.story.last_published:
        return report.story.last_published
    dated = [source.published for source in report.sources if source.published]
    return max(dated, key=time_key) if dated else None


def story_href(story_id: str) -> str:
    """The report file of a story, with the id percent-encoded (an id cannot leave the folder)."""
    return quote(story_id, safe="") + ".html"


def _row(report: Report) -> str:
    outlets = ", ".join(dict.fromkeys(outlet_name(source) for source in report.sources))
    updated = last_update(report)
    cells = [
        el(
            "th",
            el("a", esc(report.story.title or "Untitled story"), {"href": story_href(report.story.id)}),
            {"scope": "row"},
        ),
        el("td", esc(outlets or "—")),
        el("td", str(origin_count(report)), {"class": "mark"}),
        el("td", str(len(report.conflicts)), {"class": "mark"}),
        el("td", el("time", esc(when(updated)), {"datetime": updated}) if updated else "—"),
    ]
    return el("tr", "".join(cells))


def _order(report: Report) -> tuple[int, float, str, str]:
    """Newest first; undated or unreadable times last; then by title and id, so the order is stable."""
    undated, seconds, _ = time_key(last_update(report))
    return (undated, -seconds, report.story.title.lower(), report.story.id)


def render_index(reports: Sequence[Report]) -> str:
    """The index page: stories ordered by last update (newest first), then title."""
    ordered = sorted(reports, key=_order)
    head = "".join(
        el("th", name, {"scope": "col"})
        for name in ("Story", "Outlets", "Independent origins", "Conflicts", "Last update")
    )
    table = el("table", el("thead", el("tr", head)) + el("tbody", "".join(_row(r) for r in ordered)))
    intro = el("p", esc(f"{len(reports)} stories"), {"class": "meta"})
    body = el("header", el("p", "storyline", {"class": "kicker"}) + el("h1", "Stories") + intro)
    main = el(
        "main",
        el("div", table, {"class": "table-wrap"})
        if reports
        else el("p", "No stories yet.", {"class": "empty"}),
    )
    return page("Stories · storyline", body + "\n" + main)
