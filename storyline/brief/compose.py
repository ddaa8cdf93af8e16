"""The neutral briefing: templated sentences over the report's records, each citing its evidence.

Order follows the design: what independent sources agree on, then what one origin alone reports,
then where sources disagree and how figures changed over time, then how the coverage differs
(:mod:`storyline.brief.coverage`). The briefing never states a fact in its own words: a fact is
quoted from one of the spans that support it, and the templates around the quotations name only
counts, outlets and times. The same report always gives the same sentences.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from datetime import datetime

from storyline.brief.context import LIST_EXCERPT, SHOWN_POINTS, Context, Ref, fact_words, support_refs
from storyline.brief.coverage import coverage_sentences
from storyline.brief.labels import between, parse_time, plural, time_key
from storyline.brief.text import excerpt, quote
from storyline.model import BriefingSentence, Conflict, Fact, Report, Update, UpdateStep

_NUMBER_RE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
_DETERMINERS = frozenset(
    "the a an this that these those its his her their our whose which what who when where whether how".split()
)


def compose_briefing(report: Report, texts: Mapping[str, str]) -> tuple[BriefingSentence, ...]:
    """Briefing sentences for ``report``; ``texts`` maps article id to clean text (whence quotations)."""
    ctx = Context(report, texts)
    candidates: list[BriefingSentence | None] = []
    candidates += [_consensus(ctx, fact) for fact in _by_weight(report.facts, "corroborated")]
    candidates += _single_sources(ctx)
    candidates += [_conflict(ctx, conflict) for conflict in report.conflicts]
    candidates += [_update(ctx, update) for update in report.updates]
    candidates += coverage_sentences(ctx)
    return tuple(sentence for sentence in candidates if sentence is not None)


def _by_weight(facts: tuple[Fact, ...], status: str) -> list[Fact]:
    """Facts of one status, most independent origins first, then most outlets; ties keep report order."""
    chosen = [fact for fact in facts if fact.status == status]
    return sorted(chosen, key=lambda fact: (-fact.independent_origins, -len(set(fact.outlets))))


# --- facts ----------------------------------------------------------------------------------


def _fact_outlets(ctx: Context, fact: Fact) -> list[str]:
    """Distinct outlets of a fact: as the report lists them, else those of its cited supports."""
    listed = list(dict.fromkeys(name for name in fact.outlets if name.strip()))
    return listed or list(dict.fromkeys(ctx.name(aid) for aid, _ in ctx.citable(support_refs(fact))))


def _consensus(ctx: Context, fact: Fact) -> BriefingSentence | None:
    """ "Reported by 3 outlets (2 independent origins): “…”" """
    refs, words = fact_words(ctx, fact)
    if words is None:
        return None
    outlets = plural(len(_fact_outlets(ctx, fact)), "outlet")
    origins = plural(fact.independent_origins, "independent origin")
    return ctx.sentence(f"Reported by {outlets} ({origins}): {quote(words)}", refs)


def _single_sources(ctx: Context) -> list[BriefingSentence | None]:
    """What one origin alone reports, one sentence per origin (its outlets in source order).

    "Reported only by Northern Wire: “…”" for a single point; several points are listed in the
    order the first outlet's text gives them (news puts what matters first), at most
    ``SHOWN_POINTS`` of them, with the count of all: the facts table lists the rest.
    """
    groups: dict[tuple[str, ...], list[tuple[Fact, list[Ref], str]]] = {}
    for fact in ctx.report.facts:
        if fact.status != "single_source":
            continue
        refs, words = fact_words(ctx, fact)
        if words is not None:
            carriers = tuple(sorted({aid for aid, _ in refs}, key=ctx.order.__getitem__))
            groups.setdefault(carriers, []).append((fact, refs, words))
    ordered = sorted(groups.items(), key=lambda item: [ctx.order[aid] for aid in item[0]])
    return [_single_source(ctx, carriers, items) for carriers, items in ordered]


def _single_source(
    ctx: Context, carriers: tuple[str, ...], items: list[tuple[Fact, list[Ref], str]]
) -> BriefingSentence | None:
    """ "Reported only by Northern Wire: “…”" or "Northern Wire alone reports 5 points, among them: …" """
    first = carriers[0]
    items = sorted(items, key=lambda item: min(span for aid, span in item[1] if aid == first))
    names = ctx.outlets(carriers)
    who = names if len(carriers) == 1 else f"one origin, carried by {names}"
    refs = [ref for _, item_refs, _ in items for ref in item_refs]
    if len(items) == 1:
        return ctx.sentence(f"Reported only by {who}: {quote(items[0][2])}", refs)
    subject = (
        names + " alone reports" if len(carriers) == 1 else f"One origin alone, carried by {names}, reports"
    )
    shown = "; ".join(quote(excerpt(words, LIST_EXCERPT)) for _, _, words in items[:SHOWN_POINTS])
    among = ", among them" if len(items) > SHOWN_POINTS else ""
    return ctx.sentence(f"{subject} {len(items)} points{among}: {shown}", refs)


# --- conflicts and updates ------------------------------------------------------------------


def _conflict(ctx: Context, conflict: Conflict) -> BriefingSentence | None:
    """ "Sources disagree on the number of passengers: 212 (A and B) vs 240 (C)."

    A negation conflict's values are whole statements, the sources' words: they are quoted
    ("Sources disagree: “X agreed …” (A) vs “X did not agree …” (B)"), never restated.
    """
    statements = conflict.kind == "negation"
    all_refs: list[Ref] = []
    parts: list[str] = []
    for value in conflict.values:
        refs = ctx.citable(zip(value.article_ids, value.spans, strict=False))
        quoted = ctx.quoted(refs[0]) if refs else None
        words = quoted if statements else ctx.own_words(value.value, refs) or quoted
        if words is None or not refs:
            continue
        all_refs += refs
        parts.append(f"{words} ({ctx.outlets(aid for aid, _ in refs)})")
    if len(parts) < 2:
        return None
    about = None if statements else _topic(ctx.own_words(conflict.about, all_refs))
    lead = f"Sources disagree on {about}" if about else "Sources disagree"
    return ctx.sentence(f"{lead}: {' vs '.join(parts)}", all_refs)


def _topic(label: str | None) -> str | None:
    """A compare-stage label as a noun phrase: "death toll" -> "the death toll".

    Labels that already open with a determiner or question word, a capital (a name) or a
    quotation are left as they are.
    """
    if not label:
        return None
    first = label.split(" ", 1)[0]
    if not first[:1].islower() or first in _DETERMINERS:
        return label
    return "the " + label


def _number(value: str) -> float | None:
    match = _NUMBER_RE.search(value)
    return float(match.group().replace(",", "")) if match else None


def _direction(values: list[str]) -> str:
    """ "rose" or "fell" when every value holds a number and they move one way, else "changed"."""
    numbers = [number for value in values if (number := _number(value)) is not None]
    if len(numbers) != len(values):
        return "changed"
    pairs = list(itertools.pairwise(numbers))
    if all(later > earlier for earlier, later in pairs):
        return "rose"
    if all(later < earlier for earlier, later in pairs):
        return "fell"
    return "changed"


def _newer_value(update: Update, stale: UpdateStep) -> str:
    """The latest value published before a stale article, which it failed to pick up."""
    moment = parse_time(stale.published)
    earlier = [
        step
        for step in update.sequence
        if moment is not None and (t := parse_time(step.published)) is not None and _before(t, moment)
    ]
    fresher = [step for step in earlier if step.value != stale.value] or list(update.sequence)
    return max(fresher, key=lambda step: time_key(step.published)).value


def _before(first: datetime, second: datetime) -> bool:
    """Time comparison that treats mixed zone-aware and naive times as not comparable (False)."""
    try:
        return first < second
    except TypeError:
        return False


def _update(ctx: Context, update: Update) -> BriefingSentence | None:
    """ "The death toll rose from 12 to 31 between … and …; X still gave 12 after 31 was reported." """
    steps = [step for step in update.sequence if ctx.words((step.article_id, step.span)) is not None]
    if len(steps) < 2:
        return None
    refs: list[Ref] = [(step.article_id, step.span) for step in steps]
    values = [
        ctx.own_words(step.value, [ref]) or ctx.quoted(ref) or "another value"
        for step, ref in zip(steps, refs, strict=True)
    ]
    about = _topic(ctx.own_words(update.about, refs))
    subject = (about[0].upper() + about[1:]) if about else "A reported figure"
    text = f"{subject} {_direction([step.value for step in steps])} from " + " to ".join(values)
    if steps[0].published and steps[-1].published:
        text += " " + between(steps[0].published, steps[-1].published)
    for stale in update.stale:
        ref = (stale.article_id, stale.span)
        old = ctx.own_words(stale.value, [ref])
        new = ctx.own_words(_newer_value(update, stale), refs)
        if old and new and ctx.words(ref) is not None:
            text += f"; {ctx.name(stale.article_id)} still gave {old} after {new} was reported"
            refs.append(ref)
    return ctx.sentence(text, refs)
