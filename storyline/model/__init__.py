"""Typed records that flow between the pipeline's stages.

Every stage takes and returns these frozen dataclasses, never another stage's internals:

    inputs --ingest--> Document --identify--> Article --group--> Story --read--> ...

Evidence is always a :class:`Span`, a window of character offsets into an article's stored
clean text, so any output can point back at the words it rests on.
"""

from storyline.model.articles import (
    Article,
    Document,
    DocumentKeys,
    IngestResult,
    ParseOutcome,
    Rejection,
    Span,
)
from storyline.model.reading import (
    Attribution,
    Claim,
    EncodedReading,
    Entity,
    LoadedTerm,
    Mention,
    Quantity,
    Quote,
    Reading,
    Relay,
)
from storyline.model.report import (
    BriefingSentence,
    Citation,
    Conflict,
    ConflictValue,
    Fact,
    Framing,
    LoadedUse,
    Offsets,
    QuoteEntry,
    QuoteOccurrence,
    Relayed,
    Report,
    Source,
    StoryInfo,
    Support,
    Update,
    UpdateStep,
)
from storyline.model.stories import (
    IndexEntry,
    RenderedReport,
    Story,
    StoryAssignment,
    StoryMaterial,
)

__all__ = [
    "Article",
    "Attribution",
    "BriefingSentence",
    "Citation",
    "Claim",
    "Conflict",
    "ConflictValue",
    "Document",
    "DocumentKeys",
    "EncodedReading",
    "Entity",
    "Fact",
    "Framing",
    "IndexEntry",
    "IngestResult",
    "LoadedTerm",
    "LoadedUse",
    "Mention",
    "Offsets",
    "ParseOutcome",
    "Quantity",
    "Quote",
    "QuoteEntry",
    "QuoteOccurrence",
    "Reading",
    "Rejection",
    "Relay",
    "Relayed",
    "RenderedReport",
    "Report",
    "Source",
    "Span",
    "Story",
    "StoryAssignment",
    "StoryInfo",
    "StoryMaterial",
    "Support",
    "Update",
    "UpdateStep",
]
