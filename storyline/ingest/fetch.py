"""Fetch http(s) URLs safely: timeouts, a size cap, capped redirects, checked content types.

A URL handed to a server-side tool is an invitation to reach inside the network it runs in,
so every hop of a redirect chain is resolved and refused when it points at a private,
loopback, link-local or otherwise non-public address, unless private fetches are allowed
explicitly (tests serve pages on 127.0.0.1 that way).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from storyline.ingest.decode import check_size
from storyline.ingest.errors import FetchError, PrivateAddressError

ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/json",
    "application/x-ndjson",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/warc",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
)


@dataclass(frozen=True)
class FetchOptions:
    """How careful a fetch is; the defaults suit fetching public news pages."""

    timeout_s: float = 20.0
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "storyline/0.1 (+https://github.com/storyline)"


@dataclass(frozen=True)
class Fetched:
    """A fetched body with the URL it finally came from and its declared type.

    ``status`` is 304 (with an empty body) only when the caller sent conditional headers and
    the server says nothing changed; ``etag`` and ``last_modified`` are kept so the next
    request can be conditional too.
    """

    url: str
    content: bytes
    content_type: str
    charset: str | None
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


def check_public(url: str) -> None:
    """Refuse a URL whose host resolves to any non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'none'}")
    host = parts.hostname
    if not host:
        raise FetchError("the URL has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(f"cannot resolve host {host!r}: {error.strerror}") from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise PrivateAddressError(
                f"{host} resolves to the non-public address {address}; "
                "pass --allow-private to fetch it anyway"
            )


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "application/octet-stream")
    mime = header.split(";")[0].strip().lower()
    charset = response.charset_encoding
    return mime, charset


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit():
        check_size(int(declared), max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        check_size(size, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    options: FetchOptions,
    client: httpx.Client | None = None,
    headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GET ``url`` following at most ``options.max_redirects`` redirects, each hop checked.

    ``headers`` (e.g. ``If-None-Match``) go with every hop; a 304 answer is returned as a
    :class:`Fetched` with ``status`` 304 rather than raised, since it is not a failure.
    """
    own_client = client is None
    http = client or httpx.Client(
        timeout=options.timeout_s,
        follow_redirects=False,
        headers={"User-Agent": options.user_agent},
    )
    try:
        return _fetch_with(http, url, options, dict(headers or {}))
    finally:
        if own_client:
            http.close()


def _fetch_with(http: httpx.Client, url: str, options: FetchOptions, headers: dict[str, str]) -> Fetched:
    current = url
    for _ in range(options.max_redirects + 1):
        if not options.allow_private:
            check_public(current)
        try:
            with http.stream("GET", current, headers=headers) as response:
                if response.status_code == 304 and headers:
                    return Fetched(
                        url=str(response.url),
                        content=b"",
                        content_type="",
                        charset=None,
                        status=304,
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without a location")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                mime, charset = _content_type(response)
                if mime not in ACCEPTED_TYPES:
                    raise FetchError(f"content type {mime} is not an article, feed or archive")
                content = _read_capped(response, options.max_bytes)
                return Fetched(
                    url=str(response.url),
                    content=content,
                    content_type=mime,
                    charset=charset,
                    status=response.status_code,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as error:
            raise FetchError(f"timed out after {options.timeout_s:g} s") from error
        except httpx.HTTPError as error:
            raise FetchError(f"network error: {error}") from error
    raise FetchError(f"more than {options.max_redirects} redirects")
