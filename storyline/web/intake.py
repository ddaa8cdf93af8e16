"""Ingest over HTTP: URLs or uploaded files in, one outcome per input out.

The web is a hostile client, so it gets less than the command line: only http(s) URLs (never a
server path), the same private-address guard (``allow_private`` is never set here), and uploads
capped in size and written to a private temp folder under a sanitised name that keeps only the
suffix, so the sniffing parsers see what kind of file it is and nothing else of the client's choosing.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.ingest import IngestOptions
from storyline.ingest.fetch import FetchOptions
from storyline.model import IngestResult
from storyline.web.site import Site, WebError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""Largest request body accepted by the ingest endpoints; a news page is rarely over 2 MB."""
FORM_OVERHEAD_BYTES = 64 * 1024
"""Room for multipart framing and form fields on top of the file cap, so a file at the cap fits."""
MAX_URLS = 50
"""URLs per request: each may cost a fetch of up to the cap, so a request stays bounded."""
FETCH_TIMEOUT_S = 15.0

_SUFFIX = re.compile(r"\.(txt|text|md|html?|xhtml|json|jsonl|ndjson|xml|rss|atom|warc|warc\.gz|gz)$", re.I)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the client gave (only for the report) and its bytes."""

    filename: str
    content: bytes


def web_options(max_bytes: int) -> IngestOptions:
    """Ingest options for web requests: private addresses refused, sizes capped."""
    fetch = FetchOptions(timeout_s=FETCH_TIMEOUT_S, max_bytes=max_bytes, allow_private=False)
    return IngestOptions(max_bytes=max_bytes, fetch=fetch)


def check_urls(value: Any) -> list[str]:
    """The ``urls`` of a JSON body, each an http(s) URL; 422 otherwise."""
    if not isinstance(value, list) or not value or not all(isinstance(u, str) for u in value):
        raise WebError(422, 'expected {"urls": ["https://...", ...]} with at least one URL')
    if len(value) > MAX_URLS:
        raise WebError(422, f"at most {MAX_URLS} URLs per request")
    bad = [u for u in value if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise WebError(422, f"only http(s) URLs can be ingested over the web: {bad[0]!r}")
    return [u.strip() for u in value]


def _outcomes(names: dict[str, str], result: IngestResult) -> list[dict[str, Any]]:
    """One entry per input: added / copy / unchanged / rejected, with the reason when rejected."""

    def belongs(origin: str, name: str) -> bool:
        return origin == name or origin.startswith(name + "#")

    rows = []
    for name, shown in names.items():
        added = [a.id for a in result.added if belongs(a.origin, name)]
        copies = [a.id for a in result.copies if belongs(a.origin, name)]
        reasons = [r.reason for r in result.rejected if belongs(r.input, name)]
        status = ("added" if added else "copy") if added or copies else "rejected" if reasons else "unchanged"
        rows.append(
            {
                "input": shown,
                "status": status,
                "articles": added + copies,
                "reason": "; ".join(reasons) or None,
            }
        )
    return rows


def ingest_urls(site: Site, urls: list[str], max_bytes: int) -> dict[str, Any]:
    """Fetch and ingest ``urls``; every URL gets its own outcome."""
    result = site.ingest(urls, web_options(max_bytes))
    return _summary(_outcomes({u: u for u in urls}, result), result)


def ingest_uploads(site: Site, uploads: list[Upload], max_bytes: int) -> dict[str, Any]:
    """Ingest uploaded files through temp copies; outcomes are named by the client's file names."""
    if not uploads:
        raise WebError(422, "no file uploaded")
    if site.read_only:
        raise WebError(403, "this server is read-only: ingest is disabled")
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as folder:
        names: dict[str, str] = {}
        for index, upload in enumerate(uploads):
            if len(upload.content) > max_bytes:
                raise WebError(413, f"{upload.filename!r} is over the {max_bytes} byte limit")
            match = _SUFFIX.search(upload.filename or "")
            suffix = match.group(0).lower() if match else ".txt"
            path = Path(folder) / f"upload-{index}{suffix}"
            path.write_bytes(upload.content)
            names[str(path)] = upload.filename or f"upload-{index}"
        result = site.ingest(list(names), web_options(max_bytes))
        return _summary(_outcomes(names, result), result)


def _summary(rows: list[dict[str, Any]], result: IngestResult) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "added": len(result.added),
        "copies": len(result.copies),
        "unchanged": len(result.unchanged),
        "rejected": len(result.rejected),
        "inputs": rows,
    }
