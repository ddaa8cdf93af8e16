"""The ``storyline.report/1`` JSON document, key for key as the design states it.

Built field by field rather than from the dataclasses, so a field added to the model for internal
use never leaks into the published format; the only additions are the two the format allows
(``speakers_differ`` on quotes, ``stale`` on updates). Spans are ``[start, end]`` lists.
"""

from __future__ import annotations

from typing import Any

from storyline.brief.jsontext import dumps_indented
from storyline.model import (
    BriefingSentence,
    Conflict,
    Fact,
    Framing,
    Offsets,
    QuoteEntry,
    Report,
    Source,
    Update,
    UpdateStep,
)


def to_json(report: Report) -> str:
    """The report as a ``storyline.report/1`` JSON text (UTF-8 characters kept, two-space indent)."""
    return dumps_indented(report_document(report)) + "\n"


def report_document(report: Report) -> dict[str, Any]:
    """The report as JSON-ready dicts and lists, for callers that embed it (the web API)."""
    story = report.story
    return {
        "format": report.format,
        "story": {
            "id": story.id,
            "title": story.title,
            "first_published": story.first_published,
            "last_published": story.last_published,
            "entities": list(story.entities),
        },
        "sources": [_source(source) for source in report.sources],
        "facts": [_fact(fact) for fact in report.facts],
        "conflicts": [_conflict(conflict) for conflict in report.conflicts],
        "updates": [_update(update) for update in report.updates],
        "quotes": [_quote(entry) for entry in report.quotes],
        "framing": [_framing(item) for item in report.framing],
        "briefing": [_sentence(sentence) for sentence in report.briefing],
    }


def _span(span: Offsets) -> list[int]:
    return [span[0], span[1]]


def _source(source: Source) -> dict[str, Any]:
    return {
        "article_id": source.article_id,
        "outlet": source.outlet,
        "byline": source.byline,
        "title": source.title,
        "url": source.url,
        "published": source.published,
        "copies": list(source.copies),
        "relays": [{"outlet": relay.outlet, "span": _span(relay.span)} for relay in source.relays],
        "origin_group": source.origin_group,
    }


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "statement": fact.statement,
        "status": fact.status,
        "independent_origins": fact.independent_origins,
        "outlets": list(fact.outlets),
        "support": [
            {"article_id": item.article_id, "span": _span(item.span), "text": item.text}
            for item in fact.support
        ],
    }


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "about": conflict.about,
        "kind": conflict.kind,
        "values": [
            {
                "value": value.value,
                "article_ids": list(value.article_ids),
                "spans": [_span(span) for span in value.spans],
            }
            for value in conflict.values
        ],
    }


def _step(step: UpdateStep) -> dict[str, Any]:
    return {
        "value": step.value,
        "published": step.published,
        "article_id": step.article_id,
        "span": _span(step.span),
    }


def _update(update: Update) -> dict[str, Any]:
    return {
        "about": update.about,
        "sequence": [_step(step) for step in update.sequence],
        "stale": [_step(step) for step in update.stale],
    }


def _quote(entry: QuoteEntry) -> dict[str, Any]:
    return {
        "speaker": entry.speaker,
        "text": entry.text,
        "occurrences": [
            {"article_id": item.article_id, "span": _span(item.span), "form": item.form, "diff": item.diff}
            for item in entry.occurrences
        ],
        "speakers_differ": entry.speakers_differ,
    }


def _framing(item: Framing) -> dict[str, Any]:
    return {
        "article_id": item.article_id,
        "headline_angle": item.headline_angle,
        "loaded_terms": [
            {"term": use.term, "span": _span(use.span), "voice": use.voice} for use in item.loaded_terms
        ],
        "leads_with": item.leads_with,
        "omits": list(item.omits),
    }


def _sentence(sentence: BriefingSentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "citations": [{"article_id": c.article_id, "span": _span(c.span)} for c in sentence.citations],
    }
