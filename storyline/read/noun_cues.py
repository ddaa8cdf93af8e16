"""Cues that are nouns: ``his claim that the vote was rigged``, ``expressed concern that ...``.

Kept apart from :mod:`storyline.read.attributions`, whose cues are verbs: a noun of saying or
believing with a ``that`` clause of its own (a complement, not a relative clause: the clause has
the conjunction "that", no pronoun) reports what someone says or thinks as surely as "said
that" does, and PolNeAR marks it. Only the ``that`` clause is taken as the content: a noun cue
with an ``of``/``for`` object (``her support for the bill``) was tried and marked far more
phrases than PolNeAR does.

The span of the cue follows PolNeAR (measured on its ``train`` split):

* when the noun is the object of a verb (``expressed concern that``, ``rejected the notion
  that``), the verb with its auxiliaries through the noun is the cue, and the verb's subject
  the source;
* otherwise a possessive is the source and the noun alone the cue (``his warning that``); with
  none, the cue keeps its determiner and adjectives (``an assertion that``) and a ``by``/``from``
  phrase gives the source (``an allegation from his first wife that``).

Together: +0.10 mean exact F1 on train, +0.23 on dev. When the verb holding the noun is a cue
itself (``rejected the notion that``), its own rule keeps the noun in the content: moving the
noun into the cue there lost 0.06 on train.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.read.source_phrase import token_chars
from storyline.read.statement_phrases import statement_object

NOUN_CUES = frozenset(
    """
    claim suggestion statement assertion accusation allegation complaint remark
    insistence admission belief concern doubt hope fear warning promise assurance observation
    argument contention speculation rumor assumption confidence prediction acknowledgment
    acknowledgement declaration announcement charge conclusion point report recognition sense
    feeling vow
    """.split()
)
"""Noun lemmas of saying, claiming and believing that head a cue when a ``that`` clause
complements them. "idea" and "notion" were dropped: PolNeAR marked under a third of them. The
last seven ("conclusion" ... "vow") were added later, each +0.002 to +0.005 mean exact F1 on train
alone and dev not lower (+0.018 on dev for "conclusion", +0.014 for "recognition"); "indication",
"evidence", "sign", "case", "reminder" and "threat" lost on train or dev."""

_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
_NOUN_LEFT_DEPS = frozenset({"det", "amod", "compound", "advmod", "nummod"})


def that_clause(noun: Token) -> Token | None:
    """The head of the clause that complements ``noun`` with a conjunction "that" (``the claim
    that taxes will rise``), or None; a relative clause (``the claim that he made``) has the
    pronoun "that" as subject or object, not as a marker, and does not count."""
    for child in noun.rights:
        if child.dep_ in _CLAUSE_DEPS and any(
            c.dep_ == "mark" and c.lower_ == "that" and c.i == child.left_edge.i for c in child.children
        ):
            return child
    return None


def is_noun_cue(noun: Token) -> bool:
    """Whether ``noun`` is a cue of this module: a lexicon noun with a ``that`` clause."""
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in NOUN_CUES and that_clause(noun) is not None


def object_verb(noun: Token) -> Token | None:
    """The verb whose direct object ``noun`` is (``expressed concern that``), or that holds it in
    ``in a statement`` (``said in a statement that``: +0.003 mean exact F1 on train, 0 on dev; the
    noun is no cue of its own there), or None."""
    head = noun.head
    if noun.dep_ == "dobj" and head.i < noun.i and head.pos_ in ("VERB", "AUX"):
        return head
    if statement_object(head) == noun and head.head.i < head.i and head.head.pos_ == "VERB":
        return head.head  # ``said in a statement that``: the verb is the cue
    return None


def noun_cue_range(noun: Token) -> tuple[int, int]:
    """Token range of a noun cue not held by a verb: the noun, with its determiner and
    adjectives when no possessive names the source (``an assertion``, but ``his warning``)."""
    lefts = [c for c in noun.lefts if c.dep_ in _NOUN_LEFT_DEPS]
    if any(c.dep_ == "poss" for c in noun.lefts) or not lefts:
        return noun.i, noun.i
    return min(c.left_edge.i for c in lefts), noun.i


def noun_source(noun: Token) -> Token | None:
    """The possessive (``Trump's claim``) or the ``by``/``from`` object (``a demand by X``)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def content_chars(noun: Token) -> tuple[int, int] | None:
    """Characters of the ``that`` clause of ``noun``, "that" included."""
    clause = that_clause(noun)
    if clause is None:
        return None
    return token_chars(noun.doc, clause.left_edge.i, clause.right_edge.i)
