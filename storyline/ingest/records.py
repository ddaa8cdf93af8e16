"""JSON and JSON Lines articles: one article per object.

Exports from scrapers, newsroom systems and data sets name their fields differently, so a
few common aliases are accepted for each field. A bad record is rejected with its line
number and the rest of the file is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from storyline.ingest.errors import EmptyPageError, IngestError, MalformedInputError
from storyline.ingest.text import split_paragraphs
from storyline.model import Document, ParseOutcome, Rejection

HtmlExtractor = Callable[[str, str, str | None], Document]
"""``(html, origin, url) -> Document``: how a record that carries HTML is read."""

_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "articleBody", "article_body", "maintext"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "date_publish", "datePublished", "published_at", "pubDate"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "source_domain"),
    "byline": ("byline", "author", "authors"),
    "language": ("language", "lang"),
}


def _field(record: Mapping[str, Any], name: str) -> str | None:
    for key in _FIELDS[name]:
        value = record.get(key)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ", ".join(value)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def is_article_record(value: object) -> bool:
    """True for a JSON object that carries article text or HTML."""
    return isinstance(value, dict) and (
        _field(value, "text") is not None or _field(value, "html") is not None
    )


def record_to_document(record: object, origin: str, extract_html: HtmlExtractor) -> Document:
    """Turn one JSON value into a :class:`Document`, or say why it is not an article."""
    if not isinstance(record, dict):
        raise MalformedInputError(f"expected a JSON object, found {type(record).__name__}")
    url = _field(record, "url")
    text = _field(record, "text")
    html = _field(record, "html")
    if text is not None:
        paragraphs = split_paragraphs(text)
        if not paragraphs:
            raise EmptyPageError("the record's text is empty")
        base = Document(text="\n\n".join(paragraphs), origin=origin)
    elif html is not None:
        base = extract_html(html, origin, url)
    else:
        raise EmptyPageError("the record has no text (expected one of: " + ", ".join(_FIELDS["text"]) + ")")
    return Document(
        text=base.text,
        origin=origin,
        title=_field(record, "title") or base.title,
        byline=_field(record, "byline") or base.byline,
        outlet=_field(record, "outlet") or base.outlet,
        url=url or base.url,
        published=_field(record, "published") or base.published,
        language=_field(record, "language") or base.language,
    )


def _parse_lines(text: str, origin: str) -> Iterator[tuple[int, object | IngestError]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, MalformedInputError(f"not valid JSON ({error.msg} at column {error.colno})")


def parse_json(text: str, origin: str, extract_html: HtmlExtractor) -> ParseOutcome:
    """Read a JSON document (an object or a list of objects) or JSON Lines.

    Records are named ``origin:LINE`` for JSON Lines and ``origin#INDEX`` for a JSON list, so a
    rejection says exactly which record was bad.
    """
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        items: list[tuple[str, object | IngestError]] = [
            (f"{origin}:{number}", value) for number, value in _parse_lines(text, origin)
        ]
    else:
        if isinstance(whole, list):
            items = [(f"{origin}#{index}", value) for index, value in enumerate(whole, start=1)]
        else:
            items = [(origin, whole)]
    documents: list[Document] = []
    rejected: list[Rejection] = []
    for name, value in items:
        try:
            if isinstance(value, IngestError):
                raise value
            documents.append(record_to_document(value, name, extract_html))
        except IngestError as error:
            rejected.append(Rejection(name, str(error)))
    if not items:
        rejected.append(Rejection(origin, "the file holds no JSON records"))
    return ParseOutcome(documents=tuple(documents), rejected=tuple(rejected))
