"""RSS and Atom feeds: each entry becomes an article, from its own text or its linked page.

Feeds often carry only a teaser; when an entry's text is shorter than a short article and it
links to a page, the page is fetched (through the same guarded fetcher as any URL) and its
extracted text is used instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import feedparser
import lxml.html

from storyline.ingest.errors import EmptyPageError, IngestError, MalformedInputError
from storyline.ingest.text import split_paragraphs
from storyline.model import Document, ParseOutcome, Rejection

TEASER_MAX_WORDS = 80
"""An entry with fewer words than this is a teaser: prefer its linked page when there is one."""

PageLoader = Callable[[str, str], Document]
"""``(url, origin) -> Document``: fetches and extracts a linked page."""

_BLOCK_TAGS = ("p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr")


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes open like an RSS, Atom or RDF feed."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def fragment_text(html: str) -> str:
    """The paragraphs of an HTML fragment (an entry's content), one per block element."""
    if "<" not in html:
        return "\n\n".join(split_paragraphs(html))
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
        if element.text:
            element.text = "\n\n" + element.text
    return "\n\n".join(split_paragraphs(root.text_content()))


def _entry_content(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    best = max((str(c.get("value", "")) for c in contents), key=len, default="")
    summary = str(entry.get("summary", ""))
    return fragment_text(best if len(best) >= len(summary) else summary)


def _published(entry: feedparser.FeedParserDict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)


def _entry_document(
    entry: feedparser.FeedParserDict, origin: str, outlet: str | None, load_page: PageLoader | None
) -> Document:
    text = _entry_content(entry)
    link = entry.get("link")
    if load_page is not None and link and len(text.split()) < TEASER_MAX_WORDS:
        try:
            text = load_page(str(link), origin).text
        except IngestError as error:
            raise type(error)(f"the entry is a teaser and its page {link} failed: {error}") from error
    if not text.strip():
        raise EmptyPageError("the entry has no text and no page to fetch")
    return Document(
        text=text,
        origin=origin,
        title=entry.get("title") or None,
        byline=entry.get("author") or None,
        outlet=outlet,
        url=str(link) if link else None,
        published=_published(entry),
        language=None,
    )


def parse_feed(data: bytes, origin: str, load_page: PageLoader | None) -> ParseOutcome:
    """Read every entry of a feed; a broken entry is rejected, the others are kept."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") or "no entries"
        raise MalformedInputError(f"not a readable RSS or Atom feed ({reason})")
    outlet = parsed.feed.get("title") or None
    language = parsed.feed.get("language") or None
    documents: list[Document] = []
    rejected: list[Rejection] = []
    for index, entry in enumerate(parsed.entries, start=1):
        name = f"{origin}#{entry.get('id') or entry.get('link') or index}"
        try:
            document = _entry_document(entry, name, outlet, load_page)
        except IngestError as error:
            rejected.append(Rejection(name, str(error)))
            continue
        if language and document.language is None:
            document = replace(document, language=str(language)[:2].lower())
        documents.append(document)
    if parsed.bozo and not documents:
        raise MalformedInputError(f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    return ParseOutcome(documents=tuple(documents), rejected=tuple(rejected))
