"""Plain-text articles: paragraphs, a title line, a byline line and page furniture.

Text pasted or scraped from a news page carries more than the article: a headline, a byline
such as "Ahmed Kamel – Egypt Daily News", and furniture ("Editor", "5 Min Read", a tag line,
"Share This Article"). We keep the headline and byline as metadata, drop the furniture, and
store only the body, because every later span points into that body.
"""

from __future__ import annotations

import re

from storyline.ingest.errors import EmptyPageError
from storyline.model import Document

MAX_TITLE_WORDS = 25
"""Headlines are rarely longer; a longer first line is body text."""

MAX_HEADER_LINE_WORDS = 8
"""Furniture and byline lines above the body are short; a longer line starts the body."""

_DASH_BYLINE = re.compile(
    r"^(?:by\s+)?(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s+[–—-]\s+(?P<outlet>\S.{1,60})$"
)
_BY_BYLINE = re.compile(
    r"^by\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:\s*[,|]\s*(?P<outlet>\S.{1,60}))?$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^(?:editor|staff|admin|advertisement|sponsored|share|share this( article| story)?|"
    r"share on \w+|print|email|tweet|\d+\s*min(?:ute)?s?\s*read|read more|related( articles| stories)?:?|"
    r"tags?:.*|filed under:?.*|listen to (?:this )?article|comments?|\d+\s*comments?|"
    r"follow us.*|subscribe.*|sign up.*|all rights reserved.*|©.*|copyright.*)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")
_WRAPPED_LINE_MIN_CHARS = 50


def split_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, joining hard-wrapped lines inside a block.

    A block (lines between blank lines) is a wrapped paragraph when most of its lines are long
    and do not end a sentence; otherwise each line is its own paragraph, as in text copied
    from a web page where every paragraph is one line.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [_collapse(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _is_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _collapse(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    wrapped = [
        line for line in inner if len(line) >= _WRAPPED_LINE_MIN_CHARS and not _SENTENCE_END.search(line)
    ]
    return len(wrapped) * 2 > len(inner)


def _looks_like_title(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and not paragraph.endswith((".", ",", ";", ":"))


def _is_body(paragraph: str) -> bool:
    return len(paragraph.split()) > MAX_HEADER_LINE_WORDS or bool(_SENTENCE_END.search(paragraph))


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """Read "Name – Outlet", "By Name" or "By Name, Outlet"; ``None`` if it is no byline."""
    match = _DASH_BYLINE.match(line) or _BY_BYLINE.match(line)
    if match is None:
        return None
    outlet = match.group("outlet")
    return match.group("name").strip(), outlet.strip() if outlet else None


def _strip_trailing_furniture(paragraphs: list[str]) -> list[str]:
    end = len(paragraphs)
    while end > 0 and _FURNITURE.match(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def parse_text(text: str, origin: str) -> Document:
    """Parse a plain-text article into a :class:`Document`.

    The first paragraph is the title when it reads like a headline and more follows. Short
    lines between the title and the first body paragraph are a byline or furniture: the
    byline is kept as metadata and the rest is dropped. Furniture at the end is dropped too.
    """
    paragraphs = _strip_trailing_furniture(split_paragraphs(text))
    if not paragraphs:
        raise EmptyPageError("the text holds no paragraphs")
    title: str | None = None
    if len(paragraphs) > 1 and _looks_like_title(paragraphs[0]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    byline: str | None = None
    outlet: str | None = None
    while paragraphs and not _is_body(paragraphs[0]):
        header = paragraphs.pop(0)
        parsed = None if _FURNITURE.match(header) else parse_byline(header)
        if parsed is not None and byline is None:
            byline, outlet = parsed
    if not paragraphs:
        raise EmptyPageError("the text has a header but no article body")
    return Document(text="\n\n".join(paragraphs), origin=origin, title=title, byline=byline, outlet=outlet)
