"""Records of the ingest stage: a parsed input, a stored article, what a batch did."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Characters ``[start, end)`` of the clean text of article ``article_id``."""

    article_id: str
    start: int
    end: int

    def text(self, article_text: str) -> str:
        """The words this span points at, cut from the article's clean text."""
        return article_text[self.start : self.end]


@dataclass(frozen=True)
class Document:
    """One parsed input before it has an identity: clean text plus what the page said of itself.

    ``origin`` names where it came from (a path, a URL, ``feed.xml#entry-3``) so that a
    rejection or a later question can be traced back to the input.
    """

    text: str
    origin: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """A stored article: a :class:`Document` with a stable id.

    ``id`` is derived from the normalised clean text, so the same text is the same article.
    ``copy_of`` names the canonical article when this one is a copy (the same or nearly the
    same text under another URL or headline); copies never count as extra sources.
    """

    id: str
    text: str
    origin: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    copy_of: str | None = None
    ingested_at: str | None = None

    def to_story_json(self) -> dict[str, str | None]:
        """The article as ``stories --json`` lists it (the contract's shape; ``path`` is its origin)."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "path": self.origin,
            "published": self.published,
            "copy_of": self.copy_of,
        }

    def to_json(self) -> dict[str, str | None]:
        """The ``articles --json`` shape of the command-line contract."""
        return {
            "id": self.id,
            "title": self.title,
            "byline": self.byline,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "copy_of": self.copy_of,
            "text": self.text,
        }


@dataclass(frozen=True)
class Rejection:
    """An input that could not be ingested, and exactly why; the rest of the batch goes on."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True)
class IngestResult:
    """What one ``ingest`` batch did: new articles, copies found, known ones skipped, rejections.

    A batch of millions of inputs cannot hold every article it placed, so a batch may keep only
    how many (``counts``: new, copies, unchanged) and leave ``added``, ``copies`` and
    ``unchanged`` empty; :attr:`new_count` and the other counts are right either way.
    """

    added: tuple[Article, ...] = ()
    copies: tuple[Article, ...] = ()
    unchanged: tuple[str, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    counts: tuple[int, int, int] | None = None

    @property
    def new_count(self) -> int:
        """New articles placed by the batch."""
        return len(self.added) if self.counts is None else self.counts[0]

    @property
    def copy_count(self) -> int:
        """Copies of other articles placed by the batch."""
        return len(self.copies) if self.counts is None else self.counts[1]

    @property
    def unchanged_count(self) -> int:
        """Inputs that were already stored."""
        return len(self.unchanged) if self.counts is None else self.counts[2]

    @property
    def ok(self) -> bool:
        """True when no input of the batch was rejected."""
        return not self.rejected


@dataclass(frozen=True)
class ParseOutcome:
    """What reading one input produced: documents, and rejections of parts of it."""

    documents: tuple[Document, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    keys: tuple[DocumentKeys, ...] = ()
    """Each document's keys, when the parser worked them out (an engine's worker); else empty."""


@dataclass(frozen=True)
class DocumentKeys:
    """What identifies a document, worked out from it alone (see :mod:`storyline.ingest.identity`):
    its article id, the key of its text, its near-copy (LSH band) keys, and the packed hashes of
    its word shingles that confirm a near-copy."""

    article_id: str
    text_key: str
    bands: tuple[str, ...]
    shingles: bytes = b""
