"""Which entity a phrase names: a speaker, an attribution's source, a pronoun.

Used by quotes and attributions alike so that both resolve "he", "the president" and
"U.S. Ambassador to Israel Mike Huckabee" the same way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.model import Entity, Span
from storyline.read.entities import TITLE_WORDS

PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "their"})


class MentionIndex:
    """The entities' mentions sorted by start, to find those near a range without a full scan.

    Claims and sources ask, for every clause and phrase, which entities are mentioned there;
    scanning every mention of every entity each time was one of the read stage's larger costs.
    Answers list entities in the order of ``entities``, as a scan would.
    """

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities = entities
        ranges = sorted((m.span.start, m.span.end, k) for k, e in enumerate(entities) for m in e.mentions)
        self.ranges = ranges
        self.starts = [start for start, _, _ in ranges]
        self.longest = max((end - start for start, end, _ in ranges), default=0)

    def within(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention lying inside ``start``-``end``."""
        found: set[int] = set()
        for mention_start, mention_end, k in self.ranges[bisect_left(self.starts, start) :]:
            if mention_start > end:  # so does its end: no later mention fits
                break
            if mention_end <= end:
                found.add(k)
        return [self.entities[k] for k in sorted(found)]

    def overlapping(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention overlapping ``start``-``end``."""
        # a mention ending after ``start`` starts after ``start - longest``
        first = bisect_right(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        found = {k for _, mention_end, k in self.ranges[first:last] if start < mention_end}
        return [self.entities[k] for k in sorted(found)]


class EntityResolver:
    """Resolves a phrase (a speaker, a source) to an entity of the article."""

    def __init__(
        self, doc: Doc, article_id: str, entities: Sequence[Entity], quoted: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.doc = doc
        self.article_id = article_id
        self.entities = entities
        self.quoted = quoted
        self._places: dict[tuple[int, int], tuple[int, int] | None] = {}
        self._mentions: MentionIndex | None = None
        self._phrases: dict[tuple[int, int], tuple[str, Span, str | None] | None] = {}
        self._people: tuple[list[int], list[str]] | None = None

    def _in_quote(self, span: Span) -> bool:
        return any(start <= span.start and span.end <= end for start, end in self.quoted)

    def entity_at(self, phrase: SpacySpan) -> str | None:
        """The entity naming the phrase's head word, or the person a title phrase introduces."""
        root = phrase.root
        if self._mentions is None:
            self._mentions = MentionIndex(self.entities)
        # the first entity with a mention holding the head word: the index answers that too,
        # where a scan went through every mention of each entity near the phrase
        holding = self._mentions.overlapping(root.idx, root.idx + 1)
        if holding:
            return holding[0].id
        overlapping = self._mentions.overlapping(phrase.start_char, phrase.end_char)
        if root.text.lower().rstrip(".") in TITLE_WORDS:
            people = [e for e in overlapping if e.kind == "person"]
            return people[-1].id if people else None
        return self._person_by_surname(root.text) if root.text[:1].isupper() else None

    def _person_by_surname(self, word: str) -> str | None:
        """The one person whose name ends in ``word``, for a surname the NER missed.

        The NER misses a name now and then ("Trump reportedly reaffirmed that ..." on seed 001 got
        no entity, and the tagger took "Trump" for a noun, though "Donald Trump" is named above
        it); a capitalised word that ends exactly one person's name is that person. Two such
        people: unknown.
        """
        people = [e for e in self.entities if e.kind == "person" and e.name.split()[-1] == word]
        return people[0].id if len(people) == 1 else None

    def person_before(self, position: int) -> str | None:
        """The person mentioned last before ``position``, preferring sentence subjects.

        Names inside quotations are skipped: in “Veloria is not ready,” she said, "she" is the
        speaker, never someone the speaker talks about.
        """
        ends, best = self._people_by_end()
        at = bisect_right(ends, position)
        return best[at - 1] if at else None

    def _people_by_end(self) -> tuple[list[int], list[str]]:
        """The people's mentions (outside quotations) by where they end, and for each the person
        :meth:`person_before` names just after it: the best by (sentence start, subject) of it
        and those ending before it, the later in entity and mention order on a tie.

        Built once per article: each pronoun looked back over every mention of every person
        (~0.15 ms of CPU per article on 300 BASIL articles); now it is a binary search here.
        """
        if self._people is None:
            ranked = []
            rank = 0
            for entity in self.entities:
                if entity.kind != "person":
                    continue
                for mention in entity.mentions:
                    rank += 1
                    place = self._mention_place(mention.span)
                    if place is not None:
                        ranked.append((mention.span.end, (*place, rank), entity.id))
            ranked.sort(key=lambda item: item[0])
            ends: list[int] = []
            best: list[str] = []
            best_key: tuple[int, int, int] | None = None
            for end, key, entity_id in ranked:
                if best_key is None or key > best_key:
                    best_key = key
                    best.append(entity_id)
                else:
                    best.append(best[-1])
                ends.append(end)
            self._people = (ends, best)
        return self._people

    def _mention_place(self, span: Span) -> tuple[int, int] | None:
        """``(sentence start, 1 if a subject else 0)`` of a mention, or None inside a quotation.

        Memoised: every pronoun looks back over the same mentions, and each look-up builds
        spaCy spans.
        """
        key = (span.start, span.end)
        if key not in self._places:
            self._places[key] = None if self._in_quote(span) else self._locate(span)
        return self._places[key]

    def _locate(self, span: Span) -> tuple[int, int]:
        token = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        is_subject = token is not None and token.root.dep_ in ("nsubj", "nsubjpass")
        sentence_start = token.sent.start_char if token is not None else span.start
        return sentence_start, int(is_subject)

    def from_chars(self, start: int, end: int) -> tuple[str, Span, str | None] | None:
        """:meth:`from_phrase` of the tokens covering characters ``start``-``end``, or None where
        the doc has no such tokens.

        Memoised: an attribution's source is resolved once to link it and again for every
        quotation it holds, and one source phrase often heads several attributions (a split
        quote, "X said A, adding B"); 40% of the look-ups on 300 BASIL articles were repeats,
        each a ``Doc.char_span`` and a walk over the mentions.
        """
        key = (start, end)
        if key not in self._phrases:
            phrase = self.doc.char_span(start, end, alignment_mode="expand")
            self._phrases[key] = None if phrase is None else self.from_phrase(phrase)
        return self._phrases[key]

    def from_phrase(self, phrase: SpacySpan) -> tuple[str, Span, str | None]:
        span = Span(self.article_id, phrase.start_char, phrase.end_char)
        text = phrase.text  # rebuilt from the tokens on every access: read it once
        if text.lower() in PRONOUNS:
            return text, span, self.person_before(phrase.start_char)
        return text, span, self.entity_at(phrase)
