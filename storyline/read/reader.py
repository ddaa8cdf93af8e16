"""The read stage's driver: one parse per article, then every finder in a fixed order.

``read_articles(articles)`` parses the texts in batches and, per article, finds entities with
their aliases, attributions and the outlets they relay, quotations with speakers, claims with
voice, hedges and negation, quantities, and loaded words with their voice. The order matters
and is fixed here: attributions need entities to name their sources, quotes need
attributions to find speakers, and loaded words need quotations to know whose voice they are.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from storyline.model import Article, Attribution, Entity, Mention, Reading, Relay
from storyline.read.attributions import find_attributions
from storyline.read.claims import find_claims
from storyline.read.entities import find_entities
from storyline.read.lexicon import find_hedges, find_loaded_terms
from storyline.read.nlp import ModelMissingError, parse_many
from storyline.read.outlets import find_relays
from storyline.read.quantities import find_quantities
from storyline.read.quotes import find_quote_ranges, find_quotes
from storyline.read.resolve import EntityResolver

__all__ = ["READER_VERSION", "ModelMissingError", "read_article", "read_articles"]

READER_VERSION = "1"
"""Bump when the rules change, so stored readings are recomputed."""


POOL_CHUNK = 16
"""Articles per task sent to a worker: enough to batch the parser, small enough to balance."""


def read_articles(articles: Sequence[Article], processes: int = 1) -> Iterator[Reading]:
    """Readings of ``articles``, in order.

    With ``processes`` > 1 each worker process parses and reads whole chunks, so both the
    parse and the rules run in parallel and only finished readings cross process boundaries.
    """
    if processes <= 1 or len(articles) <= POOL_CHUNK:
        yield from _read_chunk(list(articles))
        return
    chunks = [list(articles[i : i + POOL_CHUNK]) for i in range(0, len(articles), POOL_CHUNK)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for readings in pool.imap(_read_chunk, chunks):
            yield from readings


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
        phrase = None if source is None else doc.char_span(source.start, source.end, alignment_mode="expand")
        if phrase is not None and attribution.source_entity is None:
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
