"""Quoting rules shared by the composer and the checker, so both read a briefing the same way.

The briefing marks the sources' own words with curly double quotes (“…”) and nothing else does:

* :func:`quote` wraps an excerpt and turns any double quotation marks *inside* it into single ones
  (the usual typographic nesting), so a briefing quotation never contains “ or ” and
  :func:`quoted_strings` can find every quotation with one simple pattern.
* :func:`plain` does the same to metadata and labels written in the briefing's own voice (an
  outlet named ``Daily “Truth”``), so they can never open a fake quotation.
* :func:`found_verbatim` decides whether a quotation is the source's words: verbatim up to runs of
  whitespace and the style of quotation marks and apostrophes, with "…" standing for words left
  out (each piece must appear, in order, in one cited span). Nothing else is forgiven.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from storyline.model import LoadedTerm
from storyline.read.lexicon import find_loaded_terms

OPEN, CLOSE, ELLIPSIS = "“", "”", "…"
_QUOTED_RE = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
_OPENING = ("“", '"')
_CLOSING = ("”", '"')
_NEST = str.maketrans({"“": "‘", "”": "’", '"': "'"})
_MARKS = str.maketrans({"“": "'", "”": "'", '"': "'", "‘": "'", "’": "'", "`": "'"})
EXCERPT_LIMIT = 240
"""Characters of a source's words the briefing quotes at most: about two lines, one clause or two;
longer support spans are cut at a word boundary and marked with an ellipsis."""
_CACHED = 4096
"""Entries kept per cache of the pure string helpers below: a report asks for the same span's
excerpt and the same label's plain form again in every table cell, sentence and rendering; the
largest of 80 stories of the 3k scale corpus needed 2,306 distinct excerpts."""


def squash(text: str) -> str:
    """Whitespace runs as one space, ends trimmed: metadata and excerpts are shown on one line.

    ``str.split()`` splits on exactly the characters ``\\s`` matches in a ``str`` pattern (both
    use ``str.isspace``), so this equals ``re.sub(r"\\s+", " ", text).strip()``, about 4 times faster.
    """
    return " ".join(text.split())


@lru_cache(maxsize=_CACHED)
def plain(value: str) -> str:
    """A label safe to write in the briefing's own voice: one line, no double quotation marks."""
    return squash(value).translate(_NEST)


@lru_cache(maxsize=_CACHED)
def excerpt(span_text: str, limit: int = EXCERPT_LIMIT) -> str:
    """The words of a span to quote: one line, without enclosing quote marks, at most ``limit`` long.

    Empty when the span holds no letter or digit (only marks or an ellipsis): nothing worth quoting.
    Cached: 80 stories of the 3k scale corpus made 126k calls for 39k distinct excerpts, which
    took 1.3 s of 11.7 s under the profiler uncached and 0.3 s cached.
    """
    words = _unwrap(squash(span_text)).rstrip(" ,;:")
    if not any(char.isalnum() for char in words):
        return ""
    if len(words) <= limit:
        return words
    cut = words.rfind(" ", 0, limit)
    return words[: cut if cut > 0 else limit].rstrip(" ,;:") + " " + ELLIPSIS


def _unwrap(words: str) -> str:
    """Drop quotation marks that belong to no pair inside the span: an enclosing pair (the span is
    one quotation), or a lone mark at an edge (the span starts or ends at a quotation's edge).
    Marks of a quotation inside the span stay, so it still reads as a quotation.

    Every rule needs a mark at an edge, so a span with none there (most) is returned before its
    marks are counted.
    """
    while True:
        if words[:1] not in _OPENING and words[-1:] not in _CLOSING:
            return words
        opened = words.count("“") + (1 if words.count('"') % 2 and words.startswith('"') else 0)
        closed = words.count("”") + (1 if words.count('"') % 2 and words.endswith('"') else 0)
        if words[:1] in ("“", '"') and words[-1:] in ("”", '"') and len(words) > 1 and _pair(words[1:-1]):
            words = words[1:-1].strip()
        elif words[:1] in ("“", '"') and opened > closed:
            words = words[1:].strip()
        elif words[-1:] in ("”", '"') and closed > opened:
            words = words[:-1].strip()
        else:
            return words


def _pair(inner: str) -> bool:
    """True when the marks around ``inner`` are one pair: its curly marks nest properly and it has no
    straight double quote (straight marks cannot tell opening from closing)."""
    depth = 0
    for char in inner:
        depth += (char == "“") - (char == "”")
        if depth < 0:
            return False
    return depth == 0 and '"' not in inner


def quote(words: str) -> str:
    """``words`` as a briefing quotation: curly double quotes outside, single ones inside."""
    return OPEN + words.translate(_NEST) + CLOSE


def finish(sentence: str) -> str:
    """The sentence with one full stop: none added after a quotation or text that already ends one."""
    body = sentence.rstrip()
    last = body[-2:-1] if body.endswith(CLOSE) else body[-1:]
    return body if last in (".", "!", "?", ELLIPSIS) else body + "."


def quoted_strings(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, inner words)`` of each quotation in a briefing sentence; the range includes marks."""
    return [(m.start(), m.end(), m.group(1)) for m in _QUOTED_RE.finditer(sentence)]


@lru_cache(maxsize=_CACHED)
def comparable(text: str) -> str:
    """The form in which a quotation and its source are compared: whitespace and quote styles folded."""
    return squash(text.translate(_MARKS))


def found_verbatim(quoted: str, span_text: str) -> bool:
    """True when the pieces of ``quoted`` between ellipses all occur, in order, in ``span_text``."""
    pieces = [comparable(piece) for piece in quoted.split(ELLIPSIS)]
    pieces = [piece for piece in pieces if piece]
    source = comparable(span_text)
    position = 0
    for piece in pieces:
        found = source.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return bool(pieces)


def _name_ranges(sentence: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where proper names (outlets, speakers, entities) stand: a name is not the briefing's judgement.

    Each name's occurrences left to right, not overlapping: what ``re.finditer(re.escape(name))``
    finds, found with ``str.find`` at a fifth of the cost.
    """
    ranges: list[tuple[int, int]] = []
    for name in {plain(name) for name in names if name and name.strip()}:
        start = sentence.find(name)
        while start >= 0:
            ranges.append((start, start + len(name)))
            start = sentence.find(name, start + len(name))
    return ranges


def own_voice_loaded(sentence: str, names: Iterable[str] = ()) -> list[LoadedTerm]:
    """Loaded terms of ``sentence`` outside its quotations and outside the given proper names.

    Names are looked for only when a term stands outside the quotations, which most sentences
    have none of (a term in a name is then left out as it would be in the quoted voice).
    """
    quoted = [(start, end) for start, end, _ in quoted_strings(sentence)]
    terms = [term for term in find_loaded_terms(sentence, "briefing", quoted) if term.voice == "outlet"]
    if not terms:
        return []
    named = _name_ranges(sentence, names)
    return [term for term in terms if not any(s < term.span.end and term.span.start < e for s, e in named)]
