"""The units of work an engine ships to a worker: module-level so they pickle by reference.

Reading's unit is :func:`storyline.read.stream.read_task` (imported where used, so the engine
loads spaCy only when it reads); a story's report is :func:`brief_task`; the features grouping
works out of each article alone (and, in the same pass, its reading) are :func:`prepare_task`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storyline.ingest.sources import IngestOptions, Input, read_input
from storyline.model import Article, ParseOutcome, Reading, RenderedReport, Report, Story, StoryMaterial

if TYPE_CHECKING:
    from storyline.stories.features import ArticleFeatures


def parse_one(item: Input, options: IngestOptions) -> ParseOutcome:
    """Read one input into documents, with their identity keys; touches no store, so it can run
    on any worker (the keys were half the placing client's time)."""
    from storyline.ingest.identity import document_keys

    outcome = read_input(item, options)
    return replace(outcome, keys=tuple(document_keys(document) for document in outcome.documents))


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


@dataclass(frozen=True)
class Prepared:
    """What a worker made of one job of the grouping pass: the features of each article to group
    (None for a copy, which follows its original unscored), and the encoded readings of the
    articles to read, as (article id, reading) in their order; one that could not be read is
    left out."""

    features: tuple[ArticleFeatures | None, ...]
    readings: tuple[tuple[str, str], ...]


PrepareJob = tuple[list[Article], list[Article]]
"""Articles whose grouping features to work out, and articles to read (not the same ones: the
features run ahead of the readings, see :mod:`storyline.api_pass`)."""


def prepare_task(job: PrepareJob) -> Prepared:
    """Grouping's per-article features of the first articles of the job, and the encoded readings
    of the others (one parser batch): what :func:`storyline.api_pass.run_pass` needs from the
    workers."""
    from storyline.language.embeddings import static_embedder
    from storyline.stories.features import article_features

    to_group, to_read = job
    readings: tuple[tuple[str, str], ...] = ()
    if to_read:  # spaCy loads only where something is read
        from storyline.read.stream import read_task

        readings = tuple(read_task(to_read))  # one that cannot be read is left out
    embedder = static_embedder()
    features = tuple(None if article.copy_of else article_features(article, embedder) for article in to_group)
    return Prepared(features, readings)
