"""The example corpus: stories 1–3 of gold.json exactly, whatever the arrival order; the seeds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from storyline.model import Article
from storyline.stories import StreamGrouper

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _orders(articles: list[Article]) -> list[list[Article]]:
    orders = [list(articles), list(reversed(articles))]
    for seed in range(6):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        orders.append(shuffled)
    return orders


def _partition(membership: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, story_id in membership.items():
        groups.setdefault(story_id, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def test_gold_stories_in_any_order(
    example_articles: list[Article],
    gold_stories: tuple[dict[str, str], list[set[str]], list[tuple[str, str]]],
) -> None:
    _, stories, apart = gold_stories
    expected = {frozenset(s) for s in stories}
    for order in _orders(example_articles):
        grouper = StreamGrouper()
        for article in order:
            grouper.assign(article)
        grouper.consolidate()
        membership = grouper.membership()
        assert _partition(membership) == expected, [a.origin for a in order]
        for a, b in apart:
            assert membership[a] != membership[b]


def test_copies_follow_their_canonical_article(example_articles: list[Article]) -> None:
    copies = [a for a in example_articles if a.copy_of]
    assert copies, "the example corpus has a syndicated copy"
    for order in _orders(example_articles):
        grouper = StreamGrouper()
        for article in order:
            grouper.assign(article)
        membership = grouper.membership()
        for copy in copies:
            assert membership[copy.id] == membership[copy.copy_of or ""]
    # A copy arriving after its canonical article is not even scored.
    grouper = StreamGrouper()
    canonical = next(a for a in example_articles if a.id == copies[0].copy_of)
    grouper.assign(canonical)
    assert grouper.assign(copies[0]).reason == "copy"


def test_story_titles_come_from_the_earliest_article(
    example_articles: list[Article],
    gold_stories: tuple[dict[str, str], list[set[str]], list[tuple[str, str]]],
) -> None:
    ids, _, _ = gold_stories
    grouper = StreamGrouper()
    for article in reversed(example_articles):
        grouper.assign(article)
    titles = {s.id: s.title for s in grouper.stories()}
    summit = grouper.membership()[ids["s1-northern-wire"]]
    # Northern Wire's report (18:05 UTC) is the earliest dated report of the summit.
    assert titles[summit] == "Veloria and Kestrania set up Orvane water commission at border summit"


def test_the_two_seed_articles_form_one_story() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (they live in the shared folder beside the repo)")
    texts = sorted(SEEDS.glob("*.txt"))
    assert len(texts) == 2
    grouper = StreamGrouper()
    stories = {
        grouper.assign(Article(id=p.stem, text=p.read_text(encoding="utf-8"), origin=str(p))).story_id
        for p in texts
    }
    assert len(stories) == 1
