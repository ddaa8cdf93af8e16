"""The units of work an engine ships to a worker: module-level so they pickle by reference.

Reading's unit is :func:`storyline.read.stream.read_task` (imported where used, so the engine
loads spaCy only when it reads); reports go out in batches of stories (:func:`brief_batches`),
made by :func:`brief_batch_task` or, where the worker sees the report folder, made and written
by :func:`write_briefs_task`; the features grouping works out of each article alone (and, in the
same pass, its reading) are :func:`prepare_task`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.ingest.sources import IngestOptions, Input, read_input
from storyline.model import (
    Article,
    IndexEntry,
    ParseOutcome,
    Reading,
    RenderedReport,
    Report,
    Story,
    StoryMaterial,
)

if TYPE_CHECKING:
    from storyline.stories.features import ArticleFeatures

BRIEF_BATCH_ARTICLES = 48
"""Articles of the stories one report task makes, at most (unless one story has more)."""
BRIEF_BATCH_STORIES = 16
"""Stories one report task makes, at most. Why batches: most stories have one to three articles
and take a worker a few tens of ms, while each Dask task also costs the client (which hosts the
local cluster's scheduler too) its own CPU: with one task per story and the client writing the
files, 1,500 stories of the 20k scale store cost the client 13.6 s of CPU beside the workers'
57.6 s; batched, with the workers writing, 4.7 s."""


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


def brief_batches(materials: Iterable[StoryMaterial]) -> Iterator[tuple[StoryMaterial, ...]]:
    """``materials`` in order, cut into the batches one report task makes (see the limits above)."""
    batch: list[StoryMaterial] = []
    articles = 0
    for material in materials:
        batch.append(material)
        articles += len(material.articles)
        if articles >= BRIEF_BATCH_ARTICLES or len(batch) >= BRIEF_BATCH_STORIES:
            yield tuple(batch)
            batch, articles = [], 0
    if batch:
        yield tuple(batch)


def brief_batch_task(materials: tuple[StoryMaterial, ...]) -> tuple[RenderedReport, ...]:
    """Each story's rendered report, for a worker that cannot see the report folder."""
    return tuple(map(brief_task, materials))


@dataclass(frozen=True)
class WriteBriefsJob:
    """Stories whose reports a worker makes and writes into ``folder`` (a path it can see)."""

    folder: str
    materials: tuple[StoryMaterial, ...]


def write_briefs_task(job: WriteBriefsJob) -> tuple[IndexEntry, ...]:
    """Make and write each story's report; only the index entries go back.

    Why write on the worker: a story's three rendered formats run to tens or hundreds of
    kilobytes (~200 kB for the example stories), its index entry to ~300 bytes; sending the
    reports back to be written made the client pickle, receive and write all of them."""
    folder = Path(job.folder)
    return tuple(write_report(folder, brief_task(material)) for material in job.materials)


def write_report(folder: Path, rendered: RenderedReport) -> IndexEntry:
    """Write a story's ``.md``, ``.html`` and ``.json`` into ``folder``; its index entry."""
    (folder / f"{rendered.story_id}.md").write_text(rendered.markdown, encoding="utf-8")
    (folder / f"{rendered.story_id}.html").write_text(rendered.html, encoding="utf-8")
    (folder / f"{rendered.story_id}.json").write_text(rendered.json, encoding="utf-8")
    return rendered.entry


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
