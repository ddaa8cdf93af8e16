"""Brief stage: the neutral, fully cited briefing of a compared story, and its renderings.

``compose_briefing`` writes the briefing from a report's records; ``verify_report`` checks what a
report promises (citations exist, quotations are verbatim, the briefing's own voice is neutral);
``to_markdown``, ``to_html``, ``to_json`` and ``render_index`` render it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from storyline.brief.compose import compose_briefing
from storyline.brief.html import to_html
from storyline.brief.index import render_index
from storyline.brief.jsonfmt import report_document, to_json
from storyline.brief.markdown import to_markdown
from storyline.brief.verify import verify_report
from storyline.model import Report

__all__ = [
    "brief",
    "compose_briefing",
    "render_index",
    "report_document",
    "to_html",
    "to_json",
    "to_markdown",
    "verify_report",
]


def brief(report: Report, texts: Mapping[str, str]) -> Report:
    """``report`` with its briefing composed from its records (any briefing it had is replaced)."""
    return dataclasses.replace(report, briefing=compose_briefing(report, texts))
