"""Records of the group stage: stories and where each article went."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoryAssignment:
    """Where the grouper put one article: its story, how sure, and why.

    ``score`` is the similarity to the story that won (0 when the article started a new story);
    ``reason`` names the deciding signal ("copy", "similar", "new").
    """

    article_id: str
    story_id: str
    score: float = 0.0
    reason: str = "new"


@dataclass(frozen=True)
class Story:
    """A real-world event and the articles that report it; ``id`` never changes once given.

    ``merged_from`` lists story ids a consolidation folded into this one (their articles now
    belong here; the old ids stay resolvable).
    """

    id: str
    title: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    merged_from: tuple[str, ...] = ()
