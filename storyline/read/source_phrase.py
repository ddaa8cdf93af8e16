"""The source phrase of an attribution: its noun phrase, or the antecedent of "which reported".

Kept apart from :mod:`storyline.read.attributions`, which finds cues and contents: these
helpers only cut a source's tokens to the characters that name it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.read import cues

_SOURCE_CUT_DEPS = frozenset({"relcl", "advcl"})
"""Clauses cut from a source phrase ("Crawford, who ..." is "Crawford")."""

_DASHES = frozenset({"—", "–", "--", "-"})


def source_range(source: Token, cue: tuple[int, int], line: tuple[int, int]) -> tuple[int, int] | None:
    """The source's noun phrase: its subtree without relative and adverbial clauses, a
    comma-set participle or a wire dateline, on the cue's line, ending before the cue when the cue
    hangs inside it (``an outside group backing Kask``). PolNeAR keeps relative clauses about half
    the time; dropping them costs 0.3 points of source F1 on train and reads better: "Crawford",
    not "Crawford, who ...". Measured on train, source exact F1: the participle +0.19, the
    dateline +0.02, the phrase before an inner cue (it used to be the head word alone) +0.39;
    cutting an age (``Ann Roe, 58,``) lost 0.3 and dropping a leading ``just``/``even`` 0.1."""
    doc = source.doc
    lo, hi = source.left_edge.i, source.right_edge.i
    for child in source.rights:
        if child.dep_ in _SOURCE_CUT_DEPS or _aside(child):
            hi = min(hi, child.left_edge.i - 1)
    lo = _after_dateline(doc, lo, source.i)
    while lo <= hi and doc[lo].idx < line[0]:
        lo += 1
    while hi >= lo and doc[hi].idx >= line[1]:
        hi -= 1
    if lo <= cue[0] <= hi:  # ``an outside group backing Kask``: the phrase up to the cue
        lo, hi = (lo, cue[0] - 1) if lo <= source.i < cue[0] else (source.i, source.i)
    return trim_tokens(doc, lo, hi)


def _aside(child: Token) -> bool:
    """A comma-set participle PolNeAR leaves out of a source (``Rubio, speaking at a rally,``)."""
    if child.left_edge.i == 0 or child.doc[child.left_edge.i - 1].text != ",":
        return False
    return child.dep_ == "acl" and child.tag_ == "VBG"


def _after_dateline(doc: Doc, lo: int, head: int) -> int:
    """The first token after a wire dateline (``RENO, Nev. (AP) —``) that opens the phrase."""
    for i in range(head - 1, lo, -1):
        if doc[i].text in _DASHES and any(doc[j].text == ")" for j in range(lo, i)):
            return i + 1
    return lo


def antecedent_of(source: Token) -> tuple[Token, int, int] | None:
    """For ``Haaretz, which reported``: the antecedent's head and characters ("Haaretz")."""
    if source.lower_ not in cues.RELATIVE_PRONOUNS or source.head.dep_ != "relcl":
        return None
    noun = source.head.head
    trimmed = trim_tokens(noun.doc, noun.left_edge.i, source.head.left_edge.i - 1)
    if trimmed is None:
        return None
    return (noun, *token_chars(noun.doc, *trimmed))


def trim_tokens(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """``[lo, hi]`` without punctuation and spaces at either end."""
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return (lo, hi) if lo <= hi else None


def token_chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Character range of tokens ``lo..hi`` inclusive."""
    return doc[lo].idx, doc[hi].idx + len(doc[hi])
