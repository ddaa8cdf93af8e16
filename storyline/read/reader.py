"""The read stage's driver: one parse per article, then every finder in a fixed order.

``read_articles(articles)`` parses the texts in batches and, per article, finds entities with
their aliases, attributions and the outlets they relay, quotations with speakers, claims with
voice, hedges and negation, quantities, and loaded words with their voice. The order matters
and is fixed here: attributions need entities to name their sources, quotes need
attributions to find speakers, and loaded words need quotations to know whose voice they are.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from spacy.tokens import Doc

from storyline.model import Article, Attribution, Entity, Mention, Reading, Relay
from storyline.read.attributions import find_attributions
from storyline.read.claims import find_claims
from storyline.read.entities import find_entities
from storyline.read.lexicon import find_hedges, find_loaded_terms
from storyline.read.nlp import ModelMissingError, load_pipeline, parse_many
from storyline.read.outlets import find_relays
from storyline.read.quantities import find_quantities
from storyline.read.quotes import find_quote_ranges, find_quotes
from storyline.read.resolve import EntityResolver

__all__ = ["READER_VERSION", "ModelMissingError", "read_article", "read_articles"]

READER_VERSION = "1"
"""Bump when the rules change, so stored readings are recomputed."""


POOL_CHUNK = 32
"""Most articles per task sent to a worker: one full parser batch (``nlp.PIPE_BATCH``)."""
POOL_CHUNK_MIN = 8
"""Fewest articles per task (but the last): tasks shrink towards the end, so workers finish together."""


def read_articles(articles: Sequence[Article], processes: int = 1) -> Iterator[Reading]:
    """Readings of ``articles``, in order.

    With ``processes`` > 1 each worker process parses and reads whole chunks, so both the
    parse and the rules run in parallel and only finished readings cross process boundaries.
    """
    if not articles:
        return
    load_pipeline()
    with _gc_frozen():
        if processes <= 1 or len(articles) <= POOL_CHUNK_MIN:
            yield from _read_chunk(list(articles))
            return
        chunks = [list(articles[start:end]) for start, end in _chunk_bounds(len(articles), processes)]
        # forked with the model loaded: the workers share it and none loads its own (~0.6 s)
        with multiprocessing.get_context("fork").Pool(min(processes, len(chunks))) as pool:
            for readings in pool.imap(_read_chunk, chunks):
                yield from readings


@contextmanager
def _gc_frozen() -> Iterator[None]:
    """While reading, the garbage collector leaves alone what existed before (the model above all).

    Why: reading makes many objects that live on (readings), so full collections come often and
    each went through the loaded pipeline's objects again: 0.7 ms an article of 31 in one
    process (200 BASIL articles). Worker processes forked meanwhile inherit the frozen objects,
    so their collections do not write to them and copy them page by page (page faults 53,000 ->
    40,000, 2 workers 53.4 -> 56 articles/s); the parent, which unpickles the readings, spent
    0.26 s of CPU instead of 0.16. Skipped when the program froze objects itself: unfreezing
    would undo that.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _chunk_bounds(count: int, processes: int) -> list[tuple[int, int]]:
    """(start, end) of each task: full parser batches first, then smaller ones ("guided").

    Why: with fixed 16-article tasks, 200 articles made 13 tasks, so one worker read the last
    task alone (~7% of the run), and the parser ran on half batches. Each task here takes a
    share of what is left (at most :data:`POOL_CHUNK`, at least :data:`POOL_CHUNK_MIN`).
    """
    bounds = []
    start = 0
    while start < count:
        size = max(POOL_CHUNK_MIN, min(POOL_CHUNK, -(-(count - start) // (2 * processes))))
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


def _read_chunk(articles: list[Article]) -> list[Reading]:
    docs = parse_many(a.text for a in articles)
    return [read_article(article, doc) for article, doc in zip(articles, docs, strict=True)]


def _mark_outlets(entities: list[Entity], relays: Sequence[Relay]) -> list[Entity]:
    """Entities that are relayed outlets become kind "outlet"; named outlets get an entity."""
    marked = []
    covered: set[str] = set()
    for entity in entities:
        relay = next(
            (
                r
                for r in relays
                if r.named
                and any(r.span.start <= m.span.start < r.span.end for m in entity.mentions)
                and entity.name.lower() in r.outlet.lower()
            ),
            None,
        )
        if relay is not None:
            covered.add(relay.outlet)
            entity = replace(entity, kind="outlet", name=relay.outlet)
        marked.append(entity)
    for relay in relays:
        if relay.named and relay.outlet not in covered:
            covered.add(relay.outlet)
            mention = Mention(relay.span, relay.outlet, "name")
            marked.append(Entity(f"e{len(marked) + 1}", relay.outlet, "outlet", (mention,)))
    return marked


def _link_sources(
    doc: Doc, attributions: Sequence[Attribution], resolver: EntityResolver
) -> list[Attribution]:
    linked = []
    for attribution in attributions:
        source = attribution.source_span
        if source is None or attribution.source_entity is not None:
            linked.append(attribution)
            continue
        phrase = doc.char_span(source.start, source.end, alignment_mode="expand")
        if phrase is not None:
            _, _, entity = resolver.from_phrase(phrase)
            attribution = replace(attribution, source_entity=entity)
        linked.append(attribution)
    return linked


def read_article(article: Article, doc: Doc) -> Reading:
    """Everything the read stage finds in one parsed article."""
    text = article.text
    full = doc.text  # spaCy rebuilds Doc.text and Doc.ents on every access: read each once
    ents = tuple(doc.ents)
    entities = find_entities(doc, article.id, ents, full)
    raw_attributions = find_attributions(doc, article.id, ents, full)
    relays = find_relays(raw_attributions, text, article.id)
    entities = _mark_outlets(entities, relays)
    quoted = find_quote_ranges(text)
    resolver = EntityResolver(doc, article.id, entities, quoted)
    attributions = _link_sources(doc, raw_attributions, resolver)
    # the quotes' resolver must hold the doc's quote ranges; the article's are the same text's
    quotes_resolver = resolver if full == text else None
    quotes = find_quotes(doc, article.id, attributions, entities, full, quotes_resolver)
    hedges = find_hedges(text)
    claims = find_claims(list(doc.sents), article.id, attributions, entities, hedges, full)
    return Reading(
        article_id=article.id,
        entities=tuple(entities),
        quotes=tuple(quotes),
        attributions=tuple(attributions),
        relays=tuple(relays),
        claims=tuple(claims),
        quantities=tuple(find_quantities(text, article.id, article.published)),
        loaded_terms=tuple(find_loaded_terms(text, article.id, quoted)),
    )
