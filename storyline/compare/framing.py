"""How each article frames the story, shown by its evidence rather than scored.

Per article: the headline's angle (which actor it puts first and which frame its own words
carry: failure, conflict, agreement), what the article leads with (its first claim), the
loaded terms it uses in its own voice and inside quotations, and the corroborated facts it
leaves out that other sources report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.model import Article, Fact, Framing, LoadedUse, Reading
from storyline.read.lexicon import find_loaded_terms

FRAME_WORDS: dict[str, tuple[str, ...]] = {
    "failure": (
        "empty-handed",
        "fail",
        "collapse",
        "rebuff",
        "reject",
        "snub",
        "humiliat",
        "no deal",
        "no new",
        "without",
        "stall",
        "cave",
        "give away",
        "gave away",
        "retreat",
        "setback",
    ),
    "conflict": (
        "clash",
        "sour",
        "row",
        "spat",
        "dispute",
        "warn",
        "threat",
        "sharp words",
        "standoff",
        "defend",
        "holds firm",
        "hold firm",
        "attack",
        "tension",
    ),
    "agreement": ("agree", "deal", "accord", "set up", "yield", "step", "breakthrough", "pact", "commission"),
    "disaster": ("kill", "dead", "toll", "quake", "earthquake", "flood", "rescue", "victim"),
}
"""Cue words of headline frames, checked in this order; the first frame with a cue wins."""


def headline_angle(title: str | None, reading: Reading) -> str:
    """ "<frame>: <actor first named>" from the headline, or "none" when there is no headline."""
    if not title:
        return "no headline"
    lowered = title.lower()
    frame = next(
        (
            name
            for name, cues in FRAME_WORDS.items()
            if any(re.search(rf"\b{re.escape(c)}", lowered) for c in cues)
        ),
        "descriptive",
    )
    actor = _first_actor(title, reading)
    loaded = [t.term for t in find_loaded_terms(title, "title")]
    parts = (
        [frame]
        + ([f"puts {actor} first"] if actor else [])
        + ([f"loaded: {', '.join(loaded)}"] if loaded else [])
    )
    return "; ".join(parts)


def _first_actor(title: str, reading: Reading) -> str | None:
    """The entity the headline names first, by any of its aliases."""
    best: tuple[int, str] | None = None
    for entity in reading.entities:
        if entity.kind not in ("person", "org", "place", "outlet"):
            continue
        for alias in entity.aliases:
            position = title.find(alias)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, entity.name)
    return best[1] if best else None


def leads_with(reading: Reading) -> str:
    """The article's first claim: what it chose to say first."""
    if not reading.claims:
        return ""
    return min(reading.claims, key=lambda c: c.span.start).text


def build_framing(items: Sequence[tuple[Article, Reading]], facts: Sequence[Fact]) -> list[Framing]:
    """One :class:`Framing` per canonical article, with omissions among corroborated facts."""
    corroborated = [f for f in facts if f.status == "corroborated"]
    framing = []
    for article, reading in items:
        loaded = tuple(LoadedUse(t.term, (t.span.start, t.span.end), t.voice) for t in reading.loaded_terms)
        omits = tuple(f.id for f in corroborated if all(s.article_id != article.id for s in f.support))
        framing.append(
            Framing(article.id, headline_angle(article.title, reading), loaded, leads_with(reading), omits)
        )
    return framing
