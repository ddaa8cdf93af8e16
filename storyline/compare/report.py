"""Compare the sources of one story into a :class:`Report` (the briefing is the brief stage's).

The story's articles arrive with their readings. Copies are set aside (they are listed with
their canonical article and never count as sources); the canonical articles, in publication
order, are aligned into facts, checked for conflicting, compatible and updated figures,
gathered into a quote ledger, and described one by one in how they frame the story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storyline.compare.facts import align_facts
from storyline.compare.framing import build_framing
from storyline.compare.numbers import compare_quantities
from storyline.compare.polarity import negation_conflicts
from storyline.compare.quotes import quote_ledger
from storyline.compare.sources import build_sources, origin_map
from storyline.model import Article, Conflict, Fact, Reading, Report, StoryInfo, Update

TOP_ENTITIES = 8
"""Entities named on the story card: the ones most articles mention."""


def _publication_order(item: tuple[Article, Reading]) -> tuple[int, str, str]:
    article = item[0]
    return (article.published is None, article.published or "", article.id)


def _story_entities(items: Sequence[tuple[Article, Reading]]) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for _, reading in items:
        for name in {e.name for e in reading.entities if e.kind in ("person", "org", "place")}:
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return tuple(ranked[:TOP_ENTITIES])


def _inside(fact: Fact, article_id: str, span: tuple[int, int]) -> bool:
    return any(
        s.article_id == article_id and s.span[0] <= span[0] and span[1] <= s.span[1] for s in fact.support
    )


def _disputed(fact: Fact, conflict: Conflict) -> bool:
    """Whether the fact's own supporters give two sides of the conflict, or, for a negation
    conflict, any side: what the fact states is what another source denies (or asserts)."""
    sides = {
        index
        for index, value in enumerate(conflict.values)
        for article_id, span in zip(value.article_ids, value.spans, strict=False)
        if _inside(fact, article_id, span)
    }
    return len(sides) >= (1 if conflict.kind == "negation" else 2)


def _mark_status(facts: list[Fact], conflicts: Sequence[Conflict], updates: Sequence[Update]) -> list[Fact]:
    """A fact whose supporters disagree on a figure is conflicting; one carrying a changed figure, updated.

    A fact that merely mentions a disputed detail in passing, with all its supporters on one
    side ("agreed on Wednesday to set up a commission"), keeps its status.
    """
    marked = []
    for fact in facts:
        if any(_disputed(fact, conflict) for conflict in conflicts):
            fact = replace(fact, status="conflicting")
        elif any(_inside(fact, s.article_id, s.span) for u in updates for s in (*u.sequence, *u.stale)):
            fact = replace(fact, status="updated")
        marked.append(fact)
    return marked


def compare_story(
    story_id: str, title: str, articles: Sequence[Article], readings: dict[str, Reading]
) -> Report:
    """The report of one story, without its briefing."""
    canonical = sorted(
        ((a, readings[a.id]) for a in articles if a.copy_of is None and a.id in readings),
        key=_publication_order,
    )
    copies = [a for a in articles if a.copy_of is not None]
    origins = origin_map(canonical)
    conflicts, updates, _compatible = compare_quantities(canonical)
    conflicts += negation_conflicts(canonical, len(conflicts) + 1)
    facts = _mark_status(align_facts(canonical, origins), conflicts, updates)
    dates = sorted(a.published for a, _ in canonical if a.published)
    story = StoryInfo(
        id=story_id,
        title=title,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
        entities=_story_entities(canonical),
    )
    return Report(
        story=story,
        sources=tuple(build_sources(canonical, copies)),
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        updates=tuple(updates),
        quotes=tuple(quote_ledger(canonical)),
        framing=tuple(build_framing(canonical, facts)),
    )
