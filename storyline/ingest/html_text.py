"""Text normalisation shared by the HTML extractors and the metadata reader.

It lives apart so that :mod:`storyline.ingest.html_density` and
:mod:`storyline.ingest.html_meta` can both use it without importing :mod:`storyline.ingest.html`
(which imports them): every paragraph, title and meta value goes through the same
:func:`normalize_text`, so lengths and word sets compare like for like across the modules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
WORD = re.compile(r"\w+")
"""A word, for comparing texts by their words (headline copies, 4-gram containment)."""


def normalize_text(text: str) -> str:
    """One paragraph's text: NFC, no zero-width characters, whitespace collapsed, trimmed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return " ".join(text.split())


def normalized(blocks: Iterable[str]) -> list[str]:
    """Blocks with normalised text, empty ones dropped, so lengths compare like for like."""
    return [text for raw in blocks if (text := normalize_text(raw))]
