"""The contents of a cue verb that are neither a quotation nor its clausal complement.

Kept apart from :mod:`storyline.read.attributions`, which tries the rules in order: these are the
last ones, from the parse alone (rules 3 to 6 of that module's docstring).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.read import cues
from storyline.read.source_phrase import token_chars, trim_tokens
from storyline.read.span_edges import aside_cut, is_date_phrase, lead_cut, phrasal_completion
from storyline.read.statement_phrases import statement_clause

_OBJECT_DEPS = ("dobj", "xcomp", "dative", "attr", "oprd", "acomp")
_OBJECT_PREPOSITIONS = frozenset({"of", "for", "as", "to", "about", "over", "against", "with", "from"})
_PASSIVE_COMPLEMENT_DEPS = frozenset({"prep", "oprd", "xcomp", "acomp", "attr"})
_ANSWERS = frozenset({"so", "yes", "no", "when", "why", "how", "whether"})


@dataclass(frozen=True)
class Content:
    """One content: its characters, whether quoted, and a preposition that joins the cue."""

    chars: tuple[int, int]
    direct: bool = False
    cue_extra: int | None = None
    clausal: bool = True


def other_contents(verb: Token) -> list[Content]:
    """A passive's clause, a relative pronoun's clause, the noun a ``by``-participle hangs from,
    else an ``if`` clause, the objects or the prepositional object (``accused X of Y``,
    ``referring to Y``). Measured on train (mean exact F1): ``calling for X to Y`` +0.05, a
    one-word answer (``said so``, ``said no``, ``would not say when``) +0.03, no date as a
    prepositional object +0.04."""
    doc = verb.doc
    found = _passive_content(verb) or _relative_object(verb)
    if found is not None:
        return [found]
    if _judges_its_noun(verb):
        noun = verb.head
        span = trim_tokens(doc, noun.left_edge.i, min(noun.i, verb.left_edge.i - 1))
        return [Content(token_chars(doc, *span), clausal=False)] if span else []
    completion = phrasal_completion(verb)
    if completion is not None:
        found = _after_completion(verb, completion)
        if found is not None:
            return [found]
    question = _question_clause(verb)
    if question is not None:
        return [question]
    objects = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS and c != completion]
    if objects:
        preps = [c.right_edge.i for c in verb.rights if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS]
        last = max([objects[-1].right_edge.i, *preps])
        first = objects[0].left_edge.i
        end = aside_cut(doc, first, last, token_chars(doc, first, last)[1])
        return [Content((doc[first].idx, end), clausal=False)]
    purpose = next((c for c in verb.rights if c.dep_ == "advcl" and c.left_edge.i == verb.i + 1), None)
    if purpose is not None and purpose.left_edge.lower_ == "for" and purpose.left_edge.dep_ == "mark":
        # ``calling for the state to act``: the parse makes "for ... to act" a clause of its own
        first = purpose.left_edge.i + 1
        return [Content(token_chars(doc, first, purpose.right_edge.i), cue_extra=first - 1, clausal=False)]
    answer = next(
        (c for c in verb.rights if c.lower_ in _ANSWERS and c.dep_ in ("advmod", "intj", "dobj")), None
    )
    if answer is not None:  # ``said so``, ``said no``, ``would not say when``
        return [Content(token_chars(doc, answer.i, answer.i), clausal=False)]
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.i == verb.i + 1), None)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
    clause = statement_clause(prep) if prep is not None else None
    if clause is not None:  # ``said in a statement that Y``, "that Y" hung on "statement"
        return [Content(token_chars(doc, *clause), cue_extra=clause[0] - 1)]
    if prep is not None and pobj is not None and not is_date_phrase(prep):  # not ``replied on Monday``
        return [
            Content(token_chars(doc, pobj.left_edge.i, pobj.right_edge.i), cue_extra=prep.i, clausal=False)
        ]
    return []


def _after_completion(verb: Token, completion: Token) -> Content | None:
    """For ``lashed out at X`` and ``took issue with X``: the object of the preposition right
    after the particle or noun, which joins the cue (PolNeAR's "lashed out at")."""
    doc = verb.doc
    if completion.i + 1 >= len(doc):
        return None
    prep = doc[completion.i + 1]
    if prep.lower_ == "that" and prep.dep_ == "mark" and prep.head.head.i in (verb.i, completion.i):
        clause = prep.head  # ``made it clear that ...``
        return Content(token_chars(doc, clause.left_edge.i, clause.right_edge.i), cue_extra=completion.i)
    if prep.dep_ != "prep" or prep.head.i not in (verb.i, completion.i) or is_date_phrase(prep):
        return None
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        return None
    chars = token_chars(doc, pobj.left_edge.i, pobj.right_edge.i)
    return Content(chars, cue_extra=prep.i, clausal=False)


def _judges_its_noun(verb: Token) -> bool:
    """Whether the noun a cue hangs from is its content: ``the bill, opposed by House
    Republicans`` (+0.02 mean exact F1 on train). Taking ``the establishment he rails against``
    the same way gained nothing: as many cues were lost as found."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "agent" for c in verb.children)
    )


def has_object(verb: Token) -> bool:
    """Whether a cue verb has an object of its own after it: ``Y, X says Z`` reports Z, not Y."""
    return any(
        c.dep_ in ("dobj", "xcomp", "dative") or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS)
        for c in verb.rights
    )


def host_clause(verb: Token) -> tuple[int, int]:
    """For ``Y, as X reported`` and ``Y, X said, Z``: the clause the cue hangs from, without the
    cue's own clause when that sits at its start or end (its setting-off comma does not count:
    ``Loyalty, he noted, has ...`` keeps "Loyalty"; +0.02 mean exact F1 on train, +0.01 on dev)."""
    head = verb.head
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
    lo, hi = head.left_edge.i, head.right_edge.i
    first = verb.left_edge.i
    while first < verb.i and verb.doc[first].is_punct:
        first += 1  # the comma that sets off ``Y, X said`` hangs on "said"
    if first <= lo + 1:
        lo = verb.right_edge.i + 1
    elif verb.right_edge.i >= hi - 1:
        hi = verb.left_edge.i - 1
    span = trim_tokens(verb.doc, lo, hi) or (head.i, head.i)
    return token_chars(verb.doc, lead_cut(verb.doc, *span), span[1])


def _passive_content(verb: Token) -> Content | None:
    """For ``the meetings were described as productive``: the subject through its complement.

    The range holds the cue; PolNeAR scoring cuts it out, readers see the whole clause.
    """
    subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    complement = [c for c in verb.rights if c.dep_ in _PASSIVE_COMPLEMENT_DEPS and c.lower_ != "by"]
    last = complement[-1].right_edge.i if complement else subject.right_edge.i
    extra = complement[0].i if complement and complement[0].lower_ == "as" else None
    return Content(token_chars(verb.doc, subject.left_edge.i, last), cue_extra=extra, clausal=False)


def _relative_object(verb: Token) -> Content | None:
    """For ``the levy, which Kask opposes`` and ``which he described as a ruse``: the relative
    pronoun through the complements after the cue (PolNeAR's content; scoring cuts out the cue
    and source between)."""
    if verb.dep_ != "relcl":
        return None
    pronoun = next((c for c in verb.lefts if c.dep_ == "dobj" and c.lower_ in cues.RELATIVE_PRONOUNS), None)
    if pronoun is None:
        return None
    tails = [
        c.right_edge.i for c in verb.rights if c.dep_ in _OBJECT_DEPS or c.dep_ in ("prep", "oprd", "ccomp")
    ]
    return Content(token_chars(verb.doc, pronoun.i, max([pronoun.i, *tails])), clausal=False)


def _question_clause(verb: Token) -> Content | None:
    """For ``Asked if she was bullied, ...``: the ``if``/``whether`` clause the parse hangs on the
    cue as an adverbial clause, not a complement; PolNeAR's content, with its "if" (+0.03 mean
    exact F1 on train, 67.36 -> 67.39; dev unchanged). Leaving such a passive "Asked" without
    a source, as PolNeAR mostly does, gained nothing."""
    for child in verb.rights:
        mark = child.left_edge
        if child.dep_ in ("advcl", "ccomp") and mark.lower_ in ("if", "whether") and mark.dep_ == "mark":
            return Content(token_chars(verb.doc, child.left_edge.i, child.right_edge.i))
    return None
