"""Markdown rendering: the sample story against its golden file, and hostile metadata kept inert.

The golden file is rewritten only on purpose: ``STORYLINE_UPDATE_GOLDEN=1 pytest tests/brief``,
then read the diff before keeping it.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from storyline.brief import brief, to_markdown, verify_report
from storyline.brief.markdown import md
from storyline.model import Report, StoryInfo

GOLDEN = Path(__file__).parent / "golden" / "ferry_story.md"


def test_markdown_matches_golden_file(bare_report: Report, texts: dict[str, str]) -> None:
    report = brief(bare_report, texts)
    assert verify_report(report, texts) == []
    rendered = to_markdown(report, texts)
    if os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")


def test_markdown_is_deterministic(bare_report: Report, texts: dict[str, str]) -> None:
    report = brief(bare_report, texts)
    assert to_markdown(report, texts) == to_markdown(report, texts)


def test_active_characters_are_escaped() -> None:
    assert md("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert (
        md("a | b\n# heading *bold* `code` ~~x~~") == "a \\| b # heading \\*bold\\* \\`code\\` \\~\\~x\\~\\~"
    )


def test_hostile_metadata_cannot_inject_markup_or_links(bare_report: Report, texts: dict[str, str]) -> None:
    hostile = dataclasses.replace(
        bare_report.sources[0],
        title="<script>alert(1)</script>\n# Fake heading",
        byline="[me](javascript:alert(2))",
        url="javascript:alert(3)",
        outlet="Evil | Outlet",
    )
    story = dataclasses.replace(bare_report.story, title="<img src=x onerror=alert(4)>")
    report = brief(
        dataclasses.replace(bare_report, story=story, sources=(hostile, *bare_report.sources[1:])), texts
    )
    assert verify_report(report, texts) == []
    rendered = to_markdown(report, texts)
    assert re.search(r"(?<!\\)<", rendered) is None  # no raw HTML can open anywhere
    assert re.search(r"(?<!\\)\]\(javascript:", rendered) is None
    assert "javascript:alert(3)" not in rendered  # a non-http(s) address is never written
    assert "\n# Fake heading" not in rendered
    assert "| S1 | Evil \\| Outlet | \\<script\\>alert(1)\\</script\\> # Fake heading |" in rendered
    assert rendered.startswith("# \\<img src=x onerror=alert(4)\\>\n")


def test_empty_report_renders() -> None:
    rendered = to_markdown(Report(StoryInfo("s", "Nothing yet")), {})
    assert rendered.startswith("# Nothing yet\n")
    assert "No briefing: the report has no cited sentences." in rendered
