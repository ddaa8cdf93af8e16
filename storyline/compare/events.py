"""Event anchors: the where and the defining figure of a story, named by most of its articles.

Claims align into facts by wording, but "where" and "how strong" facts are often stated in
passing ("met in Port Aldine on Wednesday", "The magnitude 6.4 quake, centred near ...") inside
sentences that say different things. An anchor is a place named in a locative role ("in / at /
to Port Aldine") or an event-defining measure ("magnitude 6.4") that most of a story's articles
mention; each such mention supports the event fact, as the exact words the article used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import Article, Reading

LOCATIVE_WORDS = frozenset({"in", "at", "to"})
"""Words before a place name that make it where the event happened (or where people went):
"met in Port Aldine", "talks at Port Aldine", "went to Port Aldine". "of Skelde" or "the
Kestranian port of Marrow Bay" locate something else, not the event."""
EVENT_MEASURE_KINDS = frozenset({"measure"})
"""Quantity kinds that define an event: magnitudes and similar measures. Counts, tolls and
percentages change or conflict between reports and are compared by the numbers stage."""
MOST_ARTICLES = 0.5
"""An anchor must be named by more than this share of the story's canonical articles: on the
examples "Port Aldine" (8 of 8) and "magnitude 6.4" (4 of 4) pass, the other places of the
summit story (Cardell, Vessenburg: 1 to 2 of 8 in a locative role) do not."""
MIN_EVENT_ARTICLES = 3
"""And by at least this many articles: two articles naming the same town are a coincidence."""

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


@dataclass(frozen=True)
class Mention:
    """Where one article names an anchor: the exact span and words."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Anchor:
    """A place or measure most articles name, with each article's mentions of it in text order."""

    key: str
    mentions: dict[str, tuple[Mention, ...]]

    @property
    def is_measure(self) -> bool:
        """A defining figure, stated within the event's own sentence ("The magnitude 6.4 quake ...").

        A place is only the setting: statements naming it ("met in Port Aldine", "will meet in
        Port Aldine") may be about different things, so a place anchor is a fact of its own.
        """
        return self.key.startswith("measure:")


def _place_mentions(article: Article, reading: Reading) -> dict[str, list[Mention]]:
    """Place name → its mentions in a locative role, the preposition included."""
    found: dict[str, list[Mention]] = {}
    for entity in reading.entities:
        if entity.kind != "place":
            continue
        for mention in entity.mentions:
            before = _WORD_BEFORE.search(article.text, max(0, mention.span.start - 16), mention.span.start)
            if before is None or before.group(1).lower() not in LOCATIVE_WORDS:
                continue
            start, end = before.start(1), mention.span.end
            found.setdefault(f"place:{entity.name}", []).append(Mention(start, end, article.text[start:end]))
    return found


def _measure_mentions(reading: Reading) -> dict[str, list[Mention]]:
    """Event measure (unit and value) → its mentions."""
    found: dict[str, list[Mention]] = {}
    for quantity in reading.quantities:
        if quantity.kind in EVENT_MEASURE_KINDS and quantity.unit and quantity.value is not None:
            key = f"measure:{quantity.unit}:{quantity.value:g}"
            found.setdefault(key, []).append(Mention(quantity.span.start, quantity.span.end, quantity.text))
    return found


def event_anchors(items: Sequence[tuple[Article, Reading]]) -> list[Anchor]:
    """The anchors most of the canonical articles ``items`` name, in first-seen order."""
    by_key: dict[str, dict[str, tuple[Mention, ...]]] = {}
    for article, reading in items:
        for key, mentions in (_place_mentions(article, reading) | _measure_mentions(reading)).items():
            ordered = tuple(sorted(mentions, key=lambda m: m.start))
            by_key.setdefault(key, {})[article.id] = ordered
    needed = max(MIN_EVENT_ARTICLES, int(len(items) * MOST_ARTICLES) + 1)
    return [Anchor(key, mentions) for key, mentions in by_key.items() if len(mentions) >= needed]
