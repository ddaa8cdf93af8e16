"""What the Markdown and HTML renderings show, worked out once so both show the same thing.

Each function turns records into plain strings and rows; the renderers only escape and lay out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from storyline.brief.labels import origin_count, plural, span_text, time_key, when
from storyline.brief.text import excerpt, squash
from storyline.model import Fact, Framing, Offsets, Report, Source

_URL_SAFE = ":/?#@!$&'*+,;=%-._~"
"""Characters a rendered link keeps as they are; anything else (spaces, quotes, brackets, angle
brackets, parentheses) is percent-encoded so it cannot end the link or open markup."""
NO_VALUE = "—"

CitationKey = tuple[str, Offsets]


def safe_url(url: str | None) -> str | None:
    """An http(s) address fit to link to, or None: other schemes (``javascript:``, ``data:``) never link."""
    if not url or any(ord(char) < 32 or char.isspace() for char in url.strip()):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url_quote(url.strip(), safe=_URL_SAFE)


def summary_line(report: Report) -> str:
    """ "12 May 2031, 07:40 UTC to … · 3 sources, 2 independent origins · 5 facts · …" """
    story = report.story
    parts = []
    if story.first_published or story.last_published:
        first, last = when(story.first_published), when(story.last_published)
        parts.append(first if first == last else f"{first} to {last}")
    parts.append(
        f"{plural(len(report.sources), 'source')}, {plural(origin_count(report), 'independent origin')}"
    )
    parts.append(plural(len(report.facts), "fact"))
    parts.append(plural(len(report.conflicts), "conflict"))
    parts.append(plural(len(report.updates), "update"))
    parts.append(plural(len(report.quotes), "quotation"))
    return " · ".join(parts)


def citation_numbers(report: Report) -> dict[CitationKey, int]:
    """Each distinct cited span of the briefing, numbered 1, 2, … in order of first citation."""
    numbers: dict[CitationKey, int] = {}
    for sentence in report.briefing:
        for citation in sentence.citations:  # keyed inline: a long briefing has ~1,500 citations
            span = citation.span
            numbers.setdefault((citation.article_id, (span[0], span[1])), len(numbers) + 1)
    return numbers


def citation_refs(report: Report, numbers: Mapping[CitationKey, int], index: int) -> list[int]:
    """The citation numbers of briefing sentence ``index``, once each, in the sentence's order."""
    citations = report.briefing[index].citations
    return list(dict.fromkeys([numbers[c.article_id, (c.span[0], c.span[1])] for c in citations]))


def sentence_citations(report: Report, numbers: Mapping[CitationKey, int]) -> list[list[int]]:
    """:func:`citation_refs` of every briefing sentence, for a rendering that shows each sentence's
    markers and, in its evidence, which sentences cite each span: worked out once, not per section."""
    return [citation_refs(report, numbers, index) for index in range(len(report.briefing))]


def evidence_words(texts: Mapping[str, str], article_id: str, span: Offsets, limit: int = 300) -> str:
    """The cited words shown beside a citation; a marker when the span cannot be read."""
    words = span_text(texts, article_id, span)
    return NO_VALUE if words is None else excerpt(words, limit) or NO_VALUE


_STOPS = (". ", "? ", "! ", "\n")
_ENDS_SENTENCE_RE = re.compile(r"[.!?][”’\"')]*\s*$")


def context_around(texts: Mapping[str, str], article_id: str, span: Offsets) -> tuple[str, str, str]:
    """(before, cited, after): the cited words with the rest of their sentence, so a reader sees
    them in context. Context stops at a sentence end or a paragraph break, 200 characters at most."""
    text = texts.get(article_id)
    cited = span_text(texts, article_id, span)
    if text is None or cited is None:
        return ("", NO_VALUE, "")
    start, end = span
    left = text[max(0, start - 200) : start]
    cut = max((left.rfind(stop) + len(stop) for stop in _STOPS if stop in left), default=0)
    before = left[cut:].lstrip()
    if _ENDS_SENTENCE_RE.search(cited):
        return (before, cited, "")
    right = text[end : end + 200]
    stops = [right.find(stop) for stop in _STOPS if stop in right]
    after = right[: min(stops) + 1] if stops else right
    return (before, cited, after.rstrip())


def timeline(report: Report) -> list[Source]:
    """Sources by publication time, undated last."""
    return sorted(report.sources, key=lambda source: time_key(source.published))


def fact_label(report: Report, fact_id: str, limit: int = 90, facts: Mapping[str, Fact] | None = None) -> str:
    """ "f1: statement" for a fact id, the id alone when the report has no such fact.

    ``facts`` is the report's :func:`facts_by_id`, for a caller that labels every fact: looking
    each one up in the list made a table of a story's facts take time in their number squared.
    """
    if facts is None:
        fact = next((fact for fact in report.facts if fact.id == fact_id), None)
    else:
        fact = facts.get(fact_id)
    return fact_id if fact is None else f"{fact.id}: {excerpt(fact.statement, limit)}"


def facts_by_id(report: Report) -> dict[str, Fact]:
    """Fact id -> the report's first fact of that id, the one :func:`fact_label` names."""
    found: dict[str, Fact] = {}
    for fact in report.facts:
        found.setdefault(fact.id, fact)
    return found


def lead_label(leads_with: str) -> str:
    """What an article leads with (its first claim), shortened for a table cell."""
    return excerpt(leads_with, 160) or NO_VALUE


def loaded_words(texts: Mapping[str, str], framing: Framing, voice: str) -> list[str]:
    """Loaded terms of one voice as they read in the article, with the lexicon entry when it differs."""
    shown: list[str] = []
    for use in framing.loaded_terms:
        if use.voice != voice:
            continue
        words = squash(span_text(texts, framing.article_id, use.span) or use.term)
        label = words if words.lower() == use.term.lower() else f"{words} ({use.term})"
        shown.append(label)
    return list(dict.fromkeys(shown))


def supporters(fact: Fact) -> dict[str, str]:
    """Article id -> the words by which it supports the fact (first support per article)."""
    found: dict[str, str] = {}
    for support in fact.support:
        found.setdefault(support.article_id, support.text)
    return found


def names_of(names: Mapping[str, str], article_ids: tuple[str, ...] | list[str]) -> str:
    """Outlet names of articles, comma-separated, for table cells.

    ``names`` is the report's :func:`~storyline.brief.labels.outlet_names`, worked out once per
    section: the evidence sections ask for it once per cited span (18,000 calls for 80 reports).
    """
    return ", ".join(dict.fromkeys(names.get(aid, aid) for aid in article_ids)) or NO_VALUE


def origin_label(source: Source) -> str:
    """The origin group, or the article's own id when it is an origin of its own."""
    return source.origin_group or source.article_id
