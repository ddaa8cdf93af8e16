"""Cues that are phrases or adverbs: ``according to X, Y``, ``in a CBS News poll, Y``, ``reportedly``.

Kept apart from :mod:`storyline.read.attributions`, whose cues are mostly verbs: here the phrase
names the source itself, and the rest of its sentence is the content. These helpers only find
the parts (source token, cue tokens, content); the caller builds the record.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.read.clauses import Content
from storyline.read.source_phrase import token_chars, trim_tokens
from storyline.read.span_edges import is_cue_verb, lead_cut, phrasal_completion

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


REPORT_ADVERBS = frozenset({"reportedly"})
"""Adverbs that attribute their clause to unnamed reports: PolNeAR marks "reportedly" as a cue
with no source (``the council is reportedly drafting a levy``; 14 gold cues on train). Mean
exact F1 +0.02 on train (67.34 -> 67.36), +0.03 on dev; adding "allegedly" scored lower on
train (+0.016) though higher on dev."""


def report_adverb(adverb: Token) -> list[Parts]:
    """``The council is reportedly drafting a levy``: "reportedly" the cue, no source, and the
    clause it hangs from the content (the scorer cuts the cue out of it). Not on a cue verb,
    which is the cue there with the adverb (``reportedly told``)."""
    head = adverb.head
    if adverb.dep_ != "advmod" or head.i == adverb.i or head.pos_ not in ("VERB", "AUX") or is_cue_verb(head):
        return []
    doc = adverb.doc
    span = trim_tokens(doc, head.left_edge.i, head.right_edge.i)
    if span is None:
        return []
    return [(None, (adverb.i, adverb.i), Content(token_chars(doc, lead_cut(doc, *span), span[1])))]


def phrasal_cue_end(verb: Token, first: Content) -> tuple[bool, int | None]:
    """Whether a cue verb with its ``first`` content is a cue, and the token its cue runs to
    (beyond its particle; None for the verb's own reach). ``put it`` is a cue only next to a
    quotation (``as Kask put it, “…”``), its "it" in the cue; a completion right after the verb
    and outside the content joins the cue: the parse makes "back" of ``“…,” Kask shot back`` an
    adverb, not a particle, and PolNeAR keeps it (+0.015 mean exact F1 on train, dev unchanged).
    """
    completion, extra = phrasal_completion(verb), first.cue_extra
    if completion is not None and completion.lower_ == "it":
        return first.direct, completion.i
    inside = completion is not None and first.chars[0] <= completion.idx < first.chars[1]
    if completion is not None and completion.i == verb.i + 1 and not inside:
        return True, max(extra if extra is not None else completion.i, completion.i)
    return True, extra


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
