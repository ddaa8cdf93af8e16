"""Turn input bytes into text: size limit, binary detection, character-set detection.

Character sets are detected with charset-normalizer rather than guessed, because news pages
still arrive in cp1252, ISO-8859-x and friends, often with a wrong or missing declaration.
"""

from __future__ import annotations

import charset_normalizer

from storyline.ingest.errors import EmptyPageError, InputTooLargeError, UndecodableError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""50 MB: far above any real article page, low enough to refuse a mistaken video or dump."""

_BINARY_MAGIC = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x00\x00\x00",
)


def check_size(size: int, max_bytes: int) -> None:
    """Refuse an input of ``size`` bytes when it is over ``max_bytes``."""
    if size > max_bytes:
        raise InputTooLargeError(
            f"{size:,} bytes is over the size limit of {max_bytes:,} bytes (raise it with --max-bytes)"
        )


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text, trusting a declared charset only when it decodes cleanly.

    Raises :class:`UndecodableError` for binary data and :class:`EmptyPageError` for empty input.
    """
    if not data.strip():
        raise EmptyPageError("the input is empty")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]:
        raise UndecodableError("binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UndecodableError("no character set decodes this input")
    return str(best)
