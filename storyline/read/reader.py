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
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from spacy.tokens import Doc

from storyline.model import Article, Attribution, Entity, Mention, Reading, Relay
from storyline.read.attributions import find_attributions
from storyline.read.claims import find_claims
from storyline.read.entities import find_entities
from storyline.read.lexicon import find_hedges, find_loaded_terms
from storyline.read.lexicon import prepare as prepare_lexicon
from storyline.read.nlp import ModelMissingError, load_pipeline, parse_many
from storyline.read.outlets import find_relays
from storyline.read.quantities import find_quantities
from storyline.read.quotes import find_quote_ranges, find_quotes
from storyline.read.resolve import EntityResolver

__all__ = [
    "MAX_READ_CHARS",
    "READER_VERSION",
    "ModelMissingError",
    "chunk_sizes",
    "gc_frozen",
    "read_article",
    "read_articles",
    "read_chunk",
    "readable",
]

READER_VERSION = "7"
"""Bump when the rules change, so stored readings are recomputed."""


POOL_CHUNK = 32
"""Most articles per task sent to a worker: one full parser batch (``nlp.PIPE_BATCH``)."""
POOL_CHUNK_MIN = 8
"""Fewest articles per task (but the last): tasks shrink towards the end, so workers finish together."""
MAX_READ_CHARS = 1_000_000
"""Characters of an article that are read: spaCy's own ``max_length`` (see :func:`readable`)."""


def read_articles(articles: Sequence[Article], processes: int = 1) -> Iterator[Reading]:
    """Readings of ``articles``, in order.

    With ``processes`` > 1 each worker process parses and reads whole chunks, so both the
    parse and the rules run in parallel and only finished readings cross process boundaries.
    """
    if not articles:
        return
    load_pipeline()
    prepare_lexicon()  # before the workers fork, so that they share it
    with gc_frozen():
        if processes <= 1 or len(articles) <= POOL_CHUNK_MIN:
            yield from read_chunk(list(articles))
            return
        stream = iter(articles)
        chunks = [list(islice(stream, size)) for size in chunk_sizes(len(articles), processes)]
        # forked with the model loaded: the workers share it and none loads its own (~0.6 s)
        with multiprocessing.get_context("fork").Pool(min(processes, len(chunks))) as pool:
            for blob in pool.imap(_read_chunk_pickled, chunks):
                yield from _unpickled(blob)


@contextmanager
def gc_frozen() -> Iterator[None]:
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


def chunk_sizes(count: int, processes: int) -> Iterator[int]:
    """Task sizes for ``count`` articles: full parser batches first, then smaller ones ("guided").

    Why: with fixed 16-article tasks, 200 articles made 13 tasks, so one worker read the last
    task alone (~7% of the run), and the parser ran on half batches. Each task here takes a
    share of what is left (at most :data:`POOL_CHUNK`, at least :data:`POOL_CHUNK_MIN`).
    """
    left = count
    while left > 0:
        size = min(left, max(POOL_CHUNK_MIN, min(POOL_CHUNK, -(-left // (2 * processes)))))
        yield size
        left -= size


def read_chunk(articles: list[Article]) -> list[Reading]:
    """Parse ``articles`` as one batch and read each: their readings, in order."""
    texts = [readable(article.text) for article in articles]
    docs = parse_many(texts)
    # each doc was parsed from that text, so that is its text: no need to rebuild it
    return [_read(article, doc, text) for article, doc, text in zip(articles, docs, texts, strict=True)]


def readable(text: str, limit: int | None = None) -> str:
    """The part of an article's text that is read: all of it, or, past ``limit`` characters, up
    to its last line break before the limit (or the limit itself, in a text with none).

    Why: spaCy refuses a longer text outright ([E088]; its parser and entity recogniser need
    memory in proportion), and one such article (a whole archive page stored as one text)
    aborted the reading of every article. A prefix keeps every span pointing into the stored text.
    """
    limit = MAX_READ_CHARS if limit is None else limit
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > 0 else limit]


def _read_chunk_pickled(articles: list[Article]) -> bytes:
    """A worker's readings, pickled by the worker: the parent unpickles them in :func:`_unpickled`.

    Why: the pool would unpickle them in its result thread, with the garbage collector on.
    """
    return pickle.dumps(read_chunk(articles), protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(blob: bytes) -> list[Reading]:
    """Readings from a worker, unpickled with the garbage collector paused.

    Why: a reading is some 600 new objects (records, their dicts, spans, tuples), and in the
    pool's result thread their unpickling set off collection after collection. With 2 workers
    on 200 BASIL articles (18 KB a reading) the parent, which shares the cores with them, spent
    1.07-1.14 ms of CPU per article, now 0.82-0.88 (unpickling alone: 1.7 -> 0.4 ms in a
    process holding earlier readings). Unpickling makes no garbage, so the pause leaves nothing
    behind, and the collector is as it was once the readings exist.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        readings: list[Reading] = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    return readings


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


def _link_sources(attributions: Sequence[Attribution], resolver: EntityResolver) -> list[Attribution]:
    """Each attribution with the entity its source names; the resolver keeps what it resolved,
    so that the quotations these sources speak are not resolved again."""
    linked = []
    for attribution in attributions:
        source = attribution.source_span
        if source is None or attribution.source_entity is not None:
            linked.append(attribution)
            continue
        resolved = resolver.from_chars(source.start, source.end)
        if resolved is not None:
            attribution = replace(attribution, source_entity=resolved[2])
        linked.append(attribution)
    return linked


def read_article(article: Article, doc: Doc) -> Reading:
    """Everything the read stage finds in one parsed article."""
    return _read(article, doc, doc.text)  # spaCy rebuilds Doc.text on every access: read it once


def _read(article: Article, doc: Doc, full: str) -> Reading:
    """:func:`read_article`, given ``full``, the doc's text.

    Why: ``Doc.text`` joins every token's text again (0.2 ms of CPU per 600-word article, 2% of
    the finders); a doc that :func:`read_chunk` parsed from the article's text has that text
    (spaCy's tokenizer loses no character: checked on 300 BASIL articles and odd whitespace).
    """
    text = article.text
    ents = tuple(doc.ents)  # spaCy rebuilds Doc.ents on every access: read it once
    entities = find_entities(doc, article.id, ents, full)
    raw_attributions = find_attributions(doc, article.id, ents, full)
    relays = find_relays(raw_attributions, text, article.id)
    entities = _mark_outlets(entities, relays)
    quoted = find_quote_ranges(text)
    resolver = EntityResolver(doc, article.id, entities, quoted)
    attributions = _link_sources(raw_attributions, resolver)
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
