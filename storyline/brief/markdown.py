"""The report as Markdown (GitHub-flavoured: tables, footnotes, strikethrough).

Article text and metadata are untrusted: every value is put on one line and has Markdown's
active characters backslash-escaped, so a headline cannot open a link, a table cell, an HTML
tag or a heading; links are written only for http(s) addresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from storyline.brief.diff import diff_segments
from storyline.brief.labels import outlet_name, outlet_names, source_labels, span_text, when
from storyline.brief.text import excerpt, squash
from storyline.brief.views import (
    NO_VALUE,
    CitationKey,
    citation_numbers,
    evidence_words,
    fact_label,
    facts_by_id,
    lead_label,
    loaded_words,
    names_of,
    origin_label,
    safe_url,
    sentence_citations,
    summary_line,
    supporters,
    timeline,
)
from storyline.model import Conflict, Framing, QuoteEntry, Report, Update

_ACTIVE_RE = re.compile(r"([\\`*_\[\]<>|~])")


def md(value: str | None) -> str:
    """Untrusted text as inert inline Markdown: one line, active characters escaped (looked for
    first: most values of a report have none, and a substitution costs more than a search)."""
    text = squash(value or "")
    return text if _ACTIVE_RE.search(text) is None else _ACTIVE_RE.sub(r"\\\1", text)


def _link(text: str, url: str | None) -> str:
    address = safe_url(url)
    return f"[{md(text)}]({address})" if address else md(text)


def _table(head: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A GFM table; cells are already escaped."""
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell or NO_VALUE for cell in row) + " |" for row in rows]
    return lines


def to_markdown(report: Report, texts: Mapping[str, str]) -> str:
    """The whole report as one Markdown document; conflicts and updates share one section."""
    numbers = citation_numbers(report)
    sections = [
        _header(report),
        _briefing(report, numbers),
        _sources(report),
        _matrix(report),
        _conflicts(report),
        _quotes(report, texts),
        _framing(report, texts),
        _timeline(report),
        _evidence(numbers, report, texts),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _header(report: Report) -> list[str]:
    lines = [f"# {md(report.story.title) or 'Untitled story'}", "", md(summary_line(report))]
    if report.story.entities:
        lines += ["", "Entities: " + ", ".join(md(name) for name in report.story.entities)]
    return lines


def _briefing(report: Report, numbers: Mapping[CitationKey, int]) -> list[str]:
    if not report.briefing:
        return ["## Briefing", "", "No briefing: the report has no cited sentences."]
    lines = ["## Briefing", ""]
    refs_of = sentence_citations(report, numbers)
    for index, sentence in enumerate(report.briefing):
        refs = refs_of[index]
        marks = "".join([f"[^{number}]" for number in refs])
        lines.append(f"{index + 1}. {md(sentence.text)}{marks}")
    return lines


def _sources(report: Report) -> list[str]:
    labels = source_labels(report)
    rows = [
        [
            labels[s.article_id],
            _link(outlet_name(s), s.url),
            md(s.title),
            md(s.byline),
            md(when(s.published)) if s.published else NO_VALUE,
            str(len(s.copies)) if s.copies else NO_VALUE,
            ", ".join(md(relay.outlet) for relay in s.relays),
            md(origin_label(s)),
        ]
        for s in report.sources
    ]
    head = ["#", "Outlet", "Headline", "Byline", "Published", "Copies", "Relays", "Origin group"]
    return ["## Sources", "", *_table(head, rows)]


def _matrix(report: Report) -> list[str]:
    if not report.facts:
        return []
    labels = source_labels(report)
    head = ["Fact", "Status", "Origins", *labels.values()]
    rows = []
    facts = facts_by_id(report)
    for fact in report.facts:
        backing = supporters(fact)
        marks = ["✓" if s.article_id in backing else " " for s in report.sources]
        label = md(fact_label(report, fact.id, facts=facts))
        rows.append([label, md(fact.status), str(fact.independent_origins), *marks])
    return ["## Facts × sources", "", *_table(head, rows)]


def _conflict_line(names: Mapping[str, str], conflict: Conflict) -> str:
    values = "; ".join(f"{md(v.value)} ({md(names_of(names, v.article_ids))})" for v in conflict.values)
    return f"- **{md(conflict.about) or 'Unnamed point'}** ({md(conflict.kind)}): {values}"


def _update_line(names: Mapping[str, str], update: Update) -> str:
    def step_words(value: str, article_id: str, published: str | None) -> str:
        return f"{md(value)} ({md(names_of(names, [article_id]))}, {md(when(published))})"

    sequence = " → ".join(step_words(s.value, s.article_id, s.published) for s in update.sequence)
    line = f"- **{md(update.about) or 'Unnamed figure'}**: {sequence}"
    if update.stale:
        stale = "; ".join(step_words(s.value, s.article_id, s.published) for s in update.stale)
        line += f". Still giving an older value: {stale}"
    return line


def _conflicts(report: Report) -> list[str]:
    lines = ["## Conflicts and updates", ""]
    names = outlet_names(report)
    lines += [_conflict_line(names, c) for c in report.conflicts] or ["- No conflicting values."]
    lines += [_update_line(names, u) for u in report.updates] or ["- No updated figures."]
    return lines


def _diff_md(diff: str) -> str:
    """Cut words struck through, added words in bold; spaces stay outside the marks so they render."""
    marks = {"same": "", "del": "~~", "ins": "**"}
    parts = []
    for kind, words in diff_segments(diff):
        core = md(words)
        lead = " " if words[:1].isspace() and core else ""
        trail = " " if words[-1:].isspace() and core else ""
        parts.append(f"{lead}{marks[kind]}{core}{marks[kind]}{trail}" if core else (" " if words else ""))
    return "".join(parts)


def _quote_block(names: Mapping[str, str], texts: Mapping[str, str], entry: QuoteEntry) -> list[str]:
    speaker = md(entry.speaker) or "Unattributed"
    lines = [f"### {speaker}: “{md(entry.text)}”", ""]
    if entry.speakers_differ:
        lines += ["Outlets give these words to different speakers.", ""]
    rows = []
    for item in entry.occurrences:
        words = (
            _diff_md(item.diff)
            if item.diff
            else md(excerpt(span_text(texts, item.article_id, item.span) or ""))
        )
        rows.append([md(names_of(names, [item.article_id])), md(item.form), words])
    return lines + _table(["Outlet", "Form", "Words (~~cut~~, **added**)"], rows)


def _quotes(report: Report, texts: Mapping[str, str]) -> list[str]:
    if not report.quotes:
        return []
    lines = ["## Quote ledger"]
    names = outlet_names(report)
    for entry in report.quotes:
        lines += ["", *_quote_block(names, texts, entry)]
    return lines


def _framing(report: Report, texts: Mapping[str, str]) -> list[str]:
    if not report.framing:
        return []
    labels, names, facts = source_labels(report), outlet_names(report), facts_by_id(report)
    head = [
        "",
        *(f"{labels.get(f.article_id, '?')} {md(names_of(names, [f.article_id]))}" for f in report.framing),
    ]
    aspects: list[tuple[str, Callable[[Framing], str]]] = [
        ("Headline angle", lambda f: md(f.headline_angle)),
        ("Leads with", lambda f: md(lead_label(f.leads_with))),
        ("Loaded, own voice", lambda f: "; ".join(md(w) for w in loaded_words(texts, f, "outlet"))),
        ("Loaded, quoted", lambda f: "; ".join(md(w) for w in loaded_words(texts, f, "quoted"))),
        ("Omits", lambda f: "; ".join(md(fact_label(report, fid, 60, facts)) for fid in f.omits)),
    ]
    rows = [[f"**{name}**", *(cell(f) for f in report.framing)] for name, cell in aspects]
    return ["## Framing", "", *_table(head, rows)]


def _timeline(report: Report) -> list[str]:
    lines = ["## Timeline", ""]
    for source in timeline(report):
        stamp = md(when(source.published)) if source.published else "undated"
        lines.append(f"- {stamp}: {md(outlet_name(source))}, “{md(source.title) or 'untitled'}”")
    return lines


def _evidence(numbers: Mapping[CitationKey, int], report: Report, texts: Mapping[str, str]) -> list[str]:
    if not numbers:
        return []
    lines = ["## Evidence", ""]
    names = outlet_names(report)
    for (article_id, span), number in numbers.items():
        where = f"{md(names_of(names, [article_id]))}, characters {span[0]}–{span[1]}"
        lines.append(f"[^{number}]: {where}: “{md(evidence_words(texts, article_id, span))}”")
    return lines
