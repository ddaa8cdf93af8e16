"""Claims: the checkable statements of each sentence, whose voice they are in, how sure.

A claim is a main clause: its predicate (the clause's verb), its subject, the entities it
involves, whether it is the outlet's own assertion or reported from a source (it lies inside
an attribution's content), the hedges that soften it, and whether it is negated ("did not
alter", "without reaching", "no breakthrough"). Coordinated main clauses with their own
subjects are separate claims, because sources often confirm one half and not the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, HEAD, IDX, LENGTH, LOWER, POS  # type: ignore[import-not-found]  # a .pyx without stub
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.model import Attribution, Claim, Entity, Span
from storyline.read.resolve import MentionIndex

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "without", "neither", "nor", "nothing", "none"})
"""Words that negate the clause they govern ("without reaching", "no final decisions")."""
NEGATING_HEADS = ("without", "no", "never", "none", "nothing")
"""Words that negate their head ("without") or their head's head ("no final decisions")."""
MIN_CLAIM_WORDS = 4
"""Shorter sentences (subheadings, fragments) state nothing checkable."""


SUBJECT_DEPS = ("nsubj", "nsubjpass")
"""Dependency labels of a clause's own subject."""
VERB_POS = ("VERB", "AUX")
"""Parts of speech that head a clause."""
_UNSIGNED = (1 << 64) - 1
"""Masks a hash read back as a signed 64-bit int to the unsigned value the string store knows."""


def _names(doc: Doc, ids: list[int]) -> list[str]:
    """The strings of a column of ``Doc.to_array`` (hashes, read back as signed ints)."""
    strings = doc.vocab.strings
    known = {value: strings[value & _UNSIGNED] for value in set(ids)}
    return [known[value] for value in ids]


def _any_equal(column: numpy.ndarray[Any, Any], values: list[int]) -> numpy.ndarray[Any, Any]:
    """Which entries of ``column`` (string ids) are any of ``values``, as booleans."""
    found = numpy.zeros(len(column), dtype=bool)
    for value in values:
        found |= column == value
    return found


class _Tree:
    """The parse of one document as plain lists indexed by token position.

    The claim rules walk every sentence's clauses; with spaCy objects each step (``doc[i]``,
    ``token.children``, ``token.subtree``) creates fresh Token objects, which cost more than
    the rules themselves. Lists of strings and ints are read once per document instead.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # one table for every column, and sums and tests done by numpy over whole columns (with
        # ``==``: ``numpy.isin`` sorts, and cost more than the loops it replaced): per-token
        # Python loops took a third of this (0.40 -> 0.26 ms per 770-token article)
        table = doc.to_array([HEAD, IDX, LENGTH, DEP, POS, LOWER])
        signed = table.astype(numpy.int64)  # heads are offsets, negative ones stored wrapped
        self.head: list[int] = (numpy.arange(len(table)) + signed[:, 0]).tolist()
        self.idx: list[int] = signed[:, 1].tolist()
        self.end: list[int] = (signed[:, 1] + signed[:, 2]).tolist()
        """Character offset just past each token (``idx + len(text)``)."""
        self.dep = _names(doc, signed[:, 3].tolist())
        strings = doc.vocab.strings
        tags, lowers = table[:, 4], table[:, 5]
        self.verb: list[bool] = _any_equal(tags, [strings[pos] for pos in VERB_POS]).tolist()
        """Whether each token is a verb or auxiliary (:data:`VERB_POS`), which can head a clause."""
        negating = _any_equal(lowers, [strings[word] for word in NEGATING_HEADS])
        self.negators = [(i, strings[int(lowers[i])]) for i in numpy.flatnonzero(negating).tolist()]
        """(token, word) of the doc's :data:`NEGATING_HEADS`: clauses look only at these few."""
        self.children: list[list[int]] = [[] for _ in self.head]
        for index, head in enumerate(self.head):
            if head != index:
                self.children[head].append(index)

    def subtree(self, index: int) -> list[int]:
        """Like ``Token.subtree``, in its order: left children's subtrees, the token, right ones."""
        found: list[int] = []
        self._collect(index, found)
        return found

    def _collect(self, index: int, found: list[int]) -> None:
        """Children are in token order, so one pass puts the token between its left and right ones."""
        children = self.children[index]
        if not children:  # a leaf, as most tokens are
            found.append(index)
            return
        pending = True
        for child in children:
            if pending and child > index:
                found.append(index)
                pending = False
            self._collect(child, found)
        if pending:
            found.append(index)

    def has_subject(self, index: int) -> bool:
        """Whether the token has a subject of its own (a coordinated clause, not a shared verb)."""
        return any(self.dep[c] in SUBJECT_DEPS for c in self.children[index])


def _clause_tokens(tree: _Tree, predicate: int, sentence: SpacySpan) -> list[int]:
    """The predicate's clause, without coordinated clauses that have subjects of their own."""
    excluded: set[int] = set()
    children = tree.children[predicate]
    for child in children:
        if tree.dep[child] == "conj" and tree.has_subject(child):
            excluded.update(tree.subtree(child))
            excluded.update(t for t in children if tree.dep[t] == "cc" and t < child)
    first, last = sentence.start, sentence.end
    tokens = tree.subtree(predicate)
    if not excluded and first <= min(tokens) and max(tokens) < last:
        return tokens  # the usual case: nothing to leave out
    return [t for t in tokens if t not in excluded and first <= t < last]


def _predicates(tree: _Tree, sentence: SpacySpan) -> list[int]:
    root = sentence.root.i
    found = [root]
    for child in tree.children[root]:
        if tree.dep[child] == "conj" and tree.verb[child] and tree.has_subject(child):
            found.append(child)
    return found


def _reported_predicate(tree: _Tree, predicate: int, in_cue: bytearray) -> int:
    """For "X said that Y did Z", the claim is "Y did Z": step into the reported clause.

    ``in_cue`` marks the characters inside attribution cues (:func:`_cue_mask`).
    """
    if not in_cue[tree.idx[predicate]]:
        return predicate
    for child in tree.children[predicate]:
        if tree.dep[child] in ("ccomp", "xcomp") and tree.verb[child]:
            return child
    return predicate


def _cue_mask(attributions: Sequence[Attribution], size: int) -> bytearray:
    """One byte per character of the text, 1 inside an attribution's cue ("said", "told").

    Why: each predicate asked every cue whether it lay inside it (25 cues an article); one
    lookup here. Built once per article.
    """
    mask = bytearray(size + 1)
    for attribution in attributions:
        start, end = attribution.cue_span.start, attribution.cue_span.end
        mask[start:end] = b"\x01" * len(mask[start:end])
    return mask


def _is_negated(tree: _Tree, predicate: int, tokens: Sequence[int]) -> bool:
    """Whether the clause of ``predicate`` (its ``tokens``) is negated.

    The doc's negators are few, so each is tested against the predicate first and looked up
    in the clause only when it governs it (before: a dictionary lookup per clause token).
    """
    if any(tree.dep[c] == "neg" for c in tree.children[predicate]):
        return True
    head = tree.head
    for token, word in tree.negators:
        governed = head[token] if word == "without" else head[head[token]]
        if governed == predicate and token in tokens:
            return True
    return False


def _subject(tree: _Tree, predicate: int, text: str) -> str | None:
    """The subject phrase's text: ``text`` (the doc's) sliced, as spaCy's ``Span.text`` would give."""
    for child in tree.children[predicate]:
        if tree.dep[child] in SUBJECT_DEPS:
            token = tree.doc[child]
            return text[tree.idx[token.left_edge.i] : tree.end[token.right_edge.i]]
    return None


def _attribution_of(contents: Sequence[tuple[int, int]], start: int, end: int) -> int | None:
    """Index of the attribution whose content (``contents``) covers most of the clause, if any."""
    best, best_share = None, 0.5
    width = max(end - start, 1)
    for index, (content_start, content_end) in enumerate(contents):
        if content_start < end and start < content_end:  # the others share nothing: skip the sums
            share = (min(end, content_end) - max(start, content_start)) / width
            if share > best_share:
                best, best_share = index, share
    return best


def find_claims(
    sentences: Sequence[SpacySpan],
    article_id: str,
    attributions: Sequence[Attribution],
    entities: Sequence[Entity],
    hedges: Sequence[tuple[int, int, str]],
    text: str | None = None,
) -> list[Claim]:
    """The claims of the given sentences; ``hedges`` are ``(start, end, hedge)`` character ranges.

    ``text`` is the document's text when the caller already has it (``Doc.text`` is rebuilt
    on every access). The per-clause tests read what was found once per document: a mask of
    the cues' characters, the few negators, which tokens are verbs; clauses with nothing to
    leave out are taken whole, and attributions that do not overlap a clause are not measured
    (1.3 -> 0.97 ms of CPU per article on 200 BASIL articles, the same claims).
    """
    claims: list[Claim] = []
    if not sentences:
        return claims
    doc = sentences[0].doc
    text = doc.text if text is None else text
    tree = _Tree(doc)
    in_cue = _cue_mask(attributions, len(text))
    contents = [(a.content_span.start, a.content_span.end) for a in attributions]
    mentions = MentionIndex(entities)
    for sentence in sentences:
        if len(sentence) < MIN_CLAIM_WORDS or not any(tree.verb[sentence.start : sentence.end]):
            continue
        for main in _predicates(tree, sentence):
            predicate = _reported_predicate(tree, main, in_cue)
            tokens = _clause_tokens(tree, predicate, sentence)
            start, end = tree.idx[tokens[0]], tree.end[tokens[-1]]
            attribution = _attribution_of(contents, start, end)
            # "X reportedly insisted that ...": the hedge is X's, so look in the main clause
            outer = tokens if predicate == main else _clause_tokens(tree, main, sentence)
            outer_start, outer_end = tree.idx[outer[0]], tree.end[outer[-1]]
            found_hedges = tuple(h for s, e, h in hedges if outer_start <= s and e <= outer_end)
            claims.append(
                Claim(
                    span=Span(article_id, start, end),
                    text=text[start:end],
                    predicate=doc[predicate].lemma_,
                    voice="outlet" if attribution is None else "attributed",
                    subject=_subject(tree, predicate, text),
                    entities=tuple(e.id for e in mentions.within(start, end)),
                    hedges=found_hedges,
                    # "did not agree to suspend the levy": a denied cue denies its content
                    negated=_is_negated(tree, predicate, tokens)
                    or (predicate != main and _is_negated(tree, main, outer)),
                    attribution=attribution,
                )
            )
    return claims
