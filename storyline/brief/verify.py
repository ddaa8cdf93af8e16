"""The report's promises, checked: every briefing sentence cites evidence that exists, every quotation
is the sources' words, the briefing's own voice judges nothing, and every span points into its text.

Run on every report in the tests and cheap enough to run before every render. Problems are plain
strings naming the record and what is wrong, so a failing test or a log line says where to look.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from storyline.brief.labels import proper_names
from storyline.brief.text import CLOSE, OPEN, found_verbatim, own_voice_loaded, quoted_strings
from storyline.model import BriefingSentence, Offsets, Report

FORMAT = "storyline.report/1"


def verify_report(report: Report, texts: Mapping[str, str]) -> list[str]:
    """Problems of ``report`` against the article ``texts`` it was built from; empty when it is sound."""
    problems: list[str] = []
    if report.format != FORMAT:
        problems.append(f"report: format is {report.format!r}, not {FORMAT!r}")
    for where, article_id, span in _data_spans(report):
        problem = _span_problem(texts, article_id, span)
        if problem:
            problems.append(f"{where}: {problem}")
    problems += _fact_problems(report, texts)
    problems += _conflict_problems(report)
    sources = {source.article_id for source in report.sources}
    names = proper_names(report)
    for index, sentence in enumerate(report.briefing, 1):
        problems += [f"briefing {index}: {p}" for p in _sentence_problems(sentence, sources, texts, names)]
    return problems


def _span_problem(texts: Mapping[str, str], article_id: str, span: Offsets) -> str | None:
    """Why a span cannot be read from the texts, or None when it can."""
    text = texts.get(article_id)
    if text is None:
        return f"no text for article {article_id}"
    if len(span) != 2 or not 0 <= span[0] <= span[1] <= len(text):
        return f"span {list(span)} is outside article {article_id} ({len(text)} characters)"
    return None


def _data_spans(report: Report) -> Iterator[tuple[str, str, Offsets]]:
    """Every span the report's records point at, with a label of the record holding it."""
    for source in report.sources:
        for relay in source.relays:
            yield f"source {source.article_id} relay", source.article_id, relay.span
    for fact in report.facts:
        for support in fact.support:
            yield f"fact {fact.id}", support.article_id, support.span
    for conflict in report.conflicts:
        for value in conflict.values:
            for article_id, span in zip(value.article_ids, value.spans, strict=False):
                yield f"conflict {conflict.id}", article_id, span
    for index, update in enumerate(report.updates, 1):
        for step in (*update.sequence, *update.stale):
            yield f"update {index}", step.article_id, step.span
    for index, entry in enumerate(report.quotes, 1):
        for occurrence in entry.occurrences:
            yield f"quote {index}", occurrence.article_id, occurrence.span
    for framing in report.framing:
        for use in framing.loaded_terms:
            yield f"framing {framing.article_id}", framing.article_id, use.span


def _fact_problems(report: Report, texts: Mapping[str, str]) -> list[str]:
    """Supports whose stored words differ from the words their span points at."""
    problems: list[str] = []
    for fact in report.facts:
        for support in fact.support:
            if _span_problem(texts, support.article_id, support.span):
                continue  # already reported as a span problem
            start, end = support.span
            if texts[support.article_id][start:end] != support.text:
                where = f"article {support.article_id} [{start}, {end}]"
                problems.append(f"fact {fact.id}: support text does not match {where}")
    return problems


def _conflict_problems(report: Report) -> list[str]:
    """Conflict values must give one span per article id (they are read pairwise)."""
    return [
        f"conflict {conflict.id}: value {value.value!r} has {len(value.article_ids)} article ids "
        f"but {len(value.spans)} spans"
        for conflict in report.conflicts
        for value in conflict.values
        if len(value.article_ids) != len(value.spans)
    ]


def _sentence_problems(
    sentence: BriefingSentence, sources: set[str], texts: Mapping[str, str], names: list[str]
) -> list[str]:
    """Citations, quotations and own-voice wording of one briefing sentence."""
    if not sentence.citations:
        return ["no citations"]
    problems: list[str] = []
    cited: list[str] = []
    for citation in sentence.citations:
        if citation.article_id not in sources:
            problems.append(f"cites article {citation.article_id}, which is not a source of the report")
            continue
        problem = _span_problem(texts, citation.article_id, citation.span)
        if problem:
            problems.append(f"citation: {problem}")
            continue
        cited.append(texts[citation.article_id][citation.span[0] : citation.span[1]])
    quotations = quoted_strings(sentence.text)
    for _, _, words in quotations:
        if not any(found_verbatim(words, text) for text in cited):
            problems.append(f"quotation “{words}” is not in any cited span")
    outside = "".join(sentence.text[a:b] for a, b in _gaps(quotations, len(sentence.text)))
    if OPEN in outside or CLOSE in outside:
        problems.append("unbalanced quotation marks")
    for term in own_voice_loaded(sentence.text, names):
        surface = sentence.text[term.span.start : term.span.end]
        problems.append(f"loaded term “{surface}” in the briefing's own voice")
    return problems


def _gaps(quotations: list[tuple[int, int, str]], length: int) -> list[tuple[int, int]]:
    """The stretches of a sentence between its quotations: the briefing's own words."""
    gaps: list[tuple[int, int]] = []
    position = 0
    for start, end, _ in quotations:
        gaps.append((position, start))
        position = end
    gaps.append((position, length))
    return gaps
