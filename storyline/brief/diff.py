"""Word diffs of quotations, as the compare stage writes them: ``[-deleted-]`` and ``{+inserted+}``.

Parsed once here into segments so that Markdown and HTML mark the same words the same way.
"""

from __future__ import annotations

import re

_MARK_RE = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.DOTALL)


def diff_segments(diff: str) -> list[tuple[str, str]]:
    """``(kind, words)`` pairs in order; kind is "same", "del" or "ins". Unmarked text is "same"."""
    segments: list[tuple[str, str]] = []
    position = 0
    for match in _MARK_RE.finditer(diff):
        if match.start() > position:
            segments.append(("same", diff[position : match.start()]))
        if match.group(1) is not None:
            segments.append(("del", match.group(1)))
        else:
            segments.append(("ins", match.group(2)))
        position = match.end()
    if position < len(diff):
        segments.append(("same", diff[position:]))
    return segments
