"""Cues whose verb names a feeling through its object: ``expressed concern that ...``.

Kept apart from :mod:`storyline.read.attributions`, which finds the verb's content by its usual
rules: there the whole object (``concern that ...``) was the content and "expressed" the cue.
PolNeAR marks the bare feeling noun as part of the cue, with a preposition after it
(``expressed concern`` / ``that ...``, ``expressed skepticism about`` / ``the plan``): 12 of
the 40 "expressed" cues on PolNeAR's train split that missed were such. Taking the bare noun
into the cue raised mean exact F1 by +0.06 on train (67.20 -> 67.26) and +0.09 on dev
(68.49 -> 68.58).
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.read.clauses import Content
from storyline.read.source_phrase import token_chars

FEELING_VERBS = frozenset({"express"})
"""Cue verbs whose bare object names the stance they report (other verbs of the kind, "voice"
and "raise", are not cue verbs: see :mod:`storyline.read.cues`)."""

_NOUN_PREPOSITIONS = frozenset({"about", "over", "at", "for", "in", "with", "toward", "towards"})


def feeling_content(verb: Token) -> Content | None:
    """For ``expressed concern that Y`` or ``expressed doubts about Y``: Y, with the noun (and its
    preposition) joining the cue. Only a bare noun counts, without a determiner or possessive
    (``expressed his condolences`` keeps its object as the content)."""
    if verb.lemma_.lower() not in FEELING_VERBS:
        return None
    noun = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if noun is None or noun.pos_ != "NOUN" or any(c.dep_ in ("det", "poss") for c in noun.lefts):
        return None
    doc = noun.doc
    for child in noun.rights:
        if (
            child.dep_ in ("acl", "ccomp")
            and child.left_edge.lower_ == "that"
            and child.left_edge.i == noun.i + 1
        ):
            return Content(token_chars(doc, child.left_edge.i, child.right_edge.i), cue_extra=noun.i)
        if child.dep_ == "prep" and child.i == noun.i + 1 and child.lower_ in _NOUN_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                chars = token_chars(doc, pobj.left_edge.i, pobj.right_edge.i)
                return Content(chars, cue_extra=child.i, clausal=False)
    return None
