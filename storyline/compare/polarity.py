"""Negation conflicts: one source states what another denies ("agreed" / "did not agree").

Why apart from the facts: :mod:`storyline.compare.facts` never joins two claims of opposite
polarity (embeddings rate "reached an agreement" and "failed to reach an agreement" alike), so
such a pair becomes two facts and nothing would say that they contradict each other. Here a
negated claim and an affirmed claim of another article that share nearly all their content
words ("Veloria is not ready to sign a new treaty" / "Veloria is ready to sign a new treaty", the
altered quotation of the examples) are reported as a conflict of kind "negation".

Only claims the reading marked as negated are pivots, and partners are found through the
content words they share, so the cost follows the few negated claims, not all pairs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.compare.claim_words import content_words
from storyline.model import Article, Claim, Conflict, ConflictValue, Reading

NEGATION_SHARED = 4
"""Content words a denial and an assertion must share: fewer match by chance ("the talks")."""
NEGATION_SHARE = 0.75
"""Share of the smaller claim's content words found in the other: on the examples and the seeds
the only pairs at or above it are the altered quotation and its faithful versions (1.0)."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DENYING_VERBS = frozenset("refus declin fail reject deni deny rul oppos balk".split())
"""Stems (see :func:`storyline.compare.claim_words.stem`) of verbs that deny without a negator
("refused to suspend" = "did not agree to suspend"); a pair where one side has such a verb and
the other does not has no clear polarity, and is not reported."""


@dataclass(frozen=True)
class _Said:
    article: Article
    claim: Claim
    words: frozenset[str]
    numbers: frozenset[str]
    shown: tuple[int, int]
    """The claim with its source and cue when attributed ("Kask did not agree to ..."): the
    content alone reads the same on both sides."""


def _shown(claim: Claim, reading: Reading) -> tuple[int, int]:
    start, end = claim.span.start, claim.span.end
    if claim.attribution is not None:
        attribution = reading.attributions[claim.attribution]
        lead = attribution.source_span or attribution.cue_span
        if lead.start < start and attribution.content_span.start <= start:
            start = min(lead.start, attribution.cue_span.start)
    return start, end


def _claims(items: Sequence[tuple[Article, Reading]]) -> list[_Said]:
    return [
        _Said(
            article,
            claim,
            content_words(claim.text),
            frozenset(_NUMBER.findall(claim.text)),
            _shown(claim, reading),
        )
        for article, reading in items
        for claim in reading.claims
    ]


def _contradicts(denial: _Said, assertion: _Said) -> bool:
    shared = denial.words & assertion.words
    if len(shared) < NEGATION_SHARED:
        return False
    if denial.numbers and assertion.numbers and denial.numbers != assertion.numbers:
        return False
    if _denying(denial) != _denying(assertion):
        return False
    return len(shared) / min(len(denial.words), len(assertion.words)) >= NEGATION_SHARE


def _denying(said: _Said) -> bool:
    """Whether the claim, with its cue, holds a verb that denies ("refused to", "failed to")."""
    return bool(content_words(said.article.text[said.shown[0] : said.shown[1]]) & _DENYING_VERBS)


def _pairs(said: list[_Said]) -> list[tuple[_Said, _Said]]:
    """(denial, assertion) pairs from different articles."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(said):
        if not item.claim.negated:
            for word in item.words:
                postings[word].append(index)
    pairs = []
    for denial in (s for s in said if s.claim.negated):
        counts = Counter(i for word in denial.words for i in postings.get(word, ()))
        for index, count in sorted(counts.items()):
            assertion = said[index]
            other_article = assertion.article.id != denial.article.id
            if count >= NEGATION_SHARED and other_article and _contradicts(denial, assertion):
                pairs.append((denial, assertion))
    return pairs


def _side(items: list[_Said]) -> ConflictValue:
    """One side: the plainest wording as the value, every article once with its span."""
    first: dict[str, _Said] = {}
    for item in items:
        first.setdefault(item.article.id, item)
    plainest = min(first.values(), key=lambda s: (s.shown[1] - s.shown[0], s.article.id))
    wording = plainest.article.text[plainest.shown[0] : plainest.shown[1]]
    return ConflictValue(wording.strip().rstrip(",;:"), tuple(first), tuple(s.shown for s in first.values()))


def negation_conflicts(items: Sequence[tuple[Article, Reading]], first_number: int) -> list[Conflict]:
    """Denials and assertions of one statement, one conflict per statement, numbered from ``first_number``.

    Pairs that share a claim are one conflict (three outlets deny what one asserts); an article
    found on both sides is left out of both, since it does not take a side.
    """
    components: list[tuple[list[_Said], list[_Said]]] = []
    for denial, assertion in _pairs(_claims(items)):
        home = next((c for c in components if denial in c[0] or assertion in c[1]), None)
        if home is None:
            components.append(([denial], [assertion]))
            continue
        for item, side in ((denial, home[0]), (assertion, home[1])):
            if item not in side:
                side.append(item)
    conflicts: list[Conflict] = []
    for denials, assertions in components:
        both = {s.article.id for s in denials} & {s.article.id for s in assertions}
        denials = [s for s in denials if s.article.id not in both]
        assertions = [s for s in assertions if s.article.id not in both]
        if denials and assertions:
            affirmed, denied = _side(assertions), _side(denials)
            number = first_number + len(conflicts)
            conflicts.append(Conflict(f"c{number}", affirmed.value, "negation", (affirmed, denied)))
    return conflicts
