"""The sections of the HTML report, one function each; all text goes through ``esc``.

Anchors are built from positions (``b3``, ``ev-7``, ``fact-2``), never from content, so hostile
ids or titles cannot collide with or forge them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from storyline.brief.diff import diff_segments
from storyline.brief.html_kit import el, esc, link, ul
from storyline.brief.labels import origin_count, outlet_name, outlet_names, source_labels, span_text, when
from storyline.brief.text import excerpt, quoted_strings
from storyline.brief.views import (
    NO_VALUE,
    CitationKey,
    context_around,
    fact_label,
    facts_by_id,
    lead_label,
    loaded_words,
    names_of,
    origin_label,
    summary_line,
    supporters,
    timeline,
)
from storyline.model import Conflict, Fact, Framing, QuoteEntry, Report, Source, Update, UpdateStep

_CLASS_RE = re.compile(r"[^a-z_]")
_NOT_REPORTED = el("td", "·" + el("span", "not reported", {"class": "sr"}), {"class": "mark no"})
"""The matrix cell of a source that does not report a fact: most cells of a long story's matrix."""

SECTIONS = (
    ("briefing", "Briefing"),
    ("sources", "Sources"),
    ("facts", "Facts × sources"),
    ("changes", "Conflicts & updates"),
    ("quotes", "Quote ledger"),
    ("framing", "Framing"),
    ("timeline", "Timeline"),
    ("evidence", "Evidence"),
)


def badge(word: str) -> str:
    """A status or form as a small label; its CSS class is the word reduced to ``[a-z_]``."""
    return el("span", esc(word), {"class": "badge " + _CLASS_RE.sub("", word.lower())})


def section(anchor: str, body: str) -> str:
    title = dict(SECTIONS)[anchor]
    return el("section", el("h2", esc(title)) + body, {"id": anchor})


def header(report: Report) -> str:
    parts = [
        el("p", "storyline briefing", {"class": "kicker"}),
        el("h1", esc(report.story.title or "Untitled story")),
        el("p", esc(summary_line(report)), {"class": "meta"}),
    ]
    if report.story.entities:
        parts.append(el("p", "Entities: " + esc(", ".join(report.story.entities)), {"class": "entities"}))
    nav = " ".join(el("a", esc(title), {"href": f"#{anchor}"}) for anchor, title in SECTIONS)
    parts.append(el("nav", nav, {"class": "toc", "aria-label": "Sections"}))
    return el("header", "".join(parts))


def _sentence_html(text: str) -> str:
    """Briefing text with the sources' words set apart from the briefing's own."""
    parts: list[str] = []
    position = 0
    for start, end, _ in quoted_strings(text):
        parts += [esc(text[position:start]), el("span", esc(text[start:end]), {"class": "quoted"})]
        position = end
    parts.append(esc(text[position:]))
    return "".join(parts)


def briefing(
    report: Report, texts: Mapping[str, str], numbers: Mapping[CitationKey, int], refs_of: list[list[int]]
) -> str:
    """The briefing's sentences with their citation markers; ``numbers`` and ``refs_of`` are the
    report's :func:`citation_numbers` and :func:`sentence_citations`."""
    if not report.briefing:
        return section(
            "briefing", el("p", "No briefing: the report has no cited sentences.", {"class": "empty"})
        )
    cited = {number: key for key, number in numbers.items()}
    names = outlet_names(report)  # once: a long briefing cites the same sources thousands of times
    marks: dict[int, str] = {}  # each citation's marker, made once however often it is cited
    items = []
    for index, sentence in enumerate(report.briefing):
        refs = refs_of[index]
        for number in refs:
            if number not in marks:
                article_id, span = cited[number]
                words = excerpt(span_text(texts, article_id, span) or NO_VALUE, 160)
                tip = f"{names.get(article_id, article_id)}: {words}"
                marks[number] = f'<a href="#ev-{number}" title="{esc(tip)}">{number}</a>'
        # el's markup written out (position-made attribute values need no escaping): ~30 a story
        cites = f'<sup class="cites">{"".join([marks[number] for number in refs])}</sup>'
        items.append(f'<li id="b{index + 1}">{_sentence_html(sentence.text)}{cites}</li>')
    return section("briefing", el("ol", "".join(items), {"class": "briefing"}))


def _source_row(label: str, source: Source) -> str:
    relays = ", ".join(esc(relay.outlet) for relay in source.relays) or NO_VALUE
    cells = [
        el("th", esc(label), {"scope": "row"}),
        el("td", link(outlet_name(source), source.url)),
        el("td", esc(source.title or NO_VALUE)),
        el("td", esc(source.byline or NO_VALUE)),
        el(
            "td",
            el("time", esc(when(source.published)), {"datetime": source.published})
            if source.published
            else NO_VALUE,
        ),
        el("td", esc(", ".join(source.copies) or NO_VALUE)),
        el("td", relays),
        el("td", esc(origin_label(source))),
    ]
    return el("tr", "".join(cells))


def _table(head: list[str], rows: list[str], css: str | None = None) -> str:
    thead = el("thead", el("tr", "".join(head)))
    return el("div", el("table", thead + el("tbody", "".join(rows)), {"class": css}), {"class": "table-wrap"})


def sources(report: Report) -> str:
    labels = source_labels(report)
    head = [el("th", name, {"scope": "col"}) for name in ("#", "Outlet", "Headline", "Byline", "Published")]
    head += [el("th", name, {"scope": "col"}) for name in ("Copies", "Relays", "Origin group")]
    rows = [_source_row(labels[source.article_id], source) for source in report.sources]
    intro = el("p", esc(f"{len(report.sources)} sources from {origin_count(report)} independent origins."))
    return section("sources", intro + _table(head, rows))


def matrix(report: Report) -> str:
    if not report.facts:
        return section("facts", el("p", "No facts were aligned across sources.", {"class": "empty"}))
    labels = source_labels(report)
    head = [el("th", name, {"scope": "col"}) for name in ("Fact", "Status", "Origins")]
    head += [
        el(
            "th",
            el("abbr", esc(labels[s.article_id]), {"title": outlet_name(s)}),
            {"scope": "col", "class": "mark"},
        )
        for s in report.sources
    ]
    rows = []
    facts = facts_by_id(report)
    for index, fact in enumerate(report.facts, 1):
        backing = supporters(fact)
        cells = [el("th", esc(fact_label(report, fact.id, 140, facts)), {"scope": "row"})]
        cells += [el("td", badge(fact.status)), el("td", str(fact.independent_origins))]
        for source in report.sources:
            words = backing.get(source.article_id)
            cells.append(  # el("td", "✓", {"class": "mark yes", "title": …}) written out: most cells
                f'<td class="mark yes" title="{esc(excerpt(words, 200))}">✓</td>'
                if words is not None
                else _NOT_REPORTED
            )
        rows.append(el("tr", "".join(cells), {"id": f"fact-{index}"}))
    legend = " · ".join(f"{labels[s.article_id]} {outlet_name(s)}" for s in report.sources)
    return section("facts", _table(head, rows, "matrix") + el("p", esc(legend), {"class": "small"}))


def _conflict(names: Mapping[str, str], texts: Mapping[str, str], conflict: Conflict) -> str:
    """The point of disagreement, then each value with its outlets and the words they use."""
    values = []
    for value in conflict.values:
        pairs = zip(value.article_ids, value.spans, strict=False)
        said = [words for aid, sp in pairs if (words := span_text(texts, aid, sp)) is not None]
        shown = "; ".join(f"“{excerpt(words, 120)}”" for words in dict.fromkeys(said))
        detail = " " + el("span", esc(shown), {"class": "small"}) if shown else ""
        values.append(el("strong", esc(value.value)) + " " + esc(names_of(names, value.article_ids)) + detail)
    title = esc(conflict.about or "Unnamed point") + " " + badge(conflict.kind)
    return el("h3", title) + ul(values, "values")


def _step(names: Mapping[str, str], step: UpdateStep) -> str:
    detail = f"{names_of(names, [step.article_id])} · {when(step.published)}"
    return el("li", el("strong", esc(step.value)) + " " + el("span", esc(detail), {"class": "small"}))


def _update(names: Mapping[str, str], update: Update) -> str:
    body = el("h3", esc(update.about or "Unnamed figure") + " " + badge("updated"))
    body += el("ol", "".join(_step(names, step) for step in update.sequence), {"class": "steps"})
    if update.stale:
        stale = "; ".join(
            f"{esc(names_of(names, [step.article_id]))} gave {el('strong', esc(step.value))}"
            f" at {esc(when(step.published))}"
            for step in update.stale
        )
        body += el("p", "Still giving an older value: " + stale, {"class": "stale"})
    return body


def changes(report: Report, texts: Mapping[str, str]) -> str:
    names = outlet_names(report)
    parts = [_conflict(names, texts, conflict) for conflict in report.conflicts]
    parts += [_update(names, update) for update in report.updates]
    if not parts:
        parts = [el("p", "No conflicting values and no updated figures.", {"class": "empty"})]
    return section("changes", "".join(parts))


def diff_html(diff: str) -> str:
    """A word diff with cut words in ``<del>`` and added words in ``<ins>``."""
    tags = {"del": "del", "ins": "ins"}
    return "".join(
        el(tags[kind], esc(words)) if kind in tags else esc(words) for kind, words in diff_segments(diff)
    )


def _quote(names: Mapping[str, str], texts: Mapping[str, str], entry: QuoteEntry) -> str:
    body = el("h3", esc(entry.speaker or "Unattributed"))
    body += el("blockquote", esc(entry.text))
    if entry.speakers_differ:
        body += el("p", "Outlets give these words to different speakers.", {"class": "stale"})
    rows = []
    for item in entry.occurrences:
        shown = span_text(texts, item.article_id, item.span)
        words = diff_html(item.diff) if item.diff else esc(shown if shown is not None else NO_VALUE)
        cells = [
            el("td", esc(names_of(names, [item.article_id]))),
            el("td", badge(item.form)),
            el("td", words),
        ]
        rows.append(el("tr", "".join(cells)))
    head = [el("th", name, {"scope": "col"}) for name in ("Outlet", "Form", "Words (cut / added)")]
    return body + _table(head, rows)


def quotes(report: Report, texts: Mapping[str, str]) -> str:
    if not report.quotes:
        return section("quotes", el("p", "No quotation appears in more than one way.", {"class": "empty"}))
    names = outlet_names(report)
    return section("quotes", "".join(_quote(names, texts, entry) for entry in report.quotes))


def _framing_card(report: Report, texts: Mapping[str, str], item: Framing, facts: Mapping[str, Fact]) -> str:
    source = next((s for s in report.sources if s.article_id == item.article_id), None)
    own = [el("span", esc(w), {"class": "chip own"}) for w in loaded_words(texts, item, "outlet")]
    quoted = [el("span", esc(w), {"class": "chip"}) for w in loaded_words(texts, item, "quoted")]
    none = el("span", "none", {"class": "empty"})
    fields = [
        ("Headline angle", esc(item.headline_angle or NO_VALUE)),
        ("Leads with", esc(lead_label(item.leads_with))),
        ("Loaded, own voice", "".join(own) or none),
        ("Loaded, in quotations", "".join(quoted) or none),
        ("Omits what others report", ul(esc(fact_label(report, fid, 100, facts)) for fid in item.omits)),
    ]
    details = "".join(el("dt", esc(name)) + el("dd", value) for name, value in fields)
    title = el("h3", esc(names_of(outlet_names(report), [item.article_id])))
    headline = el("p", esc(source.title), {"class": "headline"}) if source and source.title else ""
    return el("article", title + headline + el("dl", details), {"class": "card"})


def framing(report: Report, texts: Mapping[str, str]) -> str:
    if not report.framing:
        return section("framing", el("p", "No framing evidence.", {"class": "empty"}))
    facts = facts_by_id(report)
    cards = "".join(_framing_card(report, texts, item, facts) for item in report.framing)
    return section("framing", el("div", cards, {"class": "cards"}))


def timeline_section(report: Report) -> str:
    items = []
    for source in timeline(report):
        stamp = (
            el("time", esc(when(source.published)), {"datetime": source.published})
            if source.published
            else ""
        )
        text = el("strong", esc(outlet_name(source))) + " " + esc(source.title or "untitled")
        items.append(el("li", (stamp or el("time", "undated")) + text))
    return section("timeline", el("ol", "".join(items), {"class": "timeline"}))


def evidence(
    report: Report, texts: Mapping[str, str], numbers: Mapping[CitationKey, int], refs_of: list[list[int]]
) -> str:
    """Each cited span in its sentence, with links back to the briefing sentences citing it."""
    names = outlet_names(report)
    backrefs: dict[int, list[int]] = {}
    for index, refs in enumerate(refs_of):
        for number in refs:
            backrefs.setdefault(number, []).append(index + 1)
    links = [el("a", f"↩ {i}", {"href": f"#b{i}"}) for i in range(len(report.briefing) + 1)]
    items = []
    for (article_id, span), number in numbers.items():
        before, cited, after = context_around(texts, article_id, span)
        back = " ".join([links[i] for i in backrefs.get(number, [])])
        place = esc(f"{names_of(names, [article_id])} · characters {span[0]}–{span[1]}")
        # el's markup written out: one item per cited span, up to hundreds a story
        words = (
            f'<span class="context">{esc(before)}</span><mark>{esc(cited)}</mark>'
            f'<span class="context">{esc(after)}</span>'
        )
        items.append(
            f'<li id="ev-{number}"><p class="where">{place} {back}</p><blockquote>{words}</blockquote></li>'
        )
    if not items:
        return section("evidence", el("p", "Nothing cited.", {"class": "empty"}))
    return section("evidence", el("ol", "".join(items), {"class": "evidence"}))
