"""Decide whether a new document is a known article, a copy of one, or a new article.

Copies point at the canonical article, never at another copy, so independence counting later
has a single root per text. The canonical article is the original, not merely the first one
ingested: the one published earlier, or, when dates do not tell, the one whose text the other
contains (syndication adds a credit line or a paragraph; it rarely removes one). When a newly
arrived document turns out to be the original, the known group is re-pointed at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from storyline.ingest.identity import article_id, document_keys, is_near_copy, is_near_copy_packed
from storyline.model import Article, Document, DocumentKeys
from storyline.store import Store

NEAR_COPY_CANDIDATES = 24
"""Stored articles compared in full with a new one: those sharing the most LSH bands. Every
candidate costs a fetch and a shingle comparison; a story retold many times (100k articles
derived from 1,282 texts: ~80 rewrites each) made ingest quadratic, 16 CPU minutes for a
fraction of the corpus. A true near-copy (Jaccard ≥ 0.7) shares ~8 of 32 bands on average,
rewrites that are not copies one or two."""
SYNDICATION_GROWTH = 1.05
"""Undated near-copies: the original is the one the other outgrows by at least this factor."""


@dataclass(frozen=True)
class Placement:
    """Where a document went: ``status`` is "added", "copy" or "unchanged".

    ``demoted`` names a stored article that this one showed to be a copy, if any.
    """

    status: str
    article: Article
    demoted: str | None = None


def _canonical(store: Store, candidate_id: str) -> str:
    found = store.get_article(candidate_id)
    if found is not None and found.copy_of:
        return found.copy_of
    return candidate_id


def _find_original(store: Store, document: Document, keys: DocumentKeys) -> str | None:
    exact = store.ids_with_text_key(keys.text_key)
    if exact:
        return _canonical(store, exact[0])
    candidates = store.ids_with_bands(keys.bands, NEAR_COPY_CANDIDATES)
    stored = store.get_shingles(candidates) if candidates else {}
    for candidate_id in candidates:
        if _confirmed(store, document, keys.shingles, candidate_id, stored.get(candidate_id, b"")):
            return _canonical(store, candidate_id)
    return None


def _confirmed(store: Store, document: Document, shingles: bytes, candidate_id: str, theirs: bytes) -> bool:
    """Whether a band candidate is a near-copy: by the stored shingle hashes, or by the texts
    when those cannot tell (a short text, an article stored before hashes were kept)."""
    verdict = is_near_copy_packed(shingles, theirs)
    if verdict is None:
        candidate = store.get_article(candidate_id)
        verdict = candidate is not None and is_near_copy(document.text, candidate.text)
    return verdict


def _published_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_original_of(document: Document, known: Article) -> bool:
    """Whether ``document`` rather than the already stored ``known`` is the original text."""
    new_time, old_time = _published_at(document.published), _published_at(known.published)
    if new_time is not None and old_time is not None and new_time != old_time:
        return new_time < old_time
    new_words, known_words = len(document.text.split()), len(known.text.split())
    return new_words * SYNDICATION_GROWTH < known_words and is_near_copy(document.text, known.text)


def place_document(store: Store, document: Document, keys: DocumentKeys | None = None) -> Placement:
    """Store ``document`` unless it is already there; mark it as a copy when it is one.

    ``keys``: the document's keys when a worker worked them out; else made here, as needed.
    """
    identity = keys.article_id if keys else article_id(document)
    known = store.get_article(identity)
    if known is not None:
        return Placement("unchanged", known)
    keys = keys or document_keys(document)
    original = _find_original(store, document, keys)
    becomes_original = False
    if original is not None:
        known = store.get_article(original)
        becomes_original = known is not None and is_original_of(document, known)
    article = Article(
        id=identity,
        text=document.text,
        origin=document.origin,
        title=document.title,
        byline=document.byline,
        outlet=document.outlet,
        url=document.url,
        published=document.published,
        language=document.language,
        copy_of=None if becomes_original else original,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    store.add_article(article, keys.text_key, keys.bands, keys.shingles)
    if becomes_original and original is not None:
        store.repoint_copies(original, article.id)
        return Placement("added", article, demoted=original)
    return Placement("copy" if article.copy_of else "added", article)
