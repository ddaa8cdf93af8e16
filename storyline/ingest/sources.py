"""Turn the user's INPUT arguments into documents: files, directories, globs, URLs.

Each input is read by the parser its content calls for (sniffed, not only guessed from the
extension): plain text, HTML, JSON / JSON Lines, an RSS or Atom feed, or a WARC archive.
Failures become :class:`Rejection` records naming the input; nothing here aborts a batch.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from storyline.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes
from storyline.ingest.errors import IngestError, MalformedInputError
from storyline.ingest.feed import PageLoader, looks_like_feed, parse_feed
from storyline.ingest.fetch import Fetched, FetchOptions, fetch
from storyline.ingest.html import extract_html
from storyline.ingest.records import is_article_record, parse_json
from storyline.ingest.text import parse_text
from storyline.ingest.warc import complete_part, parse_warc
from storyline.model import Document, ParseOutcome, Rejection

ARTICLE_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".gz",
)
"""Files a directory walk picks up; other files in a directory are not news and are skipped."""

_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
_FEED_SUFFIXES = (".rss", ".atom", ".xml")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class IngestOptions:
    """Limits and permissions for reading inputs."""

    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: FetchOptions = field(default_factory=FetchOptions)
    follow_feed_links: bool = True


@dataclass(frozen=True)
class Input:
    """One input to read: a file path or URL, and whether a directory walk found it."""

    name: str
    from_directory: bool = False


def is_url(name: str) -> bool:
    """True for an http(s) URL argument."""
    return name.lower().startswith(("http://", "https://"))


def expand_inputs(names: list[str]) -> tuple[list[Input], list[Rejection]]:
    """Expand directories (recursively) and globs into single inputs, in a stable order."""
    inputs: list[Input] = []
    rejected: list[Rejection] = []
    for name in names:
        if is_url(name):
            inputs.append(Input(name))
        elif os.path.isdir(name):
            inputs.extend(Input(path, from_directory=True) for path in _walk(Path(name)))
        elif os.path.exists(name):
            inputs.append(Input(name))
        elif any(char in name for char in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                rejected.append(Rejection(name, "the pattern matches no file"))
            inputs.extend(Input(path) for path in matches if os.path.isfile(path))
        else:
            rejected.append(Rejection(name, "no such file, directory or URL"))
    return inputs, rejected


def _walk(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        wanted = path.name.lower().endswith(ARTICLE_SUFFIXES) and not path.name.upper().startswith("README")
        if wanted and path.is_file():
            found.append(str(path))
    return found


def read_input(item: Input, options: IngestOptions) -> ParseOutcome:
    """Read one input into documents; any failure becomes a rejection naming the input."""
    try:
        if is_url(item.name):
            return _read_url(item.name, options)
        return _read_file(item, options)
    except IngestError as error:
        return ParseOutcome(rejected=(Rejection(item.name, str(error)),))
    except OSError as error:
        return ParseOutcome(rejected=(Rejection(item.name, f"cannot read: {error.strerror}"),))


def _read_file(item: Input, options: IngestOptions) -> ParseOutcome:
    check_size(os.path.getsize(item.name), options.max_bytes)
    data = Path(item.name).read_bytes()
    return _parse_bytes(data, item.name, item.name.lower(), None, options, item.from_directory)


def _read_url(url: str, options: IngestOptions) -> ParseOutcome:
    fetched = fetch(url, options.fetch)
    return _parse_fetched(fetched, url, options)


def _parse_fetched(fetched: Fetched, origin: str, options: IngestOptions) -> ParseOutcome:
    hint = {
        "application/json": ".json",
        "application/x-ndjson": ".jsonl",
        "text/plain": ".txt",
        "application/rss+xml": ".rss",
        "application/atom+xml": ".atom",
    }.get(fetched.content_type, "")
    return _parse_bytes(fetched.content, origin, hint, fetched.url, options, False, fetched.charset)


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise MalformedInputError(f"broken gzip data ({error})") from error
    check_size(len(out), max_bytes)
    return out


def _is_gzipped_warc(data: bytes) -> bool:
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _parse_bytes(
    data: bytes,
    origin: str,
    hint: str,
    url: str | None,
    options: IngestOptions,
    from_directory: bool,
    charset: str | None = None,
) -> ParseOutcome:
    if data.startswith(b"WARC/") or (data.startswith(b"\x1f\x8b") and _is_gzipped_warc(data)):
        complete, truncated = complete_part(data)
        return parse_warc(io.BytesIO(complete), origin, extract_html, truncated)
    if data.startswith(b"\x1f\x8b"):
        return _parse_bytes(
            _gunzip(data, options.max_bytes),
            origin,
            hint.removesuffix(".gz"),
            url,
            options,
            from_directory,
            charset,
        )
    if hint.endswith(_FEED_SUFFIXES) or looks_like_feed(data):
        loader = _page_loader(options) if options.follow_feed_links else None
        return parse_feed(data, origin, loader)
    text = decode_bytes(data, charset)
    if hint.endswith(_JSON_SUFFIXES):
        if from_directory and not _holds_articles(text):
            return ParseOutcome()
        return parse_json(text, origin, extract_html)
    if hint.endswith(_HTML_SUFFIXES) or _looks_like_html(text):
        return ParseOutcome(documents=(extract_html(text, origin, url),))
    document = parse_text(text, origin)
    return ParseOutcome(documents=(_with_url(document, url),))


def _with_url(document: Document, url: str | None) -> Document:
    if url is None or document.url:
        return document
    return replace(document, url=url)


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in text[:4096].lower()


def _holds_articles(text: str) -> bool:
    """Whether a JSON file met in a directory walk is article data (and not, say, an index)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return True  # JSON Lines, or broken: let the parser say which
    if isinstance(value, list):
        return any(is_article_record(item) for item in value)
    return is_article_record(value)


def _page_loader(options: IngestOptions) -> PageLoader:
    def load(url: str, origin: str) -> Document:
        fetched = fetch(url, options.fetch)
        html = decode_bytes(fetched.content, fetched.charset)
        return extract_html(html, f"{origin} -> {fetched.url}", fetched.url)

    return load
