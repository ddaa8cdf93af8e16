"""A small fictional story with three sources, built by hand so every span is known.

The ferry Aldine Star capsizes off Skelde (all names invented; 2031 dates, ``.example`` URLs).
The Daily Meridian reports first (12 dead, 212 passengers); Northern Wire later (31 dead, 240
passengers, a failed safety inspection only it reports); The Brightwater Times last, relaying the
Meridian's morning figures (so it shares the Meridian's origin and still gives 12 dead), in loaded
words of its own, and with an altered version of the harbour master's quotation.
"""

from __future__ import annotations

from storyline.model import (
    Conflict,
    ConflictValue,
    Fact,
    Framing,
    LoadedUse,
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

DM, NW, BT = "dm-ferry", "nw-ferry", "bt-ferry"

TEXTS = {
    DM: (
        "The passenger ferry Aldine Star capsized near Skelde harbour on Tuesday night. "
        "At least 12 people died, the coast guard said on Wednesday morning. "
        "The ferry was carrying 212 passengers when it overturned in heavy seas.\n\n"
        "Rescuers pulled survivors from the water until the coast guard suspended the search at nightfall. "
        "Harbour master Ilse Voren said: “We did everything we could in that water.”"
    ),
    NW: (
        "The ferry Aldine Star capsized near Skelde harbour on Tuesday, and the death toll rose to 31 "
        "on Wednesday, officials said. Port records show 240 passengers were on board. "
        "The vessel had failed a safety inspection in March, according to documents seen by "
        "Northern Wire.\n\n"
        "The coast guard suspended the search at nightfall. "
        "“We did all we could in that water,” harbour master Ilse Voren told reporters. "
        "One survivor called the rescue “a fiasco”."
    ),
    BT: (
        "The ferry Aldine Star capsized near Skelde harbour on Tuesday in a shocking disaster. "
        "At least 12 people died, according to The Daily Meridian, and the ferry carried 212 passengers. "
        "Survivors described a botched rescue. "
        "Harbour master Ilse Voren said “we could not do anything in that water”."
    ),
}


def span(article_id: str, words: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``words`` in the article's text (fails loudly if absent)."""
    text = TEXTS[article_id]
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return (start, start + len(words))


def support(article_id: str, words: str) -> Support:
    return Support(article_id, span(article_id, words), words)


def _facts() -> tuple[Fact, ...]:
    capsized = (
        support(DM, "The passenger ferry Aldine Star capsized near Skelde harbour on Tuesday night."),
        support(NW, "The ferry Aldine Star capsized near Skelde harbour on Tuesday"),
        support(BT, "The ferry Aldine Star capsized near Skelde harbour on Tuesday in a shocking disaster."),
    )
    search = (
        support(
            DM,
            "Rescuers pulled survivors from the water until the coast guard suspended the search at "
            "nightfall.",
        ),
        support(NW, "The coast guard suspended the search at nightfall."),
    )
    inspection = (
        support(
            NW,
            "The vessel had failed a safety inspection in March, according to documents seen by "
            "Northern Wire.",
        ),
    )
    passengers = (
        support(DM, "The ferry was carrying 212 passengers when it overturned in heavy seas."),
        support(NW, "Port records show 240 passengers were on board."),
        support(BT, "the ferry carried 212 passengers"),
    )
    toll = (
        support(DM, "At least 12 people died, the coast guard said on Wednesday morning."),
        support(NW, "the death toll rose to 31 on Wednesday, officials said"),
        support(BT, "At least 12 people died, according to The Daily Meridian"),
    )
    outlets3 = ("The Daily Meridian", "Northern Wire", "The Brightwater Times")
    return (
        Fact(
            "f1", "Aldine Star capsized near Skelde harbour on Tuesday", "corroborated", 2, outlets3, capsized
        ),
        Fact("f2", "The search was suspended at nightfall", "corroborated", 2, outlets3[:2], search),
        Fact(
            "f3",
            "The vessel failed a safety inspection in March",
            "single_source",
            1,
            ("Northern Wire",),
            inspection,
        ),
        Fact("f4", "Passengers on board", "conflicting", 2, outlets3, passengers),
        Fact("f5", "The death toll", "updated", 2, outlets3, toll),
    )


def _sources() -> tuple[Source, ...]:
    return (
        Source(
            DM,
            "The Daily Meridian",
            "Ana Petrov",
            "Ferry capsizes off Skelde, 12 dead",
            "https://dailymeridian.example/2031/05/12/ferry",
            "2031-05-12T07:40:00+00:00",
            copies=("dm-ferry-syndicated",),
            origin_group="g1",
        ),
        Source(
            NW,
            "Northern Wire",
            "Tomas Ekberg",
            "Death toll in Skelde ferry capsizing rises to 31",
            "https://northernwire.example/skelde-ferry",
            "2031-05-12T13:05:00+00:00",
            origin_group="g2",
        ),
        Source(
            BT,
            "The Brightwater Times",
            "Mara Lind",
            "Shocking ferry disaster off Skelde",
            "https://brightwatertimes.example/news/ferry",
            "2031-05-12T18:20:00+00:00",
            relays=(Relayed("The Daily Meridian", span(BT, "according to The Daily Meridian")),),
            origin_group="g1",
        ),
    )


def _quotes() -> tuple[QuoteEntry, ...]:
    occurrences = (
        QuoteOccurrence(DM, span(DM, "We did everything we could in that water."), "verbatim"),
        QuoteOccurrence(
            NW,
            span(NW, "We did all we could in that water,"),
            "reworded",
            "We did [-everything-] {+all+} we could in that water",
        ),
        QuoteOccurrence(
            BT,
            span(BT, "we could not do anything in that water"),
            "altered",
            "[-We did everything we could-] {+we could not do anything+} in that water",
        ),
    )
    return (QuoteEntry("Ilse Voren", "We did everything we could in that water.", occurrences),)


def _framing() -> tuple[Framing, ...]:
    return (
        Framing(
            DM,
            "descriptive; puts Skelde first",
            (),
            "The passenger ferry Aldine Star capsized near Skelde harbour on Tuesday night.",
        ),
        Framing(
            NW,
            "descriptive; puts Skelde first",
            (LoadedUse("fiasco", span(NW, "fiasco"), "quoted"),),
            "the death toll rose to 31 on Wednesday, officials said",
        ),
        Framing(
            BT,
            "descriptive; loaded: shocking",
            (
                LoadedUse("shocking", span(BT, "shocking"), "outlet"),
                LoadedUse("botch", span(BT, "botched"), "outlet"),
            ),
            "The ferry Aldine Star capsized near Skelde harbour on Tuesday in a shocking disaster.",
            omits=("f2",),
        ),
    )


def build_report() -> Report:
    """The sample report without a briefing (the composer's input)."""
    return Report(
        story=StoryInfo(
            "story-skelde-ferry",
            "Ferry Aldine Star capsizes off Skelde",
            "2031-05-12T07:40:00+00:00",
            "2031-05-12T18:20:00+00:00",
            ("Aldine Star", "Skelde", "Ilse Voren"),
        ),
        sources=_sources(),
        facts=_facts(),
        conflicts=(
            Conflict(
                "c1",
                "the number of passengers on board",
                "number",
                (
                    ConflictValue("212", (DM, BT), (span(DM, "212 passengers"), span(BT, "212 passengers"))),
                    ConflictValue("240", (NW,), (span(NW, "240 passengers"),)),
                ),
            ),
        ),
        updates=(
            Update(
                "death toll",
                (
                    UpdateStep("12", "2031-05-12T07:40:00+00:00", DM, span(DM, "At least 12 people died")),
                    UpdateStep("31", "2031-05-12T13:05:00+00:00", NW, span(NW, "the death toll rose to 31")),
                ),
                stale=(
                    UpdateStep("12", "2031-05-12T18:20:00+00:00", BT, span(BT, "At least 12 people died")),
                ),
            ),
        ),
        quotes=_quotes(),
        framing=_framing(),
    )
