"""The sources of a story: canonical articles, their copies, what they relay, their origin groups.

Two articles are not independent evidence when one is a copy of the other, when one relays the
other's reporting ("as the Daily Meridian reported"), or when both relay the same original.
Origin groups join such articles, so corroboration can count independent origins rather than
outlets: "reported by 9 outlets, 2 independent origins".
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, Reading, Relayed, Source


def outlet_key(name: str | None) -> str:
    """A comparable outlet name: "the Daily Meridian" and "The Daily Meridian" agree."""
    if not name:
        return ""
    words = name.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def relay_origin(outlet: str) -> str:
    """The origin key of reporting relayed from ``outlet``."""
    return f"outlet:{outlet_key(outlet)}"


def origin_map(items: Sequence[tuple[Article, Reading]]) -> dict[str, str]:
    """Origin of each outlet name in the story: relayed reporting from a story outlet is its article's.

    Keys are :func:`relay_origin` keys; values are origin ids (``article:ID`` for an outlet whose
    article is in the story, else the outlet key itself). An article is not merged wholesale
    with an outlet it relays: the relay covers one statement, not everything it reports.
    """
    origins: dict[str, str] = {}
    for article, _ in items:
        if article.outlet:
            origins.setdefault(relay_origin(article.outlet), f"article:{article.id}")
    return origins


def origin_of(outlet: str, origins: dict[str, str]) -> str:
    """The origin id of reporting relayed from ``outlet``."""
    key = relay_origin(outlet)
    return origins.get(key, key)


def build_sources(items: Sequence[tuple[Article, Reading]], copies: Sequence[Article]) -> list[Source]:
    """One :class:`Source` per canonical article, in publication order."""
    sources = []
    for article, reading in items:
        copy_ids = tuple(c.id for c in copies if c.copy_of == article.id)
        relays = tuple(Relayed(r.outlet, (r.span.start, r.span.end)) for r in reading.relays)
        sources.append(
            Source(
                article_id=article.id,
                outlet=article.outlet,
                byline=article.byline,
                title=article.title,
                url=article.url,
                published=article.published,
                copies=copy_ids,
                relays=relays,
                origin_group=_origin_group(reading, article),
            )
        )
    return sources


def _origin_group(reading: Reading, article: Article) -> str:
    """The article's own origin, or the relayed outlet's when everything it says is relayed."""
    named = sorted({relay.outlet for relay in reading.relays if relay.named})
    if named and not any(c.voice == "outlet" for c in reading.claims):
        return relay_origin(named[0])
    return f"article:{article.id}"
