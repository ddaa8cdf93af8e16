"""Which entity a phrase names: a speaker, an attribution's source, a pronoun.

Used by quotes and attributions alike so that both resolve "he", "the president" and
"U.S. Ambassador to Israel Mike Huckabee" the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.model import Entity, Span
from storyline.read.entities import TITLE_WORDS

PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "their"})


class EntityResolver:
    """Resolves a phrase (a speaker, a source) to an entity of the article."""

    def __init__(
        self, doc: Doc, article_id: str, entities: Sequence[Entity], quoted: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.doc = doc
        self.article_id = article_id
        self.entities = entities
        self.quoted = quoted

    def _in_quote(self, span: Span) -> bool:
        return any(start <= span.start and span.end <= end for start, end in self.quoted)

    def entity_at(self, phrase: SpacySpan) -> str | None:
        """The entity naming the phrase's head word, or the person a title phrase introduces."""
        root = phrase.root
        overlapping = [
            e
            for e in self.entities
            if any(m.span.start < phrase.end_char and phrase.start_char < m.span.end for m in e.mentions)
        ]
        for entity in overlapping:
            if any(m.span.start <= root.idx < m.span.end for m in entity.mentions):
                return entity.id
        if root.text.lower().rstrip(".") in TITLE_WORDS:
            people = [e for e in overlapping if e.kind == "person"]
            return people[-1].id if people else None
        return None

    def person_before(self, position: int) -> str | None:
        """The person mentioned last before ``position``, preferring sentence subjects.

        Names inside quotations are skipped: in “Veloria is not ready,” she said, "she" is the
        speaker, never someone the speaker talks about.
        """
        best: tuple[int, int, str] | None = None
        for entity in self.entities:
            if entity.kind != "person":
                continue
            for mention in entity.mentions:
                if mention.span.end <= position and not self._in_quote(mention.span):
                    token = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
                    is_subject = token is not None and token.root.dep_ in ("nsubj", "nsubjpass")
                    sentence_start = token.sent.start_char if token is not None else mention.span.start
                    candidate = (sentence_start, int(is_subject), entity.id)
                    best = candidate if best is None or candidate[:2] >= best[:2] else best
        return best[2] if best else None

    def from_phrase(self, phrase: SpacySpan) -> tuple[str, Span, str | None]:
        span = Span(self.article_id, phrase.start_char, phrase.end_char)
        if phrase.text.lower() in PRONOUNS:
            return phrase.text, span, self.person_before(phrase.start_char)
        return phrase.text, span, self.entity_at(phrase)
