"""Records of the group stage (stories, where each article went) and of a story's report as work."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model.articles import Article


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


@dataclass(frozen=True)
class IndexEntry:
    """What the index shows of one story: a few fields, so a run can keep thousands in memory
    (and workers send back these instead of whole reports)."""

    story_id: str
    title: str
    outlets: str
    origins: int
    conflicts: int
    updated: str | None


@dataclass(frozen=True)
class StoryMaterial:
    """Everything a story's report is made from, so any worker can make it without the store:
    the story, its articles (copies included) and the encoded readings of the canonical ones."""

    story: Story
    articles: tuple[Article, ...]
    readings: tuple[tuple[str, str], ...]
    """(article id, reading encoded by :func:`storyline.codec.to_text`)."""


@dataclass(frozen=True)
class RenderedReport:
    """A story's report in the three formats, and its index entry."""

    story_id: str
    markdown: str
    html: str
    json: str
    entry: IndexEntry
