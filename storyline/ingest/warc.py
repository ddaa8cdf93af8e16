"""WARC and WARC.gz web archives: every HTML response record becomes an article.

Archives from crawls are large and sometimes cut short; records read before a truncation are
kept and the truncation itself is reported as a rejection naming how far reading got.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest.decode import decode_bytes
from storyline.ingest.errors import IngestError
from storyline.model import Document, ParseOutcome, Rejection

HtmlExtractor = Callable[[str, str, str | None], Document]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _record_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


def complete_part(data: bytes) -> tuple[bytes, bool]:
    """The archive's bytes up to its last complete record, and whether anything was cut off.

    warcio reads a cut gzip member without complaint and hands back a partial record, so the
    check is made on the bytes: whole gzip members (one record each, as WARC.gz writes them),
    or for an uncompressed archive, whether it ends where a record ends.
    """
    if not data.startswith(b"\x1f\x8b"):
        return data, not data.rstrip(b"\x00").endswith(b"\r\n\r\n")
    complete = 0
    while complete < len(data):
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            member.decompress(data[complete:])
        except zlib.error:
            return data[:complete], True
        if not member.eof:
            return data[:complete], True
        complete = len(data) - len(member.unused_data)
    return data, False


def parse_warc(
    stream: BinaryIO, origin: str, extract_html: HtmlExtractor, truncated: bool = False
) -> ParseOutcome:
    """Extract every successful HTML response of the archive read from ``stream``.

    ``truncated`` says the archive was cut short after what ``stream`` holds (see
    :func:`complete_part`): what was read is kept and the truncation is reported. An
    uncompressed archive's last record may then be partial, so it is not extracted.
    """
    documents: list[Document] = []
    rejected: list[Rejection] = []
    records = 0
    last: tuple[int, int] = (0, 0)
    compressed = stream.read(2) == b"\x1f\x8b"
    stream.seek(0)
    try:
        for record in ArchiveIterator(stream):
            records += 1
            last = (len(documents), len(rejected))
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode()
            if not content_type.lower().startswith(_HTML_TYPES) or status != "200":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            name = f"{origin}#{uri}"
            try:
                html = decode_bytes(record.content_stream().read(), _record_charset(content_type))
                documents.append(extract_html(html, name, uri))
            except IngestError as error:
                rejected.append(Rejection(name, str(error)))
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as error:
        rejected.append(
            Rejection(origin, f"archive is truncated or corrupt after {records} records ({error})")
        )
    else:
        if truncated:
            if not compressed and records:
                del documents[last[0] :], rejected[last[1] :]
            noun = "record" if records == 1 else "records"
            rejected.append(Rejection(origin, f"archive is truncated: kept its {records} complete {noun}"))
    if records == 0 and not rejected:
        rejected.append(Rejection(origin, "the archive holds no records"))
    return ParseOutcome(documents=tuple(documents), rejected=tuple(rejected))
