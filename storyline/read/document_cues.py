"""Cues that run from a verb of issuing over its document: ``issued a statement saying ...``.

Kept apart from :mod:`storyline.read.attributions`, which finds each cue verb's own span: here
the participle ("saying") hangs on a document noun ("a statement") that another verb
("issued") takes as its object. PolNeAR marks the whole ``issued a statement saying`` as the
cue and the issuer as the source, where the participle alone gave the cue "saying" and the
source "a statement" (15 such gold cues on the train split). Mean exact F1 +0.07 on train
(67.26 -> 67.33), +0.04 on dev (68.58 -> 68.61).
"""

from __future__ import annotations

from spacy.tokens import Token

DOCUMENTS = frozenset(
    {"statement", "statements", "release", "letter", "email", "e-mail", "tweet", "memo", "message", "note"}
)
"""Nouns of a written statement that a participle cue can describe."""


def issuing_verb(verb: Token) -> Token | None:
    """For the participle of ``issued a statement saying``, "issued": the verb whose object is
    the document noun the participle hangs on; else None."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.lower_ not in DOCUMENTS or noun.dep_ != "dobj":
        return None
    holder = noun.head
    return holder if holder.pos_ == "VERB" and holder.i < noun.i else None
