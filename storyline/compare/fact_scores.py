"""How much two claims read as one fact: the pair scores that :mod:`storyline.compare.facts` aligns by.

Kept apart from the alignment itself because the scores are the rules (shared words, close
meaning, one speaker's stance) while the alignment is only the order claims are placed in.
:func:`score` is what the alignment calls for every pair it weighs: the largest of
:func:`similar`, :func:`close_meaning` and :func:`same_stance`, worked out in one pass that
leaves early where all three are 0 (a negation or number that disagrees) and skips the
embedding where the shared words already score above it. Those three stay as written, the
rules :func:`score` is tested against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from storyline.compare.claim_words import numbers_in
from storyline.compare.stances import fold
from storyline.language.embeddings import Floats, static_embedder
from storyline.model import Article, Claim

SAME_FACT_OVERLAP = 0.5
"""Share of the smaller claim's content words found in the other: on the example corpus the
planted facts align at ≥ 0.55 and different statements about the same summit stay ≤ 0.45."""
RUN_BONUS = 0.25
"""Added per shared content-word run (at most two): a shared run is strong evidence of one statement."""
CLOSE_MEANING = 0.7
"""Cosine of static embeddings above which two claims naming a shared entity are one fact: on
the seeds "concluded ... without reaching a definitive agreement" and "returned ... without
securing concrete commitments" score 0.75; unrelated claims about the same leaders stay < 0.5."""
MIN_SHARED_WORDS = 4
"""Besides the share, at least this many content words in common (short claims match by chance)."""
STANCE_SHARED = 3
"""Folded content words two stances of one speaker must share (and half the smaller one's):
on seed 000/001 "ongoing negotiations with Iran must proceed, highlighting ... diplomatic
channels" and "diplomatic negotiations with Tehran will continue" share three."""
STANCE_MEANING = 0.6
"""Static-embedding cosine at which two stances of one speaker that share a word are one: on the
seeds "Israel's security requirements" and "safeguarding Israel's security interests" (both
Netanyahu's) score 0.69; other pairs of one speaker's stances on the seeds and the examples
stay below 0.5 unless their polarity differs."""
STANCE_GRADE = 0.1
"""A matching stance scores a little above the bar by how much it shares, so that a claim with
several matching stances of one article joins the closest: seed 000's "negotiations ... must
proceed" shares 3 of 4 words with "diplomatic negotiations with Tehran will continue" and only
3 of 6 with "U.S.-Iran negotiations remain on track"."""


@dataclass
class Candidate:
    """A claim (or a stance no claim covers) as the alignment weighs it, its words worked out once."""

    article: Article
    claim: Claim
    words: frozenset[str]
    origin: str
    trigrams: frozenset[tuple[str, str, str]] = frozenset()
    names: frozenset[str] = frozenset()
    meaning: str | None = None
    """The words embedded for :attr:`vector`; None for a candidate never compared by meaning."""
    speaker: str | None = None
    """The named person or organisation whose stance this is (see stances.py), if any."""
    stance_only: bool = False
    """Found as a stance only (no claim of its own): it joins facts only as a stance."""
    stance_negated: bool = False
    numbers: frozenset[str] = field(init=False)
    negated: bool = field(init=False)
    """The polarity every score compares: the stance's for a stance only, else the claim's."""

    def __post_init__(self) -> None:
        self.numbers = numbers_in(self.claim.text)
        self.negated = self.stance_negated if self.stance_only else self.claim.negated

    @cached_property
    def folded(self) -> frozenset[str]:
        """The content words with predicate synonyms folded, made on first use: only two stances
        of one speaker compare them."""
        return frozenset(map(fold, self.words))

    @cached_property
    def vector(self) -> Floats | None:
        """The embedding of :attr:`meaning`, made on first use: only pairs sharing a name or speaker
        compare meanings (56% of the claims of 80 stories of the 3k scale corpus never do)."""
        if self.meaning is None:
            return None
        return static_embedder().embed(meaning_pieces(self.meaning), {}, 1)


WORD_PIECES_CACHE = 65_536
"""Space-separated words whose word pieces are kept: a worker's stories repeat their words."""


def meaning_pieces(text: str) -> list[int]:
    """``static_embedder().pieces(text)``, put together word by word from cached words.

    The tokenizer call was ~50 µs a claim, half of a claim's embedding. Its normaliser works
    character by character and its pre-tokeniser splits at every space, so no word piece spans a
    space and the pieces of a text are those of its space-separated words in turn.
    """
    return [piece for word in text.split(" ") for piece in _word_pieces(word)]


@lru_cache(maxsize=WORD_PIECES_CACHE)
def _word_pieces(word: str) -> tuple[int, ...]:
    return tuple(static_embedder().pieces(word)) if word else ()


def similar(a: Candidate, b: Candidate) -> float:
    """Share of content words in common, raised by shared content-word runs; 0 when they disagree."""
    shared = a.words & b.words
    if len(shared) < MIN_SHARED_WORDS:
        return 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return 0.0
    if a.claim.negated != b.claim.negated:
        return 0.0
    overlap = len(shared) / min(len(a.words), len(b.words))
    runs = len(a.trigrams & b.trigrams)
    return overlap + RUN_BONUS * min(runs, 2)


def close_meaning(a: Candidate, b: Candidate) -> float:
    """Embedding similarity of two claims that involve a common named entity and agree on polarity."""
    if not a.names & b.names or a.claim.negated != b.claim.negated:
        return 0.0
    if (a.numbers and b.numbers and not a.numbers & b.numbers) or a.vector is None or b.vector is None:
        return 0.0
    cosine = float(a.vector @ b.vector)
    return SAME_FACT_OVERLAP if cosine >= CLOSE_MEANING else 0.0


def same_stance(a: Candidate, b: Candidate) -> float:
    """Above :data:`SAME_FACT_OVERLAP` when both are one speaker's stance and say the same, else 0."""
    if a.speaker is None or a.speaker != b.speaker or a.negated != b.negated:
        return 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return 0.0
    return _stance_grade(a, b)


def _stance_grade(a: Candidate, b: Candidate) -> float:
    """:func:`same_stance` of one speaker's two stances whose polarity and numbers agree."""
    shared = a.folded & b.folded
    if not shared:
        return 0.0
    share = len(shared) / max(1, min(len(a.folded), len(b.folded)))
    cosine = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    if (len(shared) >= STANCE_SHARED and share >= 0.5) or (bool(shared) and cosine >= STANCE_MEANING):
        return SAME_FACT_OVERLAP + STANCE_GRADE * max(share, cosine)
    return 0.0


def score(a: Candidate, b: Candidate) -> float:
    """How well two claims read as one fact: ``max(similar, close_meaning, same_stance)``, or
    :func:`same_stance` alone where either is a stance only.

    One pass for the ~900 pairs a story weighs: all three are 0 when the polarity (the claim's,
    for two claims) or the numbers disagree, so that is checked once; :func:`close_meaning` is
    at most :data:`SAME_FACT_OVERLAP`, so it is not worked out (nor its embeddings made) where
    the shared words already score that much.
    """
    if a.stance_only or b.stance_only:
        return same_stance(a, b)
    if a.negated != b.negated or (a.numbers and b.numbers and not a.numbers & b.numbers):
        return 0.0
    best = 0.0
    shared = len(a.words & b.words)
    if shared >= MIN_SHARED_WORDS:
        runs = len(a.trigrams & b.trigrams)
        best = shared / min(len(a.words), len(b.words)) + RUN_BONUS * min(runs, 2)
    if best < SAME_FACT_OVERLAP and a.names & b.names:
        vector, other = a.vector, b.vector
        if vector is not None and other is not None and float(vector @ other) >= CLOSE_MEANING:
            best = SAME_FACT_OVERLAP
    if a.speaker is not None and a.speaker == b.speaker:
        stance = _stance_grade(a, b)
        if stance > best:
            best = stance
    return best
