"""The units of work an engine ships to a worker: module-level so they pickle by reference.

Reading's unit is :func:`storyline.read.stream.read_task` (imported where used, so the engine
loads spaCy only when it reads); a story's report is :func:`brief_task`; the features grouping
works out of each article alone are :func:`features_task`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from storyline.ingest.sources import IngestOptions, Input, read_input
from storyline.model import Article, ParseOutcome, Reading, RenderedReport, Report, Story, StoryMaterial

if TYPE_CHECKING:
    from storyline.stories.features import ArticleFeatures


def parse_one(item: Input, options: IngestOptions) -> ParseOutcome:
    """Read one input into documents; touches no store, so it can run on any worker."""
    return read_input(item, options)


def report_of(
    story: Story, articles: Sequence[Article], readings: Mapping[str, Reading]
) -> tuple[Report, dict[str, str]]:
    """The compared and briefed report of a story, with the article texts its spans point into."""
    from storyline.brief import brief
    from storyline.compare.report import compare_story

    texts = {a.id: a.text for a in articles}
    return brief(compare_story(story.id, story.title, list(articles), dict(readings)), texts), texts


def brief_task(material: StoryMaterial) -> RenderedReport:
    """Compare, brief and render one story from its material; touches no store."""
    from storyline.brief import to_html, to_json, to_markdown
    from storyline.brief.index import index_entry
    from storyline.codec import from_json

    readings = {aid: from_json(Reading, json.loads(data)) for aid, data in material.readings}
    report, texts = report_of(material.story, material.articles, readings)
    return RenderedReport(
        material.story.id,
        to_markdown(report, texts),
        to_html(report, texts),
        to_json(report),
        index_entry(report),
    )


def features_task(articles: Sequence[Article]) -> list[ArticleFeatures | None]:
    """Grouping's per-article features (see :class:`~storyline.stories.features.ArticleFeatures`)
    of each article, None for copies (a copy follows its original without being scored)."""
    from storyline.language.embeddings import static_embedder
    from storyline.stories.features import article_features

    embedder = static_embedder()
    return [None if article.copy_of else article_features(article, embedder) for article in articles]
