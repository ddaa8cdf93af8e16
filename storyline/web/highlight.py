"""Article text with its reading drawn on it: overlapping spans become flat, escaped segments.

Spans overlap freely (a number inside a quote inside an attribution), and nested ``<span>`` tags
built from overlapping ranges would not be well formed, so the text is cut at every span edge and
each piece carries the classes of all spans covering it. The first piece of the cited span gets
``id="cited"`` so a ``#cited`` fragment scrolls to it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from storyline.brief.html_kit import el, esc
from storyline.model import Reading

CLASSES = ("quote", "attr", "num", "loaded", "cited")


@dataclass(frozen=True)
class Mark:
    """Characters ``[start, end)`` of the text to draw with ``css``."""

    start: int
    end: int
    css: str


def marks_of(reading: Reading) -> list[Mark]:
    """Quotes, attribution sources and cues, numbers and loaded terms of a reading."""
    marks = [Mark(q.span.start, q.span.end, "quote") for q in reading.quotes]
    for a in reading.attributions:
        marks.append(Mark(a.cue_span.start, a.cue_span.end, "attr"))
        if a.source_span is not None:
            marks.append(Mark(a.source_span.start, a.source_span.end, "attr"))
    marks.extend(Mark(n.span.start, n.span.end, "num") for n in reading.quantities)
    marks.extend(Mark(t.span.start, t.span.end, "loaded") for t in reading.loaded_terms)
    return marks


def render_marked(text: str, marks: list[Mark]) -> str:
    """``text`` escaped, each piece wrapped in the classes covering it (CSS ``pre-wrap`` keeps lines)."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text) and m.css in CLASSES]
    edges = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    cited_seen = False
    for start, end in itertools.pairwise(edges):
        classes = sorted({m.css for m in valid if m.start <= start and end <= m.end}, key=CLASSES.index)
        piece = esc(text[start:end])
        if not classes:
            out.append(piece)
            continue
        attrs: dict[str, str | None] = {"class": " ".join(classes)}
        if "cited" in classes and not cited_seen:
            attrs["id"] = "cited"
            cited_seen = True
        tag = "mark" if "cited" in classes else "span"
        out.append(el(tag, piece, attrs))
    return "".join(out)
