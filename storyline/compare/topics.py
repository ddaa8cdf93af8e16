"""What a figure is about: a short label ("death toll", "meeting length", "day of the meeting").

Two articles' figures are compared only when they carry the same label, so the label decides
what may conflict. It is built from the figure's own subject (what the reader found it counts
or ranks) and the words around it in its clause or sentence, never from the value: a label
that depended on the value could not tell a clash from two different things.

Every rule here is written to say nothing rather than guess. A number whose frame is unclear
(a bare "three", "two people", "180 kilometres to the east") gets no label and is never
compared: a missed conflict costs a line in a report, an invented one misleads its reader.

Calendar figures are dated by the event word named last before them in their clause ("the
summit ... on Wednesday"). A calendar figure in an article's first sentence whose clause names
no event ("agreed on Wednesday to set up a commission") is *weak*: news ledes date the story's
event, so it may support a value of the story's main event, but it never makes a conflict of its own.

The guards (which ranks, which lengths, shares, plans, series of quakes) were set by running the
compare stage over ECB+ (86 clusters of reports of one event) and BASIL (100 events told by three
outlets): 39 conflicts at first, mostly invented; 5 after, each a real disagreement of the texts
(Thursday or Friday, 17:06 or 17:11, a depth of 1.2 or 12 miles) or a meeting of another day.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from storyline.model import Quantity

LEDE_EVENT = ""
"""Placeholder event of a weak calendar figure; the caller puts in the story's main event."""
CALENDAR_KINDS = frozenset({"weekday", "date", "relative_date"})
FULL_DAY_LENGTH = len("2031-03-12")
"""Dates other than weekdays are compared only when resolved to one day ("March 12", "yesterday")."""
SAY_LOOKBACK_WORDS = 2
"""Words before a calendar figure searched for a reporting verb ("said on Monday", "told reporters on")."""
CLAUSE_WORDS = 40
"""Enough words to take a whole clause."""
RUN_WORDS = 3
"""Longest noun run read after a percentage or amount ("9 percent transit levy")."""


def _table(spec: dict[str, str]) -> dict[str, str]:
    """Surface word to label, from label -> space-separated words (multi-word forms joined by '_')."""
    return {word.replace("_", " "): label for label, words in spec.items() for word in words.split()}


EVENT_WORDS = _table({
    "meeting": "meeting meetings met meet meets summit summits talks negotiations sat_down sit_down",
    "call": "call calls phone_call telephone_call",
    "earthquake": "earthquake earthquakes quake quakes tremor",
    "election": "election elections referendum",
    "attack": "attack attacks attacked bombing raid",
    "explosion": "explosion blast",
    "crash": "crash crashed collision derailment",
    "fire": "fire blaze",
    "flood": "flood floods flooding",
    "storm": "storm hurricane cyclone typhoon",
    "protest": "protest protests demonstration rally",
    "visit": "visit visited",
    "speech": "speech",
    "drought": "drought",
})  # fmt: skip
"""Words naming an event a date or a length can belong to; a figure near none is left alone."""
NATURAL_EVENTS = frozenset({"earthquake", "fire", "flood", "storm", "drought"})
"""Events whose length is what a witness felt ("the tremor lasted 30 seconds"), so is never compared."""
RANKED_EVENTS = frozenset("meeting summit talks session visit call election vote referendum attack".split())
"""Nouns an ordinal is compared for ("the sixth meeting"). On ECB+ news every other ranked noun
clashed between articles about different things: floors, seasons, "the second woman to ...", rounds."""
CONVERSATION_VERBS = _table({"meeting": "spoke talked"})
"""Verbs that make a length a meeting's ("they spoke for nearly three hours"), but not a date one."""
MUTUAL_WORDS = frozenset("they both two leaders sides delegations with together".split())
"""One of these must share the clause with a conversation verb: "Kask spoke for ten minutes" is a speech."""
LENGTH_CUES = frozenset({"for", "lasted", "lasting", "lasts"})
"""Words before a duration that make it the length of something; "within two weeks" is a deadline."""
REFERENCE_POINTS = frozenset("since until till before after by from through between".split())
"""Words that make a date a reference point ("since 1964"), not the date of the event."""
APPROXIMATE_TIME = frozenset("about around approximately roughly shortly just nearly almost some".split())
"""Words before a clock time that make it approximate: "about 8.40pm" does not contradict "8.49pm"."""
REPORTING_VERBS = frozenset(
    "said says told announced reported confirmed added stated warned expressed urged apologized apologised "
    "insisted argued denied claimed admitted vowed".split()
)
"""A date right after one of these dates the statement, which two outlets may time differently."""
BETWEEN_BLOCKERS = frozenset(
    "if because although though unless whether while when after before until as date".split()
)
"""Words between an event word and a date that make the date another clause's ("the fire, if ...") or
another act's ("announced the election date Wednesday")."""
OTHER_OCCASION = frozenset(
    "previous prior earlier last next latest upcoming future former another first second third will would "
    "shall due expected scheduled planned plans aftershock aftershocks".split()
)
"""Words that put a named event on another occasion ("their previous meeting in 2029", "the ministers
will meet on Friday", "Monday's earthquake was the second") or make it one of a series ("met for the
first time in weeks", "their latest attempt"): a story reports one event, and a series has many dates."""
SERIES_WORDS = frozenset("first latest series one can could may might would".split()) | OTHER_OCCASION
"""Words in a magnitude's sentence that make it one quake of several ("the latest powerful tremor",
"One 7.3-magnitude tremor") or a hypothetical one ("a magnitude 6 quake can cause severe damage")."""
CASUALTY_LABELS = {"dead": "death toll", "killed": "death toll", "injured": "number injured"}
"""Casualty subjects (as the reader normalises them) that count one figure; others read "number <subject>"."""
FRAME_EXCLUDED = frozenset("number total group set one some most many all each any none both rest".split())
"""Words before "of" that are quantities themselves, not owners ("a total of 47 people")."""
QUAKE_WORDS = frozenset({"earthquake", "quake", "tremor"})
UP_VERBS = frozenset("raise raised raising increase increased increasing boost boosted lift lifted".split())
DOWN_VERBS = frozenset("cut cutting reduce reduced reducing lower lowered lowering".split())
INTRANSITIVE = {
    **dict.fromkeys("rise rose risen rising grow grew grown climb climbed jump jumped".split(), "increase"),
    **dict.fromkeys("fall fell fallen falling drop dropped decline declined shrank".split(), "fall"),
}
"""Change verbs whose subject is what changes ("exports fell by 5 percent")."""
STOP_WORDS = frozenset(
    "a an the and or but nor of to in on at for by from with as than that which who whom whose was were is "
    "are be been being had has have will would could should may might can did do does not no its their his "
    "her our your my this these those it they we he she you said says also then so if when where while "
    "since until after before during over under about into across per each more less last next this".split()
)
"""Words that never head the noun a figure is about."""
DETERMINERS = frozenset("a an the its their his her our this that these those".split())
OWNER_REACH = 2
"""Words an owner may stand after its determiner ("a joint body of six"): the determiner shows a noun."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z0-9])|\n+")
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s|\n")
_EVENT_FORMS = sorted(EVENT_WORDS, key=len, reverse=True)
_EVENT_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _EVENT_FORMS) + r")\b", re.IGNORECASE
)
_HAVE_RE = re.compile(r"\b([a-z]+)\s+(?:(?:will|would|could|should|to)\s+)?(?:has|have|had)\s*$")
_OF_BEFORE_RE = re.compile(r"\b([a-z]+)\s+of\s*$")
_OF_AFTER_RE = re.compile(r"\s+of\s+")
_PLURAL_QUAKES_RE = re.compile(r"\W*(?:earthquakes|quakes|tremors)\b", re.IGNORECASE)
_PERIOD = r"(?:year|month|week|day|season|decade)"
_PERIOD_AFTER_RE = re.compile(
    rf"[^.,;:]{{0,40}}?\b(?:(?:this|that|last|of\s+the)\s+{_PERIOD}|in\s+a\s+row)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Topic:
    """What a figure is about; ``running`` marks totals that grow over time, ``weak`` a lede date."""

    label: str
    running: bool = False
    weak: bool = False


class ArticleText:
    """One article's text with its sentence and clause boundaries, found once for all its figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self._clauses = sorted({*self._sentences, *(m.end() for m in _CLAUSE_END.finditer(text))})

    def sentence(self, position: int) -> tuple[int, int]:
        """Bounds of the sentence holding ``position``."""
        return _bounds(self._sentences, position, len(self.text))

    def clause(self, position: int) -> tuple[int, int]:
        """Bounds of the clause (between commas, dashes, brackets) holding ``position``."""
        return _bounds(self._clauses, position, len(self.text))

    def in_lede(self, position: int) -> bool:
        """Whether ``position`` is in the first sentence."""
        return self.sentence(position)[0] == 0

    def words_before(self, position: int, count: int) -> list[str]:
        """Up to ``count`` lower-cased words ending before ``position``, nearest last, within the clause."""
        start = self.clause(position)[0]
        return [w.lower() for w in _WORD.findall(self.text, start, position)][-count:]


def _bounds(starts: list[int], position: int, length: int) -> tuple[int, int]:
    """The span between the boundary at or before ``position`` and the next one (or the end)."""
    index = bisect.bisect_right(starts, position) - 1
    return starts[index], starts[index + 1] if index + 1 < len(starts) else length


def topic_of(quantity: Quantity, article: ArticleText) -> Topic | None:
    """The label a figure is compared under, or None when the text does not say clearly enough."""
    kind = quantity.kind
    if kind in CALENDAR_KINDS:
        return _calendar(quantity, article)
    if kind == "time":
        return _time(quantity, article)
    if kind == "count":
        return _count(quantity, article)
    if kind == "ordinal":
        return _ordinal(quantity, article)
    if kind == "duration":
        return _duration(quantity, article)
    if kind in ("percent", "money"):
        return _rate_or_amount(quantity, article)
    if kind == "measure":
        return _measure(quantity, article)
    return None


# --- Per kind ---------------------------------------------------------------------------------


def _calendar(quantity: Quantity, article: ArticleText) -> Topic | None:
    """The day of the event named before it in its clause; in a lede naming none, weakly the story's."""
    if quantity.kind != "weekday" and len(quantity.date or "") != FULL_DAY_LENGTH:
        return None  # "in July", "in 2027", "this month": not the day an event happened
    if _not_the_event(quantity, article):
        return None
    if event := _dated_event(quantity, article):
        return Topic(f"day of the {event}")
    if quantity.kind != "relative_date" and article.in_lede(quantity.span.start):
        return Topic(LEDE_EVENT, weak=True)
    return None


def _time(quantity: Quantity, article: ArticleText) -> Topic | None:
    """The clock time of the event named before it ("the quake hit at 3:40 a.m."), if not approximate."""
    before = article.words_before(quantity.span.start, 1)
    if (before and before[-1] in APPROXIMATE_TIME) or _not_the_event(quantity, article):
        return None
    event = _dated_event(quantity, article)
    return Topic(f"time of the {event}") if event else None


def _count(quantity: Quantity, article: ArticleText) -> Topic | None:
    """Casualties by subject (a running total); other counted nouns only with an owner ("delegation of")."""
    if quantity.subject:
        return Topic(CASUALTY_LABELS.get(quantity.subject, f"number {quantity.subject}"), running=True)
    if quantity.unit is None or quantity.unit == "person":
        return None  # "three", "two people": what they count is in the verb, which is not read here
    owner = _owner(quantity, article)
    return Topic(f"{_plural(quantity.unit)} of the {owner}") if owner else None


def _ordinal(quantity: Quantity, article: ArticleText) -> Topic | None:
    """The event ranked ("sixth meeting"); not "first" (as often "earliest" as a rank).

    Nor a rank within a period ("the third meeting this year"): another article may count from
    another start.
    """
    subject = quantity.subject
    if subject not in RANKED_EVENTS or quantity.value is None or quantity.value < 2:
        return None
    return None if _PERIOD_AFTER_RE.match(article.text, quantity.span.end) else Topic(subject)


def _duration(quantity: Quantity, article: ArticleText) -> Topic | None:
    """How long an event lasted: "they spoke for nearly three hours", "the call ... lasted 40 minutes"."""
    event = None
    of_event = _OF_AFTER_RE.match(article.text, quantity.span.end)
    before = article.words_before(quantity.span.start, 2)
    if of_event and (after := _EVENT_RE.match(article.text, of_event.end())):
        event = EVENT_WORDS[_squash(after[0])]
    elif before and before[-1] in LENGTH_CUES:
        event = CONVERSATION_VERBS.get(before[0]) if len(before) == 2 else None
        if event and MUTUAL_WORDS.isdisjoint(article.words_before(quantity.span.start, CLAUSE_WORDS)):
            event = None
        event = event or _event_before(quantity, article, article.sentence(quantity.span.start)[0])
    return Topic(f"{event} length") if event and event not in NATURAL_EVENTS else None


def _rate_or_amount(quantity: Quantity, article: ArticleText) -> Topic | None:
    """A percentage or amount by what it is of ("levy of 9 percent", "a 9 percent levy") or changes ("by").

    Not shares ("55 percent of respondents"): on ECB+ news they clashed between subgroups and questions.
    """
    text, start, end = article.text, quantity.span.start, quantity.span.end
    suffix = "rate" if quantity.kind == "percent" else "amount"
    if _OF_AFTER_RE.match(text, end):
        return None
    if owner := _owner(quantity, article):
        return Topic(f"{owner} {suffix}")
    if article.words_before(start, 1) == ["by"]:
        return _change(quantity, article)
    run = _noun_run(text, end)
    return Topic(f"{run[-1]} {suffix}") if run else None


def _measure(quantity: Quantity, article: ArticleText) -> Topic | None:
    """An earthquake's magnitude (not an aftershock's), or a measure by its owner ("a depth of 10 km")."""
    if quantity.unit != "magnitude":
        owner = _owner(quantity, article)
        return Topic(owner) if owner else None
    clause = article.clause(quantity.span.start)
    sentence = article.sentence(quantity.span.start)
    words = {w.lower() for w in _WORD.findall(article.text, *sentence)}
    clause_words = {w.lower() for w in _WORD.findall(article.text, *clause)}
    quake = quantity.subject in QUAKE_WORDS or not QUAKE_WORDS.isdisjoint(clause_words)
    if not quake or not SERIES_WORDS.isdisjoint(words):
        return None
    return None if _PLURAL_QUAKES_RE.match(article.text, quantity.span.end) else Topic("earthquake magnitude")


# --- Words around a figure --------------------------------------------------------------------


def _not_the_event(quantity: Quantity, article: ArticleText) -> bool:
    """A date that is a reference point ("since 1964"), a statement's ("said on Monday") or another time's."""
    before = article.words_before(quantity.span.start, SAY_LOOKBACK_WORDS)
    if (before and before[-1] in REFERENCE_POINTS) or not REPORTING_VERBS.isdisjoint(before):
        return True
    start, end = article.clause(quantity.span.start)
    outside = article.text[start : quantity.span.start] + " " + article.text[quantity.span.end : end]
    return not OTHER_OCCASION.isdisjoint(w.lower() for w in _WORD.findall(outside))


def _dated_event(quantity: Quantity, article: ArticleText) -> str | None:
    """The event a date belongs to: the noun it heads ("Thursday's meeting") or the last one named
    before it in its clause, with no reporting verb or new clause between ("the quake that struck ... on")."""
    if quantity.subject and quantity.subject in EVENT_WORDS:
        return EVENT_WORDS[quantity.subject]
    return _event_before(quantity, article, article.clause(quantity.span.start)[0], strict=True)


def _event_before(quantity: Quantity, article: ArticleText, start: int, strict: bool = False) -> str | None:
    """The last event word between ``start`` and the figure; with ``strict``, none if a clause opens between.

    Only words before count: on ECB+ news an event named after a date ("handed out blankets Monday
    to survivors of the earthquake") was mostly not the event dated.
    """
    matches = list(_EVENT_RE.finditer(article.text, start, quantity.span.start))
    if not matches:
        return None
    between = {w.lower() for w in _WORD.findall(article.text, matches[-1].end(), quantity.span.start)}
    if strict and not (BETWEEN_BLOCKERS.isdisjoint(between) and REPORTING_VERBS.isdisjoint(between)):
        return None
    if strict and article.words_before(matches[-1].start(), 1) == ["to"]:
        return None  # "agreed to meet on Friday": a plan
    return EVENT_WORDS[_squash(matches[-1][0])]


def _owner(quantity: Quantity, article: ArticleText) -> str | None:
    """The noun a figure belongs to: "a delegation of more than forty officials", "the body will have".

    The noun must follow a determiner closely ("a", "the", "its"): "who now has 2,302 points" has none.
    """
    clause_start = article.clause(quantity.span.start)[0]
    before = article.text[clause_start : quantity.span.start]
    match = _OF_BEFORE_RE.search(before) or _HAVE_RE.search(before)
    if match is None or match[1] in STOP_WORDS or match[1] in FRAME_EXCLUDED:
        return None
    preceding = [w.lower() for w in _WORD.findall(before, 0, match.start(1))][-OWNER_REACH:]
    return match[1] if not DETERMINERS.isdisjoint(preceding) else None


def _change(quantity: Quantity, article: ArticleText) -> Topic | None:
    """What changes by a share: "raise summer releases ... by 15 percent" is an increase in releases."""
    start = article.clause(quantity.span.start)[0]
    matches = list(_WORD.finditer(article.text, start, quantity.span.start))
    for index in range(len(matches) - 1, -1, -1):
        verb = matches[index][0].lower()
        if verb in UP_VERBS or verb in DOWN_VERBS:
            run = _noun_run(article.text, matches[index].end())
            direction = "increase" if verb in UP_VERBS else "cut"
            return Topic(f"{direction} in {run[-1]}") if run else None
        if verb in INTRANSITIVE and index > 0 and (noun := matches[index - 1][0].lower()) not in STOP_WORDS:
            return Topic(f"{INTRANSITIVE[verb]} in {noun}")
    return None


def _noun_run(text: str, position: int) -> list[str]:
    """Lower-case words right after ``position`` (past a determiner), to a function word: "transit levy"."""
    run: list[str] = []
    for match in _WORD.finditer(text, position, position + 80):
        gap = text[position : match.start()]
        word = match[0]
        if gap.strip() or len(run) == RUN_WORDS:
            break
        lower = word.lower()
        if not run and lower in DETERMINERS:
            position = match.end()
            continue
        if not word.islower() or lower in STOP_WORDS:
            break
        run.append(lower)
        position = match.end()
    return run


def _squash(words: str) -> str:
    """An event match in the table's form: lower case, single spaces ("sat  down" -> "sat down")."""
    return " ".join(words.lower().split())


def _plural(noun: str) -> str:
    """A counted noun for a label: "official" -> "officials"."""
    return "people" if noun == "person" else noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
