"""The last part of the briefing: how the coverage differs, told through each outlet's own words.

Four kinds of difference, each shown by quoting the spans behind it, never summarised into a score:
loaded wording an outlet uses in its own voice, facts it leaves out that others report, quotations
it renders with changed meaning (or gives to another speaker), and the outlets it relays, which
explain why several outlets can count as one origin.
"""

from __future__ import annotations

from storyline.brief.context import LIST_EXCERPT, SHOWN_POINTS, Context, Ref, fact_words
from storyline.brief.labels import join_names, plural
from storyline.brief.text import comparable, excerpt, plain, quote
from storyline.model import BriefingSentence, Framing, QuoteEntry, QuoteOccurrence, Source

LOADED_SHOWN = 6
"""Distinct loaded terms quoted at most per outlet; the framing cards list them all."""
_REFERENCE_FORMS = ("verbatim", "reworded")
"""Occurrences an altered quotation is set against, best first."""


def coverage_sentences(ctx: Context) -> list[BriefingSentence | None]:
    """Loaded wording, omissions, changed quotations and relays, in source order within each kind."""
    framing = sorted(ctx.report.framing, key=lambda item: ctx.order.get(item.article_id, len(ctx.order)))
    sentences: list[BriefingSentence | None] = [_loaded(ctx, item) for item in framing]
    sentences += [_omissions(ctx, item.article_id, item.omits) for item in framing]
    for entry in ctx.report.quotes:
        sentences += _quote_changes(ctx, entry)
    sentences += [_relays(ctx, source) for source in ctx.report.sources]
    return sentences


def _loaded(ctx: Context, framing: Framing) -> BriefingSentence | None:
    """ "The Brightwater Times uses loaded wording in its own voice: “shocking” and “botched”." """
    refs: list[Ref] = [
        (framing.article_id, use.span) for use in framing.loaded_terms if use.voice == "outlet"
    ]
    quoted: dict[str, str] = {}
    for ref in ctx.citable(refs):
        words = ctx.quoted(ref)
        if words is not None:
            quoted.setdefault(comparable(words).lower(), words)
    if not quoted:
        return None
    name = ctx.name(framing.article_id)
    terms = list(quoted.values())
    if len(terms) <= LOADED_SHOWN:
        return ctx.sentence(f"{name} uses loaded wording in its own voice: {join_names(terms)}", refs)
    shown = join_names(terms[:LOADED_SHOWN])
    return ctx.sentence(f"{name} uses {len(terms)} loaded terms in its own voice, among them {shown}", refs)


def _omissions(ctx: Context, article_id: str, fact_ids: tuple[str, ...]) -> BriefingSentence | None:
    """ "Kestrel Courier does not report what A and B report: “…”", or for several points the count
    and the most widely reported of them (``SHOWN_POINTS`` at most), each with how many outlets have it."""
    facts = {fact.id: fact for fact in ctx.report.facts}
    items: list[tuple[list[Ref], str]] = []
    for fact_id in dict.fromkeys(fact_ids):
        fact = facts.get(fact_id)
        if fact is None:
            continue
        refs, words = fact_words(ctx, fact, article_id)
        if words is not None:
            items.append((refs, words))
    if not items:
        return None
    name = ctx.name(article_id)
    if len(items) == 1:
        refs, words = items[0]
        others = ctx.outlets(aid for aid, _ in refs)
        verb = "reports" if len({ctx.name(aid) for aid, _ in refs}) == 1 else "report"
        return ctx.sentence(f"{name} does not report what {others} {verb}: {quote(words)}", refs)
    items.sort(key=lambda item: -len({ctx.name(aid) for aid, _ in item[0]}))
    shown = "; ".join(
        f"{quote(excerpt(words, LIST_EXCERPT))} ({plural(len({ctx.name(aid) for aid, _ in refs}), 'outlet')})"
        for refs, words in items[:SHOWN_POINTS]
    )
    among = ", among them" if len(items) > SHOWN_POINTS else ""
    text = f"{name} does not report {len(items)} points that other outlets report{among}: {shown}"
    return ctx.sentence(text, [ref for refs, _ in items for ref in refs])


def _occurrence_ref(occurrence: QuoteOccurrence) -> Ref:
    return (occurrence.article_id, occurrence.span)


def _quote_changes(ctx: Context, entry: QuoteEntry) -> list[BriefingSentence | None]:
    """Altered renderings set against a faithful one, and words given to different speakers."""
    usable = [item for item in entry.occurrences if ctx.words(_occurrence_ref(item)) is not None]
    reference = next(
        (item for form in _REFERENCE_FORMS for item in usable if item.form == form),
        None,
    )
    sentences: list[BriefingSentence | None] = []
    if reference is not None:
        sentences += [_altered(ctx, entry, item, reference) for item in usable if item.form == "altered"]
    if entry.speakers_differ and usable:
        words = ctx.quoted(_occurrence_ref(usable[0]))
        text = f"Outlets name different speakers for the words {words}"
        sentences.append(ctx.sentence(text, [_occurrence_ref(item) for item in usable]))
    return sentences


def _altered(
    ctx: Context, entry: QuoteEntry, altered: QuoteOccurrence, reference: QuoteOccurrence
) -> BriefingSentence | None:
    """ "The Brightwater Times gives Ilse Voren's words as “…”, where The Daily Meridian has “…”." """
    whose = (
        f"{plain(entry.speaker)}’s words" if entry.speaker and plain(entry.speaker) else "the quoted words"
    )
    changed = ctx.quoted(_occurrence_ref(altered))
    faithful = ctx.quoted(_occurrence_ref(reference))
    if changed is None or faithful is None:
        return None
    text = (
        f"{ctx.name(altered.article_id)} gives {whose} as {changed}, "
        f"where {ctx.name(reference.article_id)} has {faithful}"
    )
    return ctx.sentence(text, [_occurrence_ref(altered), _occurrence_ref(reference)])


def _relays(ctx: Context, source: Source) -> BriefingSentence | None:
    """ "The Brightwater Times relays The Daily Meridian: “…”, so the two count as one origin." """
    refs: list[Ref] = ctx.citable((source.article_id, relay.span) for relay in source.relays)
    if not refs:
        return None
    spans = {ref[1] for ref in refs}
    relayed = join_names(plain(r.outlet) for r in source.relays if r.span in spans and plain(r.outlet))
    name = ctx.name(source.article_id)
    text = f"{name} relays {relayed or 'another outlet'}"
    quotes = join_names(words for ref in refs if (words := ctx.quoted(ref)) is not None)
    if quotes:
        text += f": {quotes}"
    group = source.origin_group
    partners = [
        s.article_id for s in ctx.report.sources if group and s.origin_group == group and s is not source
    ]
    together = list(dict.fromkeys([name, *(ctx.name(aid) for aid in partners)]))
    if len(together) > 1:
        text += f", so {join_names(together)} count as one origin"
    return ctx.sentence(text, refs)
