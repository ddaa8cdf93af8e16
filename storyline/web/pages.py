"""Server-rendered pages: plain HTML, no script, every untrusted value escaped.

Article text, titles, bylines and URLs come from the open web and are treated as hostile: they
reach markup only through :func:`~storyline.brief.html_kit.esc` and links only through
:func:`~storyline.brief.html_kit.link` (http(s) only). Internal links are built from
percent-encoded ids. The stylesheet is served from ``/static/style.css`` so the CSP can forbid
every inline script and style of our own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from storyline.brief.html_kit import el, esc, link
from storyline.brief.labels import origin_count, outlet_name, when
from storyline.model import Article, Reading, Report
from storyline.web.highlight import Mark, marks_of, render_marked


def article_href(article_id: str, span: Sequence[int] | None = None) -> str:
    """The article page, with ``?span=START-END#cited`` when a span is to be marked."""
    base = "/articles/" + quote(article_id, safe="")
    if span is None:
        return base
    return f"{base}?span={int(span[0])}-{int(span[1])}#cited"


def story_href(story_id: str) -> str:
    """The story page of ``story_id``."""
    return "/stories/" + quote(story_id, safe="")


def shell(title: str, body: str) -> str:
    """A complete page: external stylesheet, navigation, no script."""
    nav = el(
        "nav",
        el("a", "Stories", {"href": "/"})
        + " · "
        + el("a", "Ingest", {"href": "/ingest"})
        + " · "
        + el("a", "API", {"href": "/docs"}),
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{esc(title)}</title>\n<link rel="stylesheet" href="/static/style.css">\n</head>\n'
        f"<body>\n{nav}\n{body}\n</body>\n</html>\n"
    )


def stories_page(summaries: list[dict[str, Any]], listing: dict[str, Any], params: dict[str, str]) -> str:
    """The story list: title, outlets, independent origins, conflicts, last update; a filter form."""
    head = "".join(
        el("th", name, {"scope": "col"})
        for name in ("Story", "Outlets", "Independent origins", "Conflicts", "Last update")
    )
    rows = "".join(
        el(
            "tr",
            el(
                "th",
                el("a", esc(s["title"] or "Untitled story"), {"href": story_href(s["id"])}),
                {"scope": "row"},
            )
            + el("td", esc(", ".join(s["outlets"]) or "—"))
            + el("td", str(s["independent_origins"]))
            + el("td", str(s["conflicts"]))
            + el("td", esc(when(s["last_update"])) if s["last_update"] else "—"),
        )
        for s in summaries
    )
    table = el("table", el("thead", el("tr", head)) + el("tbody", rows)) if rows else el("p", "No stories.")
    fields = "".join(
        el("label", esc(label) + f' <input name="{name}" value="{esc(params.get(name, ""))}">')
        for name, label in (("q", "Title"), ("outlet", "Outlet"), ("since", "Since"), ("until", "Until"))
    )
    form = el("form", fields + '<button type="submit">Filter</button>', {"method": "get", "action": "/"})
    shown = f"{listing['matched']} of {listing['total']} stories"
    pager = _pager(listing, params)
    body = el("header", el("h1", "Stories") + el("p", esc(shown), {"class": "meta"})) + el(
        "main", form + table + pager
    )
    return shell("Stories · storyline", body)


def _pager(listing: dict[str, Any], params: dict[str, str]) -> str:
    limit, offset, matched = listing["limit"], listing["offset"], listing["matched"]
    links = []
    for label, start in (("Previous", offset - limit), ("Next", offset + limit)):
        if 0 <= start < matched and start != offset:
            query = urlencode({**params, "limit": str(limit), "offset": str(max(start, 0))})
            links.append(el("a", label, {"href": "/?" + query, "rel": label.lower()[:4]}))
    return el("p", " · ".join(links), {"class": "pager"}) if links else ""


def _cites(citations: Iterable[tuple[str, Sequence[int]]], numbers: dict[tuple[str, int, int], int]) -> str:
    refs = []
    for article_id, span in citations:
        key = (article_id, int(span[0]), int(span[1]))
        number = numbers.setdefault(key, len(numbers) + 1)
        refs.append(el("a", f"[{number}]", {"href": article_href(article_id, span), "class": "cite"}))
    return el("sup", "".join(refs)) if refs else ""


def story_page(report: Report) -> str:
    """A story: summary, the cited briefing (citations open the article at the span), sources, conflicts."""
    sid = report.story.id
    numbers: dict[tuple[str, int, int], int] = {}
    briefing = "".join(
        el("li", esc(s.text) + _cites(((c.article_id, c.span) for c in s.citations), numbers))
        for s in report.briefing
    )
    sources = "".join(
        el(
            "tr",
            el("td", esc(outlet_name(src)))
            + el("td", el("a", esc(src.title or "(untitled)"), {"href": article_href(src.article_id)}))
            + el("td", esc(src.byline or ""))
            + el("td", esc(when(src.published)) if src.published else "—")
            + el("td", link("original", src.url)),
        )
        for src in report.sources
    )
    conflicts = "".join(
        el(
            "li",
            esc(f"{c.about} ({c.kind}): ")
            + "; ".join(
                esc(v.value) + _cites(zip(v.article_ids, v.spans, strict=False), numbers) for v in c.values
            ),
        )
        for c in report.conflicts
    )
    meta = (
        f"{len(report.sources)} sources · {origin_count(report)} independent origins · "
        f"{len(report.conflicts)} conflicts"
    )
    formats = " · ".join(
        el("a", label, {"href": f"/api/stories/{quote(sid, safe='')}/report?format={fmt}"})
        for label, fmt in (("Full report (HTML)", "html"), ("Markdown", "md"), ("JSON", "json"))
    )
    body = el(
        "header",
        el("h1", esc(report.story.title or "Untitled story")) + el("p", esc(meta), {"class": "meta"}),
    )
    body += el(
        "main",
        el("p", formats)
        + el("section", el("h2", "Briefing") + (el("ol", briefing) if briefing else el("p", "No briefing.")))
        + el("section", el("h2", "Sources") + el("table", el("tbody", sources)))
        + el(
            "section", el("h2", "Conflicts") + (el("ul", conflicts) if conflicts else el("p", "None found."))
        ),
    )
    return shell(f"{report.story.title or 'Untitled story'} · storyline", body)


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """``START-END`` within the text, or ``None`` when absent or malformed (a bad span marks nothing)."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    first, last = int(start), int(end)
    return (first, last) if 0 <= first < last <= length else None


def article_page(article: Article, reading: Reading | None, span: tuple[int, int] | None) -> str:
    """An article's clean text with its reading highlighted and the cited span marked."""
    marks: list[Mark] = marks_of(reading) if reading is not None else []
    if span is not None:
        marks.append(Mark(span[0], span[1], "cited"))
    facts = [
        ("Outlet", esc(article.outlet or "—")),
        ("Byline", esc(article.byline or "—")),
        ("Published", esc(article.published or "—")),
        ("Address", link(article.url or "", article.url) if article.url else "—"),
        (
            "Copy of",
            el("a", esc(article.copy_of), {"href": article_href(article.copy_of)})
            if article.copy_of
            else "—",
        ),
    ]
    meta = el("dl", "".join(el("dt", k) + el("dd", v) for k, v in facts))
    legend = el(
        "p",
        " ".join(
            el("span", name, {"class": css})
            for css, name in (
                ("quote", "quote"),
                ("attr", "attribution"),
                ("num", "number"),
                ("loaded", "loaded term"),
                ("cited", "cited span"),
            )
        ),
        {"class": "legend"},
    )
    text = el("div", render_marked(article.text, marks), {"class": "article-text"})
    body = el("header", el("h1", esc(article.title or "(untitled)"))) + el("main", meta + legend + text)
    return shell(f"{article.title or 'Article'} · storyline", body)


def _copy_link(copy_of: str | None) -> str:
    return el("a", esc(copy_of), {"href": article_href(copy_of)}) if copy_of else "—"


def ingest_page(read_only: bool, outcome: dict[str, Any] | None = None, error: str | None = None) -> str:
    """The ingest form (URL or file), and the per-input outcome of the last submission."""
    parts = [el("header", el("h1", "Ingest"))]
    if read_only:
        parts.append(el("p", "This server is read-only: ingest is disabled.", {"class": "error"}))
    else:
        fields = (
            '<p><label>URL <input name="url" type="url" size="60"></label></p>'
            '<p><label>or file <input name="file" type="file"></label></p>'
            '<p><button type="submit">Ingest</button></p>'
        )
        parts.append(
            el("form", fields, {"method": "post", "action": "/ingest", "enctype": "multipart/form-data"})
        )
    if error:
        parts.append(el("p", esc(error), {"class": "error"}))
    if outcome:
        rows = "".join(
            el(
                "tr",
                el("td", esc(row["input"]))
                + el("td", esc(row["status"]), {"class": row["status"]})
                + el("td", esc(row["reason"] or ""))
                + el("td", " ".join(el("a", esc(a), {"href": article_href(a)}) for a in row["articles"])),
            )
            for row in outcome["inputs"]
        )
        parts.append(el("table", el("tbody", rows)))
    return shell("Ingest · storyline", "\n".join(parts))


def error_page(status: int, message: str) -> str:
    """A plain error page for the UI routes."""
    return shell(f"{status} · storyline", el("main", el("h1", str(status)) + el("p", esc(message))))
