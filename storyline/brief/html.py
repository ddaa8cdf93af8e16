"""The report as one self-contained HTML page: readable without script, safe with hostile input.

Everything from articles and metadata is escaped; links are written only for http(s) addresses;
a Content-Security-Policy allows no script and no fetch at all, only the page's own stylesheet.
Citation markers link to the cited words, shown in their sentence, highlighted by ``:target``.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.brief import html_sections as parts
from storyline.brief.html_kit import el, esc, page
from storyline.brief.views import citation_numbers, sentence_citations
from storyline.model import Report


def to_html(report: Report, texts: Mapping[str, str]) -> str:
    """The whole report as an HTML document."""
    numbers = citation_numbers(report)
    refs = sentence_citations(report, numbers)  # for the briefing's markers and the evidence's back links
    body = [
        parts.header(report),
        "<main>",
        parts.briefing(report, texts, numbers, refs),
        parts.sources(report),
        parts.matrix(report),
        parts.changes(report, texts),
        parts.quotes(report, texts),
        parts.framing(report, texts),
        parts.timeline_section(report),
        parts.evidence(report, texts, numbers, refs),
        "</main>",
        el(
            "footer",
            esc(f"{report.format} · story {report.story.id} · written by storyline from the sources above"),
        ),
    ]
    return page(f"{report.story.title or 'Untitled story'} · storyline", "\n".join(body))
