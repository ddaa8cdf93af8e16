"""The source phrase of an attribution: its noun phrase, or the antecedent of "which reported".

Kept apart from :mod:`storyline.read.attributions`, which finds cues and contents: these
helpers only cut a source's tokens to the characters that name it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.read import cues

_SOURCE_CUT_DEPS = frozenset({"relcl", "advcl"})
"""Clauses cut from a source phrase ("Crawford, who ..." is "Crawford")."""


def source_range(source: Token, cue: tuple[int, int], line: tuple[int, int]) -> tuple[int, int] | None:
    """The source's noun phrase: its subtree without relative and adverbial clauses, on the cue's
    line, clear of the cue. (PolNeAR keeps relative clauses about half the time; dropping them
    costs 0.3 points of source F1 on train and reads better: "Crawford", not "Crawford, who ...".)"""
    doc = source.doc
    lo, hi = source.left_edge.i, source.right_edge.i
    for child in source.rights:
        if child.dep_ in _SOURCE_CUT_DEPS:
            hi = min(hi, child.left_edge.i - 1)
    while lo <= hi and doc[lo].idx < line[0]:
        lo += 1
    while hi >= lo and doc[hi].idx >= line[1]:
        hi -= 1
    if lo <= cue[0] <= hi:
        lo, hi = source.i, source.i
    return trim_tokens(doc, lo, hi)


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
