"""Claims: the checkable statements of each sentence, whose voice they are in, how sure.

A claim is a main clause: its predicate (the clause's verb), its subject, the entities it
involves, whether it is the outlet's own assertion or reported from a source (it lies inside
an attribution's content), the hedges that soften it, and whether it is negated ("did not
alter", "without reaching", "no breakthrough"). Coordinated main clauses with their own
subjects are separate claims, because sources often confirm one half and not the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from storyline.model import Attribution, Claim, Entity, Span

NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "without", "neither", "nor", "nothing", "none"})
"""Words that negate the clause they govern ("without reaching", "no final decisions")."""
MIN_CLAIM_WORDS = 4
"""Shorter sentences (subheadings, fragments) state nothing checkable."""


def _clause_tokens(predicate: Token, sentence: SpacySpan) -> list[Token]:
    """The predicate's clause, without coordinated clauses that have subjects of their own."""
    excluded: set[int] = set()
    for child in predicate.children:
        if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            excluded.update(t.i for t in child.subtree)
            excluded.update(t.i for t in predicate.children if t.dep_ == "cc" and t.i < child.i)
    return [t for t in predicate.subtree if t.i not in excluded and sentence.start <= t.i < sentence.end]


def _predicates(sentence: SpacySpan) -> list[Token]:
    root = sentence.root
    found = [root]
    for child in root.children:
        if (
            child.dep_ == "conj"
            and child.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ):
            found.append(child)
    return found


def _reported_predicate(predicate: Token, attributions: Sequence[Attribution]) -> Token:
    """For "X said that Y did Z", the claim is "Y did Z": step into the reported clause."""
    is_cue = any(a.cue_span.start <= predicate.idx < a.cue_span.end for a in attributions)
    if not is_cue:
        return predicate
    for child in predicate.children:
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX"):
            return child
    return predicate


def _is_negated(predicate: Token, tokens: Sequence[Token]) -> bool:
    if any(c.dep_ == "neg" for c in predicate.children):
        return True
    for token in tokens:
        word = token.lower_
        if word == "without" and token.head.i == predicate.i:
            return True
        if word in ("no", "never", "none", "nothing") and token.head.head.i == predicate.i:
            return True
    return False


def _subject(predicate: Token) -> str | None:
    for child in predicate.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return predicate.doc[child.left_edge.i : child.right_edge.i + 1].text
    return None


def _attribution_of(attributions: Sequence[Attribution], start: int, end: int) -> int | None:
    """Index of the attribution whose content covers most of the clause, if any."""
    best, best_share = None, 0.5
    for index, attribution in enumerate(attributions):
        overlap = min(end, attribution.content_span.end) - max(start, attribution.content_span.start)
        share = overlap / max(end - start, 1)
        if share > best_share:
            best, best_share = index, share
    return best


def _entities_in(entities: Sequence[Entity], start: int, end: int) -> tuple[str, ...]:
    return tuple(
        e.id for e in entities if any(start <= m.span.start and m.span.end <= end for m in e.mentions)
    )


def find_claims(
    sentences: Sequence[SpacySpan],
    article_id: str,
    attributions: Sequence[Attribution],
    entities: Sequence[Entity],
    hedges: Sequence[tuple[int, int, str]],
) -> list[Claim]:
    """The claims of the given sentences; ``hedges`` are ``(start, end, hedge)`` character ranges."""
    claims: list[Claim] = []
    if not sentences:
        return claims
    text = sentences[0].doc.text  # Doc.text rebuilds the string on every access: read it once
    for sentence in sentences:
        if len(sentence) < MIN_CLAIM_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in sentence):
            continue
        for main in _predicates(sentence):
            predicate = _reported_predicate(main, attributions)
            tokens = _clause_tokens(predicate, sentence)
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            attribution = _attribution_of(attributions, start, end)
            outer = _clause_tokens(main, sentence)  # "X reportedly insisted that ...": the hedge is X's
            outer_start, outer_end = outer[0].idx, outer[-1].idx + len(outer[-1].text)
            found_hedges = tuple(h for s, e, h in hedges if outer_start <= s and e <= outer_end)
            claims.append(
                Claim(
                    span=Span(article_id, start, end),
                    text=text[start:end],
                    predicate=predicate.lemma_,
                    voice="outlet" if attribution is None else "attributed",
                    subject=_subject(predicate),
                    entities=_entities_in(entities, start, end),
                    hedges=found_hedges,
                    negated=_is_negated(predicate, tokens),
                    attribution=attribution,
                )
            )
    return claims
