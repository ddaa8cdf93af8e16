"""Cues that are prepositional phrases: ``according to X, Y`` and ``in a CBS News poll, Y``.

Kept apart from :mod:`storyline.read.attributions`, whose cues are mostly verbs: here the phrase
names the source itself, and the rest of its sentence is the content. These helpers only find
the parts (source token, cue tokens, content); the caller builds the record.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.read.clauses import Content
from storyline.read.source_phrase import token_chars, trim_tokens
from storyline.read.span_edges import is_cue_verb, lead_cut

Parts = tuple[Token | None, tuple[int, int], Content]
"""A source token, the cue's first and last token, and the content."""

POLL_WORDS = frozenset({"poll", "polls", "survey", "surveys"})
"""Heads of ``in``'s object that make it a cue: PolNeAR marks ``in a CNN poll`` as a poll's
claim (cue "in", source "a CNN poll"), the rest of the sentence its content."""


def according_to(according: Token) -> list[Parts]:
    """``according to X, Y`` and ``Y, according to X``: X the source, the rest of the sentence the
    content (the clause the phrase hangs from scored 0.2 points lower on train)."""
    to = according.doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return []
    content = _rest_of_sentence(according, max(pobj.right_edge.i, to.i))
    return [(pobj, (according.i, to.i), content)] if content is not None else []


def in_poll(prep: Token) -> list[Parts]:
    """``In a CNN poll released Monday, 50 percent chose Clinton``: the poll is the source, "in"
    the cue, the rest of the sentence the content, when the phrase opens the sentence (+0.04
    mean exact F1 on train, +0.07 on dev; anywhere, as in ``Kask leads in the polls``, it lost
    0.2 on train). Not where "in" hangs from a cue verb: the verb is the cue there."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ not in POLL_WORDS or is_cue_verb(prep.head):
        return []
    if trim_tokens(prep.doc, prep.sent.start, prep.i) != (prep.i, prep.i):
        return []  # ``leads in the polls``: PolNeAR marks it about as often as not
    content = _rest_of_sentence(prep, pobj.right_edge.i)
    return [(pobj, (prep.i, prep.i), content)] if content is not None else []


def _rest_of_sentence(first: Token, phrase_end: int) -> Content | None:
    """The sentence of a phrase from ``first`` to ``phrase_end``, without the phrase when it
    opens or closes the sentence (the scorer cuts it out of the middle)."""
    doc, sentence = first.doc, first.sent
    lo, hi = trim_tokens(doc, sentence.start, sentence.end - 1) or (first.i, first.i)
    if first.i <= lo:
        content = trim_tokens(doc, phrase_end + 1, hi)
    elif phrase_end >= hi:
        content = trim_tokens(doc, lo, first.i - 1)
    else:
        content = trim_tokens(doc, lo, hi)
    return Content(token_chars(doc, lead_cut(doc, *content), content[1])) if content is not None else None
