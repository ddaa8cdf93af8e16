"""Records of the read stage: what one article says, every item a span into its clean text."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model.articles import Span


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


EncodedReading = tuple[str, str]
"""(article id, its :class:`Reading` encoded by :func:`storyline.codec.to_text`): what reading
workers send back, and what the store keeps, so no process decodes it on the way."""
