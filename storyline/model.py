"""Typed records that flow between the pipeline's stages.

Every stage takes and returns these frozen dataclasses, never another stage's internals:

    inputs --ingest--> Document --identify--> Article --group--> Story --read--> ...

Evidence is always a :class:`Span`, a window of character offsets into an article's stored
clean text, so any output can point back at the words it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Characters ``[start, end)`` of the clean text of article ``article_id``."""

    article_id: str
    start: int
    end: int

    def text(self, article_text: str) -> str:
        """The words this span points at, cut from the article's clean text."""
        return article_text[self.start : self.end]


@dataclass(frozen=True)
class Document:
    """One parsed input before it has an identity: clean text plus what the page said of itself.

    ``origin`` names where it came from (a path, a URL, ``feed.xml#entry-3``) so that a
    rejection or a later question can be traced back to the input.
    """

    text: str
    origin: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """A stored article: a :class:`Document` with a stable id.

    ``id`` is derived from the normalised clean text, so the same text is the same article.
    ``copy_of`` names the canonical article when this one is a copy (the same or nearly the
    same text under another URL or headline); copies never count as extra sources.
    """

    id: str
    text: str
    origin: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    copy_of: str | None = None
    ingested_at: str | None = None

    def to_json(self) -> dict[str, str | None]:
        """The ``articles --json`` shape of the command-line contract."""
        return {
            "id": self.id,
            "title": self.title,
            "byline": self.byline,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "copy_of": self.copy_of,
            "text": self.text,
        }


@dataclass(frozen=True)
class Rejection:
    """An input that could not be ingested, and exactly why; the rest of the batch goes on."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True)
class IngestResult:
    """What one ``ingest`` batch did: new articles, copies found, known ones skipped, rejections."""

    added: tuple[Article, ...] = ()
    copies: tuple[Article, ...] = ()
    unchanged: tuple[str, ...] = ()
    rejected: tuple[Rejection, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no input of the batch was rejected."""
        return not self.rejected


@dataclass(frozen=True)
class ParseOutcome:
    """What reading one input produced: documents, and rejections of parts of it."""

    documents: tuple[Document, ...] = ()
    rejected: tuple[Rejection, ...] = ()


# --- Reading: what one article says, every item a span into its clean text -----------------


@dataclass(frozen=True)
class Mention:
    """One place an entity is named or referred to ("Trump", "the U.S. president", "he")."""

    span: Span
    text: str
    kind: str
    """"name", "title" (a role such as "the Prime Minister") or "pronoun"."""


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or outlet of one article, with every alias that names it.

    ``kind`` is one of "person", "org", "place", "group" (nationalities, parties) or "outlet";
    ``titles`` keeps the roles the article gives it ("Prime Minister", "U.S. Ambassador to Israel").
    """

    id: str
    name: str
    kind: str
    mentions: tuple[Mention, ...]
    titles: tuple[str, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        """Distinct surface forms, first-seen order."""
        return tuple(dict.fromkeys(m.text for m in self.mentions))


@dataclass(frozen=True)
class Quote:
    """Words inside quotation marks, and who (if anyone) the article says spoke them.

    ``kind``: "direct" (a quoted sentence or clause with a speaker), "partial" (a few quoted
    words inside the article's own sentence, with a speaker), or "scare" (quotation marks with
    no speaker: the outlet distancing itself). ``speaker`` is an entity id when resolved.
    """

    span: Span
    text: str
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None


@dataclass(frozen=True)
class Attribution:
    """Who says what: source, cue and content spans ("Haaretz" "wrote that" "Netanyahu ...").

    ``source_kind``: "person", "org", "outlet", "media" (an unnamed media collective such as
    "Hebrew-language reports"), "anonymous" ("officials said"), "document" or "unknown".
    ``direct`` is true when the content is a quotation.
    """

    source_span: Span | None
    cue_span: Span
    content_span: Span
    source_text: str
    cue: str
    source_kind: str
    source_entity: str | None = None
    direct: bool = False


@dataclass(frozen=True)
class Relay:
    """The article passes on another outlet's reporting; ``outlet`` is the normalised name."""

    outlet: str
    span: Span
    named: bool = True
    """False for an unnamed media collective ("Israeli media", "Hebrew-language reports")."""


@dataclass(frozen=True)
class Quantity:
    """A number, time or date as written and as understood.

    ``value`` is the number stated; ``low``/``high`` the range it allows after approximators
    ("nearly three hours": value 3, low None, high 3, approx "at_most"). ``kind`` is "count",
    "duration", "ordinal", "percent", "money", "date", "weekday" or "relative_date";
    ``date`` is the resolved ISO date for dates and weekdays when the publication date is known.
    """

    span: Span
    text: str
    kind: str
    value: float | None = None
    unit: str | None = None
    approx: str = "exact"
    low: float | None = None
    high: float | None = None
    date: str | None = None
    subject: str | None = None
    """What is counted or measured, when the text says ("dead", "meeting")."""


@dataclass(frozen=True)
class LoadedTerm:
    """An evaluative or loaded word or phrase, and whose voice it is in ("outlet" or "quoted")."""

    term: str
    span: Span
    voice: str
    category: str = "evaluative"


@dataclass(frozen=True)
class Claim:
    """A checkable statement of one sentence: who did or said what.

    ``voice`` is "outlet" (the article's own assertion) or "attributed" (reported from a
    source); ``hedges`` lists the hedging words ("reportedly", "may have"), ``negated`` is
    true when the main predicate is negated ("did not alter", "without reaching").
    """

    span: Span
    text: str
    predicate: str
    voice: str
    subject: str | None = None
    entities: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    negated: bool = False
    attribution: int | None = None
    """Index into the reading's attributions when ``voice`` is "attributed"."""


@dataclass(frozen=True)
class Reading:
    """Everything the read stage found in one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    relays: tuple[Relay, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    loaded_terms: tuple[LoadedTerm, ...] = ()


# --- Stories: articles grouped by the real-world event they report ---------------------------


@dataclass(frozen=True)
class StoryAssignment:
    """Where the grouper put one article: its story, how sure, and why.

    ``score`` is the similarity to the story that won (0 when the article started a new story);
    ``reason`` names the deciding signal ("copy", "similar", "new").
    """

    article_id: str
    story_id: str
    score: float = 0.0
    reason: str = "new"


@dataclass(frozen=True)
class Story:
    """A real-world event and the articles that report it; ``id`` never changes once given.

    ``merged_from`` lists story ids a consolidation folded into this one (their articles now
    belong here; the old ids stay resolvable).
    """

    id: str
    title: str
    article_ids: tuple[str, ...]
    first_published: str | None = None
    last_published: str | None = None
    merged_from: tuple[str, ...] = ()
