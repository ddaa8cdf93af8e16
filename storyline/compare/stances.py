"""Stances: what a named person or organisation is reported to say or want, matched across articles.

Why: outlets report one position in different words and different sentence shapes. Seed 000 has
"President Trump reportedly insisted that ongoing negotiations with Iran must proceed"; seed 001
has "Trump reportedly reaffirmed that igniting a war with Iran is not the preferred option and
that diplomatic negotiations with Tehran will continue". The claims around them share too few
words for :mod:`storyline.compare.facts` (and their static embeddings score 0.31), but the
speaker is the same resolved entity and, once "proceed" and "continue" are one predicate, what
is said shares most of its terms. So attributions whose source is a named person or organisation
become stances, and two stances of the same speaker that agree in polarity and share their
terms (or are close in meaning) state one fact.

A content made of two "that"-clauses ("that A and that B") is two stances: each can be reported
alone elsewhere. Direct quotations are left to the quote ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.model import Article, Reading, Span

SPEAKER_KINDS = frozenset({"person", "org"})
"""Outlets and media collectives are relays (counted as origins), not speakers of a stance."""
_SECOND_CLAUSE = re.compile(r",?\s+and\s+that\s+")
_NEGATION = re.compile(r"\b(?:not|no|never|without|neither|nor)\b|n[’']t\b", re.IGNORECASE)
_PREDICATE_CLASSES = {
    "proce": "continue",  # "proceed", "proceeds", "proceeding": stem() takes "ed" off "proceed"
    "proceed": "continue",
    "continu": "continue",
    "resume": "continue",
    "resum": "continue",
    "halt": "stop",
    "suspend": "stop",
    "freeze": "stop",
    "talk": "negotiation",
    "negotiat": "negotiation",
}
"""Predicates that news reports use interchangeably for one stance, folded to one word (after
:func:`storyline.compare.claim_words.stem`, so "proceeds"/"proceeding" fold too). Kept small: each entry
is a plain synonym in reports of positions, never a difference of substance."""


@dataclass(frozen=True)
class Stance:
    """One thing a named speaker is reported to hold.

    ``span`` runs from the source's first word to the end of this clause, so the evidence names
    the speaker; ``content`` is the clause alone, the words that are compared.
    """

    span: Span
    text: str
    content: str
    content_span: Span
    speaker: str
    attribution: int
    negated: bool


def fold(stem: str) -> str:
    """A stem with predicate synonyms folded to one word ("proceed" → "continue")."""
    return _PREDICATE_CLASSES.get(stem, stem)


def is_negated(text: str) -> bool:
    """Whether a clause is negated ("will not continue", "without reaching", "isn't")."""
    return _NEGATION.search(text) is not None


def _clauses(text: str, start: int) -> list[tuple[int, int]]:
    """``(start, end)`` in the article of each "that"-clause of an attribution's content."""
    spans, begin = [], 0
    for match in _SECOND_CLAUSE.finditer(text):
        spans.append((start + begin, start + match.start()))
        begin = match.end()
    spans.append((start + begin, start + len(text)))
    return [(s, e) for s, e in spans if e > s]


def find_stances(article: Article, reading: Reading) -> list[Stance]:
    """The indirect statements of named people and organisations in one article, in text order."""
    speakers = {e.id: e.name for e in reading.entities if e.kind in SPEAKER_KINDS}
    found = []
    for index, attribution in enumerate(reading.attributions):
        speaker = speakers.get(attribution.source_entity or "")
        source = attribution.source_span
        if speaker is None or source is None or attribution.direct:
            continue
        content = attribution.content_span
        for start, end in _clauses(article.text[content.start : content.end], content.start):
            first = min(source.start, start)
            span = Span(article.id, first, end)
            clause = article.text[start:end]
            found.append(
                Stance(
                    span,
                    article.text[first:end],
                    clause,
                    Span(article.id, start, end),
                    speaker,
                    index,
                    is_negated(clause),
                )
            )
    return found
