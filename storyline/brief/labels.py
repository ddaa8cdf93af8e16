"""How a report's records are named and dated in every output, so the briefing, the Markdown and
the HTML page call each source and each time the same thing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from storyline.brief.text import plain
from storyline.model import Offsets, Report, Source


def outlet_name(source: Source) -> str:
    """The outlet, or a short stable label when the page named none (never the headline, which
    may carry loaded words into the briefing's own voice)."""
    if source.outlet and source.outlet.strip():
        return plain(source.outlet)
    return f"unnamed source {source.article_id[:8]}"


def outlet_names(report: Report) -> dict[str, str]:
    """Article id -> display name for every source of the report, copies included."""
    names: dict[str, str] = {}
    for source in report.sources:
        names[source.article_id] = outlet_name(source)
        for copy in source.copies:
            names.setdefault(copy, outlet_name(source))
    return names


def source_labels(report: Report) -> dict[str, str]:
    """Article id -> "S1", "S2", … in source order: the short column heads of tables."""
    return {source.article_id: f"S{index}" for index, source in enumerate(report.sources, 1)}


def proper_names(report: Report) -> list[str]:
    """Names that may stand in the briefing's own voice without counting as its judgement."""
    names = [outlet_name(source) for source in report.sources]
    names += [relay.outlet for source in report.sources for relay in source.relays]
    names += [entry.speaker for entry in report.quotes if entry.speaker]
    names += list(report.story.entities)
    return names


def origin_count(report: Report) -> int:
    """Independent origins among the sources: one per origin group (an ungrouped source is its own)."""
    return len({source.origin_group or source.article_id for source in report.sources})


def join_names(names: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C": distinct names in first-seen order."""
    unique = list(dict.fromkeys(names))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 outlet", "3 outlets"."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def parse_time(published: str | None) -> datetime | None:
    """An ISO 8601 publication time, or None when absent or unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip())
    except ValueError:
        return None


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def _zone(moment: datetime) -> str:
    """ " UTC", " +0200", or nothing for a time without a zone."""
    offset = moment.utcoffset()
    if offset is None:
        return ""
    return " UTC" if not offset else f" {moment:%z}"


def _has_time(published: str | None) -> bool:
    return len((published or "").strip()) > 10


def when(published: str | None) -> str:
    """A publication time as people read it: "12 May 2031, 07:40 UTC"; unreadable values as given."""
    moment = parse_time(published)
    if moment is None:
        return plain(published or "undated")
    if not _has_time(published):
        return _day(moment)
    return f"{_day(moment)}, {moment:%H:%M}{_zone(moment)}"


def between(first: str | None, last: str | None) -> str:
    """ "between 07:40 and 13:05 UTC on 12 May 2031" within one day, else both times in full."""
    start, end = parse_time(first), parse_time(last)
    if (
        start is not None
        and end is not None
        and _has_time(first)
        and _has_time(last)
        and start.date() == end.date()
        and start.utcoffset() == end.utcoffset()
    ):
        return f"between {start:%H:%M} and {end:%H:%M}{_zone(end)} on {_day(end)}"
    return f"between {when(first)} and {when(last)}"


def time_key(published: str | None) -> tuple[int, float, str]:
    """Sort key by publication time: undated last, unreadable after readable, ties by the string."""
    moment = parse_time(published)
    if moment is None:
        return (1, 0.0, published or "")
    seconds = _naive_seconds(moment) if moment.tzinfo is None else moment.timestamp()
    return (0, seconds, published or "")


def _naive_seconds(moment: datetime) -> float:
    """Seconds of a time without a zone, read as UTC so the key never depends on the machine's zone."""
    return (moment - datetime(1970, 1, 1)).total_seconds()


def span_text(texts: Mapping[str, str], article_id: str, span: Offsets | Sequence[int]) -> str | None:
    """The words of a span, or None when the article has no text or the span falls outside it."""
    text = texts.get(article_id)
    if text is None or len(span) != 2:
        return None
    start, end = span[0], span[1]
    if not 0 <= start <= end <= len(text):
        return None
    return text[start:end]
