"""Small real inputs shared by the ingest tests: article pages, feeds and WARC archives."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def article_html(title: str, body: str, outlet: str = "The Lantern Post") -> str:
    """A small but realistic article page with navigation and footer boilerplate."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | {outlet}</title>"
        f'<meta property="og:site_name" content="{outlet}">'
        f'<meta property="og:title" content="{title}">'
        '<meta property="article:published_time" content="2031-05-02T09:30:00Z">'
        '</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>'
        f"<main><article><h1>{title}</h1>{paragraphs}</article></main>"
        "<footer><p>Copyright 2019 The Lantern Post. All rights reserved.</p></footer></body></html>"
    )


BODY_A = (
    "The Brellport tram line reopened on Friday after three weeks of repairs to the overhead wires, "
    "the city transport office said in a statement issued early in the morning.\n\n"
    "Commuters crowded the first trams of the day, and several said the closure had doubled the time "
    "of their journey to the harbour district where most of the city's offices stand."
)
BODY_B = (
    "A storm flooded the lower streets of Osk on Saturday night, forcing two hundred residents to leave "
    "their homes for the school gymnasium on the hill above the old market.\n\n"
    "The mayor of Osk said the water had begun to recede by Sunday afternoon and that the pumps "
    "brought from the capital would run until the cellars of the old town were dry."
)

BODY_C = (
    "The harbour authority of Brellport raised mooring fees for fishing boats by a fifth this spring, "
    "and the fishermen's union called the increase a burden on families already hit by poor catches.\n\n"
    "The authority said the money would pay for dredging the western basin, which has silted up so badly "
    "that larger trawlers can only enter it at high tide."
)


def build_warc(pages: list[tuple[str, str]]) -> bytes:
    """A gzipped WARC with one HTML response record per ``(url, html)`` pair."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        payload = html.encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        writer.write_record(record)
    return buffer.getvalue()


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed with ``(title, link, html_body)`` items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>Fri, 02 May 2031 09:30:00 GMT</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        for title, link, body in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Brellport Courier</title><link>https://courier.example/</link><language>en</language>{entries}"
        "</channel></rss>"
    )


@dataclass
class Route:
    """What the test server answers for one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay_s: float = 0.0


@dataclass
class LocalServer:
    """A real HTTP server on 127.0.0.1 whose routes a test sets."""

    base: str
    routes: dict[str, Route]

    def url(self, path: str) -> str:
        return self.base + path
