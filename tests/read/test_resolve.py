"""The entity resolver's look-ups by character range, memoised, against the look-up by phrase."""

from __future__ import annotations

from storyline.model import Span
from storyline.read.entities import find_entities
from storyline.read.nlp import parse
from storyline.read.resolve import EntityResolver

TEXT = (
    "President Maren Dovic met Teodor Kask on Thursday. He said the talks were useful, "
    "and Kask thinks they will go on."
)


def test_from_chars_resolves_as_the_phrase_does_and_remembers_it() -> None:
    doc = parse(TEXT)
    resolver = EntityResolver(doc, "a1", find_entities(doc, "a1"))
    dovic = resolver.from_chars(0, 21)
    assert dovic is not None
    assert dovic[0] == "President Maren Dovic"
    assert (dovic[1].start, dovic[1].end) == (0, 21)
    for start, end in [(0, 21), (51, 53), (87, 91), (52, 53)]:  # name, pronoun, surname, mid-word
        phrase = doc.char_span(start, end, alignment_mode="expand")
        assert phrase is not None
        assert resolver.from_chars(start, end) == resolver.from_phrase(phrase)
    assert resolver.from_chars(0, 21) is dovic  # the second look-up is the first's answer
    assert resolver.from_chars(51, 53) == ("He", Span("a1", 51, 53), dovic[2])  # "He" is Dovic


def _person_before_by_scan(resolver: EntityResolver, position: int) -> str | None:
    """The rule of :meth:`EntityResolver.person_before`, as a scan over every mention."""
    best: tuple[int, int, str] | None = None
    for entity in resolver.entities:
        if entity.kind != "person":
            continue
        for mention in entity.mentions:
            if mention.span.end <= position:
                place = resolver._mention_place(mention.span)
                if place is not None:
                    candidate = (*place, entity.id)
                    best = candidate if best is None or candidate[:2] >= best[:2] else best
    return best[2] if best else None


def test_person_before_is_the_last_person_preferring_subjects_outside_quotes() -> None:
    text = (
        "Teodor Kask met Maren Dovic. Kask praised Dovic, and Dovic thanked Kask. "
        "“Ilse Varga is wrong,” he said. Later Varga spoke, and she met Kask."
    )
    doc = parse(text)
    quoted = [(text.index("Ilse"), text.index("wrong") + 5)]
    resolver = EntityResolver(doc, "a1", find_entities(doc, "a1"), quoted)
    assert resolver.person_before(text.index(" he said")) is not None
    assert resolver.person_before(0) is None
    for position in range(len(text) + 1):
        assert resolver.person_before(position) == _person_before_by_scan(resolver, position)


def test_entity_at_takes_the_first_entity_holding_the_head_word() -> None:
    doc = parse(TEXT)
    resolver = EntityResolver(doc, "a1", find_entities(doc, "a1"))
    for token in doc:
        for phrase in (doc[token.i : token.i + 1], doc[token.left_edge.i : token.right_edge.i + 1]):
            root = phrase.root
            holding = [
                e.id
                for e in resolver.entities
                if any(m.span.start <= root.idx < m.span.end for m in e.mentions)
            ]
            if holding:
                assert resolver.entity_at(phrase) == holding[0]
    assert resolver.entity_at(doc[0:3]) == resolver.entity_at(doc[2:3])  # "President Maren Dovic"
