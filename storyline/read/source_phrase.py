"""The source of an attribution: the token that heads it, its noun phrase, or the antecedent of
"which reported".

Kept apart from :mod:`storyline.read.attributions`, which finds cues and contents: these
helpers only find the source of a cue verb and cut its tokens to the characters that name it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.read import cues
from storyline.read.span_edges import is_cue_verb

_SOURCE_CUT_DEPS = frozenset({"relcl", "advcl"})
"""Clauses cut from a source phrase ("Crawford, who ..." is "Crawford")."""

_DASHES = frozenset({"—", "–", "--", "-"})
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})


def source_token(verb: Token) -> Token | None:
    """The token heading a cue verb's source: its subject, passive agent, or the subject
    inherited from the verb a participle or coordinated cue depends on."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" or (c.dep_ == "csubj" and c.i < verb.i)]
    if subjects:
        return next((c for c in subjects if not _across_lines(c, verb)), subjects[0])
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    speaker = _reporting_verb(verb) if verb.dep_ == "conj" else None
    if speaker is not None:
        return source_token(speaker)
    host = _host_verb(verb) if verb.dep_ in _INHERIT_DEPS else None
    if host is not None and not any(c.dep_ in ("nsubjpass", "mark") for c in verb.children):
        if verb.dep_ == "advcl" and host.dep_ == "ccomp" and is_cue_verb(host.head):
            host = host.head  # ``X said Y, adding Z``: the parse hangs "adding" on Y; X adds
        return source_token(host)
    return None


def inverted_subject(verb: Token) -> Token | None:
    """For ``“…,” opined the Plain Dealer``: the noun right after a subjectless cue verb, which
    the parse takes for its object when the speaker follows the verb. Only for a quotation before
    the cue (the caller's test): after any content before the cue it also took the objects of
    passives and the "Will" of ``Will urged``, and lowered source F1. +0.01 mean exact F1 on
    train (9 of 12 such sources gold; source exact F1 72.63 -> 72.66), dev unchanged."""
    return next(
        (
            c
            for c in verb.rights
            if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1 and c.pos_ in ("NOUN", "PROPN")
        ),
        None,
    )


def _reporting_verb(verb: Token) -> Token | None:
    """For ``X said Y has Z and said W``: the cue verb ("said") whose reported clause the parse
    hangs a subjectless coordinated cue on; the coordinated cue is X's too."""
    clause = verb.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "ccomp" and is_cue_verb(clause.head):
        return clause.head
    return None


def _across_lines(child: Token, verb: Token) -> bool:
    """Whether a line break parts ``child`` from ``verb``: the parse may take a dateline's
    "p.m." on the line above for a first subject of ``Trump says``, beside the real one."""
    lo, hi = sorted((child.i, verb.i))
    return any(t.is_space and "\n" in t.text for t in child.doc[lo:hi])


def _host_verb(verb: Token) -> Token | None:
    """The verb whose subject a subjectless cue shares: its head, or the verb above the
    preposition of a gerund (``defended it by citing a poll``) or above the adjective of
    ``was able to tout``."""
    head = verb.head
    if head.i != verb.i and head.pos_ in ("ADP", "ADJ") and head.dep_ in ("prep", "acomp"):
        head = head.head
    return head if head.i != verb.i and head.pos_ in ("VERB", "AUX") else None


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
