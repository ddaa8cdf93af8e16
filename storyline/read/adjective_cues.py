"""Cues that are adjectives after "be": ``Kask is critical of the levy``, ``they are confident
that the bill will pass``.

Kept apart from :mod:`storyline.read.attributions`, whose cues are mostly verbs: an adjective of
attitude with its complement says what its subject thinks or feels as surely as "criticizes"
or "believes" does, and PolNeAR marks it, the cue running from "be" (with its auxiliaries and
negation) through the adjective and its preposition: ``has been deeply skeptical of``. The
content is the preposition's object or the ``that`` clause (+0.20 mean exact F1 on train,
+0.03 on dev). These helpers only find the parts (the "be" verb, the cue's last token, the
content); the caller builds the record.
"""

from __future__ import annotations

from spacy.tokens import Token

from storyline.read.source_phrase import token_chars, trim_tokens

ATTITUDE_ADJECTIVES = frozenset(
    """
    critical skeptical sceptical wary proud aware confident optimistic pessimistic hopeful
    sure certain convinced worried concerned upset angry unhappy happy glad adamant enamored
    supportive upbeat dismissive tired fond impressed uncomfortable outspoken honest appreciative
    frustrated nervous leery pleased mindful interested
    """.split()
)
"""Adjectives of attitude that head a cue after "be" when a complement follows: every one of
them was a PolNeAR cue there at least half the time on train ("likely", "able", "willing",
"ready" and "responsible" were not). The last nine ("tired of", "fond of", ... "nervous
about") were added later, each +0.002 to +0.006 mean exact F1 on train alone and dev unchanged
(together +0.04 on train); "scared" and "doubtful" lost a little on train, "open" lost 0.02
on dev, and "eager", "clear", "unclear", "right", "focused", "loyal", "disappointed" and eight
others changed nothing. A second round added "leery", "pleased" and "mindful" (+0.004 to +0.007
on train each, dev unchanged; "bullish", "positive", "alarmed" and "comfortable" lost a little,
26 others changed nothing). A third added "interested" (+0.005 on train, dev unchanged;
"afraid" gained on dev only, "careful" lost on train, 14 others changed nothing)."""

_COMPLEMENT_PREPOSITIONS = frozenset({"of", "about", "in", "with", "on"})


def attitude_parts(adjective: Token) -> tuple[Token, int, tuple[int, int]] | None:
    """For an attitude adjective after "be": the "be" verb, the cue's last token (the
    preposition, else the adjective) and the content's characters; None when it is no cue."""
    be = adjective.head
    if adjective.dep_ != "acomp" or be.lemma_ != "be" or be.i > adjective.i:
        return None
    for child in adjective.rights:
        if child.dep_ == "ccomp":
            return be, adjective.i, token_chars(adjective.doc, child.left_edge.i, child.right_edge.i)
        if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPOSITIONS and child.i == adjective.i + 1:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            span = trim_tokens(adjective.doc, child.i + 1, child.right_edge.i) if pobj is not None else None
            if span is not None:
                return be, child.i, token_chars(adjective.doc, *span)
    return None
