"""Records of the compare and brief stages: the ``storyline.report/1`` format."""

from __future__ import annotations

from dataclasses import dataclass

Offsets = tuple[int, int]


@dataclass(frozen=True)
class StoryInfo:
    """The story a report is about."""

    id: str
    title: str
    first_published: str | None = None
    last_published: str | None = None
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relayed:
    """An outlet an article relays, and where it says so."""

    outlet: str
    span: Offsets


@dataclass(frozen=True)
class Source:
    """One canonical article of the story with its copies and the outlets it relays.

    ``origin_group`` is shared by articles that are not independent of each other (one relays
    the other, or both relay the same original).
    """

    article_id: str
    outlet: str | None
    byline: str | None
    title: str | None
    url: str | None
    published: str | None
    copies: tuple[str, ...] = ()
    relays: tuple[Relayed, ...] = ()
    origin_group: str = ""


@dataclass(frozen=True)
class Support:
    """Where an article states a fact: the span and its words."""

    article_id: str
    span: Offsets
    text: str


@dataclass(frozen=True)
class Fact:
    """One statement the story's sources make, aligned across articles.

    ``status``: "corroborated" (two or more independent origins), "single_source",
    "conflicting" or "updated".
    """

    id: str
    statement: str
    status: str
    independent_origins: int
    outlets: tuple[str, ...]
    support: tuple[Support, ...]


@dataclass(frozen=True)
class ConflictValue:
    """One of the incompatible values, and who reports it where."""

    value: str
    article_ids: tuple[str, ...]
    spans: tuple[Offsets, ...]


@dataclass(frozen=True)
class Conflict:
    """Sources disagree; ``kind`` is "number", "date", "day", "who", "negation" or "other"."""

    id: str
    about: str
    kind: str
    values: tuple[ConflictValue, ...]


@dataclass(frozen=True)
class UpdateStep:
    """One value of a figure that changed over publication time."""

    value: str
    published: str | None
    article_id: str
    span: Offsets


@dataclass(frozen=True)
class Update:
    """A figure that grew or changed over time: an update, not a conflict.

    ``stale`` lists later articles that still repeat an older value.
    """

    about: str
    sequence: tuple[UpdateStep, ...]
    stale: tuple[UpdateStep, ...] = ()


@dataclass(frozen=True)
class QuoteOccurrence:
    """One article's rendering of an utterance; ``form`` is verbatim, reworded, altered or paraphrase."""

    article_id: str
    span: Offsets
    form: str
    diff: str = ""


@dataclass(frozen=True)
class QuoteEntry:
    """One utterance and every article that carries it."""

    speaker: str | None
    text: str
    occurrences: tuple[QuoteOccurrence, ...]
    speakers_differ: bool = False
    """True when outlets give the words to different speakers."""


@dataclass(frozen=True)
class LoadedUse:
    """A loaded term an article uses, and whose voice it is in."""

    term: str
    span: Offsets
    voice: str


@dataclass(frozen=True)
class Framing:
    """How one article frames the story, with the evidence: never a bare score."""

    article_id: str
    headline_angle: str
    loaded_terms: tuple[LoadedUse, ...]
    leads_with: str
    omits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """Evidence for a briefing sentence."""

    article_id: str
    span: Offsets


@dataclass(frozen=True)
class BriefingSentence:
    """One sentence of the neutral briefing and the spans it rests on."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Report:
    """A story compared across its sources: the ``storyline.report/1`` format."""

    story: StoryInfo
    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    updates: tuple[Update, ...] = ()
    quotes: tuple[QuoteEntry, ...] = ()
    framing: tuple[Framing, ...] = ()
    briefing: tuple[BriefingSentence, ...] = ()
    format: str = "storyline.report/1"
