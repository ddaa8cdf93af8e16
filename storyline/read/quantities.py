"""Numbers, times and dates of one article, normalised so reports can be compared.

Comparing reports of one event needs "nearly three hours" and "more than two and a half hours"
read as overlapping ranges, "sixth" against "seventh meeting" or "on Wednesday" against "on
Thursday" as values that clash, a death toll growing over a day as one figure changing.
:func:`find_quantities` finds each figure with an exact span; :func:`compatible` says whether
two of them can both be true.

Regular expressions tried only where a word can begin a figure, no parser: ~1 ms per article.

Approximators use the gold corpus's vocabulary (``examples/gold.json``, so mapped one to
one): ``exact`` (low = high = value), ``at_least`` ("at least", "more than",
"over": low = value, high None), ``at_most`` ("nearly", "up to", "fewer than", "within":
high = value, low None) and ``about`` ("about", "some", "roughly": low = high = None, the
value alone). "More than" and "less than" are folded into ``at_least``/``at_most``: the
strict bound matters for no comparison news makes. Vague multiples ("hundreds of",
"several thousand") are ``about`` with explicit bounds (2× to 10× the scale).

Spans cover what it takes to read a figure: approximator, currency, number, unit ("at least 12
people"), for an ordinal the noun it ranks ("seventh meeting"), for a date "in"/"on" ("on Wednesday").

Kinds beyond :class:`~storyline.model.Quantity`'s list: "measure" (``magnitude 6.4``,
``180 kilometres``) and "time" (clock time, value = minutes after midnight, unit "minute").
Fractions ("a third of") are shares: kind "percent", value in percent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from storyline.model import Quantity, Span
from storyline.read import quantity_words as w
from storyline.read.quantity_masks import masked_spans

ABOUT_TOLERANCE = 0.2
"""How far a bare "about" may stray when compared: "about 40 minutes" allows 32 to 48."""
CUE_LOOKBACK = 160
"""Characters searched back for a casualty cue ("the number of people killed ... at least 31")."""
YEAR_RANGE = range(1800, 2100)
CALENDAR_KINDS = frozenset({"date", "weekday", "relative_date"})
STRONG_KINDS = frozenset({"duration", "money", "measure", "percent"})
"""Kinds a unit word settles; a bare noun after four digits ("the 1987 treaty") leaves a year."""
_UNIT_TABLES = (("duration", w.TIME_UNITS), ("money", w.CURRENCY_WORDS), ("measure", w.MEASURE_UNITS))


@dataclass(frozen=True)
class _Context:
    """What every builder needs: the text, whose it is and when it was published."""

    text: str
    article_id: str
    published: date | None

    def make(self, start: int, end: int, kind: str, **fields: Any) -> Quantity:
        """A quantity whose span and text are cut from the same offsets, so they always agree."""
        return Quantity(Span(self.article_id, start, end), self.text[start:end], kind, **fields)


class _Tail(NamedTuple):
    """What follows a number: the kind and unit it gives, who is counted, where the span ends."""

    kind: str
    unit: str | None
    subject: str | None
    end: int


Builder = Callable[[re.Match[str], _Context], Quantity | None]


def find_quantities(text: str, article_id: str, published: str | None = None) -> list[Quantity]:
    """Every number, time and date of ``text``: the longest non-overlapping matches, by start.

    ``published`` (ISO 8601 date or datetime, any offset) anchors weekdays, yearless dates and
    "yesterday"; its calendar day is taken as the outlet wrote it, in the outlet's own offset.
    """
    context = _Context(text, article_id, w.publication_date(published))
    candidates = []
    for token in w.TOKEN_RE.finditer(text):
        word = token[0]
        for pattern, build in _BY_HEAD.get(w.DIGIT if word[0].isdigit() else word.lower(), ()):
            match = pattern.match(text, token.start())
            if match and (quantity := build(match, context)) is not None:
                candidates.append(quantity)
    return _longest_first(candidates, masked_spans(text), len(text))


def compatible(a: Quantity, b: Quantity) -> bool | None:
    """Whether two figures can both be true; None when they do not measure the same thing.

    Numbers compare as ranges (approximators widen them), durations in seconds; resolved dates
    agree when one holds the other ("2031-03" holds "2031-03-12"); unresolved weekdays by name.
    """
    if a.kind in CALENDAR_KINDS and b.kind in CALENDAR_KINDS:
        return _same_day(a, b)
    if a.kind != b.kind or a.value is None or b.value is None or not _same_subject(a, b):
        return None
    scales = _unit_scales(a, b)
    if scales is None:
        return None
    low_a, high_a = (bound * scales[0] for bound in _bounds(a, a.value))
    low_b, high_b = (bound * scales[1] for bound in _bounds(b, b.value))
    return max(low_a, low_b) <= min(high_a, high_b)


# --- Builders: one per pattern; None drops the match -----------------------------------------


def _count(match: re.Match[str], context: _Context) -> Quantity | None:
    """Cardinals with what follows them: a unit, a currency, percent, people counted."""
    text, end = context.text, match.end()
    if match["digits"] and w.glued_id(text, end, bool(match["cur"])):
        return None
    if not match["pre"] and w.MAGNITUDE_BEFORE_RE.search(text, max(0, match.start() - 12), match.start()):
        return None  # the number of "magnitude 6.4", read with its prefix
    value, low, high = _cardinal(match)
    if match["pre"]:
        tail = _Tail("measure", "magnitude", _noun_after(text, end)[0], end)
    elif match["cur"]:
        scale, end = w.money_scale(text, end)
        value, low, high = value * scale, low * scale, high * scale
        tail = _Tail("money", w.CURRENCY_SYMBOLS[match["cur"]], None, end)
    else:
        tail = _unit_after(text, end)
    if _looks_like_year(match) and tail.kind not in STRONG_KINDS and tail.unit != w.PERSON:
        return None  # "the 1987 treaty": a year, left to _year
    if tail.kind == "count" and tail.unit in (None, w.PERSON) and tail.subject is None:
        tail = _with_casualty_cue(tail, text, match.start())
    if match["words"] and value == 1 and tail.kind == "count" and tail.unit != w.PERSON:
        return None  # "one of the officials", "within one of": no figure
    approx, low_bound, high_bound = w.approximated(match["approx"], value, low, high)
    fields = {"value": value, "unit": tail.unit, "approx": approx, "low": low_bound, "high": high_bound}
    if tail.kind == "duration" and (ago := w.AGO_RE.match(text, tail.end)):
        resolved = w.days_ago(context.published, value, tail.unit)
        return context.make(match.start(), ago.end(), "relative_date", date=resolved, **fields)
    return context.make(match.start(), tail.end, tail.kind, subject=tail.subject, **fields)


def _ordinal(match: re.Match[str], context: _Context) -> Quantity | None:
    """Ordinals ("sixth", "21st"); the span takes the noun ranked ("seventh meeting")."""
    if match["num"]:
        value = float(match["num"])
    else:
        *tens, unit = match["word"].lower().split("-")
        value = float(w.ORDINALS[unit] + sum(w.TENS[ten] for ten in tens))
    subject, end = _noun_after(context.text, match.end())
    return context.make(match.start(), end, "ordinal", value=value, low=value, high=value, subject=subject)


def _fraction(match: re.Match[str], context: _Context) -> Quantity | None:
    """Shares ("a third of", "two-thirds", "by a fifth"), in percent; "a third meeting" is no share."""
    denominator = match["den"].lower()
    numerator = w.word_value(match["num"]) if match["num"] else 1.0
    plural = denominator.endswith("s") and denominator != "halves"
    share = w.OF_RE.match(context.text, match.end()) or context.text.endswith("by ", 0, match.start())
    bare_ordinal = not match["num"] and denominator != "half"  # "third of March"
    if plural != (numerator > 1) or (not plural and not share) or bare_ordinal:
        return None
    value = round(100 * numerator / w.DENOMINATORS[denominator], 2)
    approx, low, high = w.approximated(match["approx"], value, value, value)
    fields = {"value": value, "unit": "percent", "approx": approx, "low": low, "high": high}
    return context.make(match.start(), match.end(), "percent", **fields)


def _duration_phrase(match: re.Match[str], context: _Context) -> Quantity | None:
    """Durations in words ("half an hour", "an hour and a half", "nearly a year"); not a bare "a day"."""
    if not (match["half"] or match["andhalf"] or match["approx"]):
        return None
    value = 0.5 if match["half"] else 1.5 if match["andhalf"] else 1.0
    approx, low, high = w.approximated(match["approx"], value, value, value)
    unit = w.TIME_UNITS[(match["unit1"] or match["unit2"]).lower()]
    fields = {"value": value, "unit": unit, "approx": approx, "low": low, "high": high}
    return context.make(match.start(), match.end(), "duration", **fields)


def _time(match: re.Match[str], context: _Context) -> Quantity | None:
    """Clock times, as minutes after midnight ("3:40 a.m." is 220)."""
    if match["h24"]:
        hour, minute = int(match["h24"]), int(match["m24"])
    else:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower().startswith("p") else 0)
    value = float(hour * 60 + minute)
    return context.make(match.start(), match.end(), "time", value=value, unit="minute", low=value, high=value)


def _iso_date(match: re.Match[str], context: _Context) -> Quantity | None:
    """Dates written the ISO way ("2031-03-12")."""
    day = w.safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return None if day is None else context.make(match.start(), match.end(), "date", date=day.isoformat())


def _day_date(match: re.Match[str], context: _Context) -> Quantity | None:
    """Dates with a day ("March 12", "12 March 2031"); the year is inferred when not given."""
    month = w.month_number(match["m1"] or match["m2"])
    day_of_month = int(match["d1"] or match["d2"])
    year = int(match["y"]) if match["y"] else w.infer_year(context.published, month, day_of_month)
    day = None if year is None else w.safe_date(year, month, day_of_month)
    return context.make(match.start(), match.end(), "date", date=day and day.isoformat())


def _month_date(match: re.Match[str], context: _Context) -> Quantity | None:
    """Months ("in March", "last August", "March 2031"); a bare "May" may be the verb."""
    if not (match["ctx"] or match["rel"] or match["part"] or match["y"]):
        return None
    month = w.MONTHS[match["m"].lower()]
    year = int(match["y"]) if match["y"] else w.month_year(context.published, month, match["rel"])
    iso = None if year is None else f"{year:04d}-{month:02d}"
    return context.make(match.start("core"), match.end(), "date", date=iso)


def _year(match: re.Match[str], context: _Context) -> Quantity | None:
    """Years ("in 2026", "in early 2026", "the 1987 treaty"); a longer count ("2000 people") wins."""
    if int(match["y"]) not in YEAR_RANGE:
        return None
    return context.make(match.start(), match.end(), "date", date=match["y"])


def _decade(match: re.Match[str], context: _Context) -> Quantity | None:
    """Decades ("the 1990s"): ten years, no single date."""
    return context.make(match.start(), match.end(), "date", value=float(match["y"]), unit="decade")


def _weekday(match: re.Match[str], context: _Context) -> Quantity | None:
    """Weekdays ("on Wednesday", "on Monday night", "Thursday's meeting"), dated by publication."""
    text, end = context.text, match.end()
    name, subject = match["wd"].lower(), None
    if part := w.PART_OF_DAY_RE.match(text, end):
        subject, end = part["part"].lower(), part.end()
    elif possessive := w.POSSESSIVE_RE.match(text, end):
        subject = _noun_after(text, possessive.end())[0]
    prep = (match["prep"] or "").lower()
    day = None if match["plural"] else w.weekday_date(context.published, w.WEEKDAYS[name], prep)
    return context.make(match.start(), end, "weekday", unit=name, date=day, subject=subject)


def _relative(match: re.Match[str], context: _Context) -> Quantity | None:
    """Relative dates ("yesterday", "this week", "shortly after the meeting"), dated when possible."""
    day = w.relative_date(match[0], context.published)
    return context.make(match.start(), match.end(), "relative_date", date=day)


_FAMILIES: tuple[tuple[re.Pattern[str], Builder, frozenset[str]], ...] = (
    (w.ISO_DATE_RE, _iso_date, w.ISO_DATE_HEADS),
    (w.DAY_DATE_RE, _day_date, w.DAY_DATE_HEADS),
    (w.MONTH_DATE_RE, _month_date, w.MONTH_DATE_HEADS),
    (w.WEEKDAY_RE, _weekday, w.WEEKDAY_HEADS),
    (w.RELATIVE_RE, _relative, w.RELATIVE_HEADS),
    (w.TIME_RE, _time, w.TIME_HEADS),
    (w.DECADE_RE, _decade, w.DECADE_HEADS),
    (w.YEAR_RE, _year, w.YEAR_HEADS),
    (w.DURATION_PHRASE_RE, _duration_phrase, w.DURATION_PHRASE_HEADS),
    (w.FRACTION_RE, _fraction, w.FRACTION_HEADS),
    (w.COUNT_RE, _count, w.COUNT_HEADS),
    (w.ORDINAL_RE, _ordinal, w.ORDINAL_HEADS),
)
"""Each pattern, what reads its match and the words its match can begin with; listed in order of
preference when two matches are equally long ("9 am" is a time, not a count)."""
_BY_HEAD: dict[str, tuple[tuple[re.Pattern[str], Builder], ...]] = {
    head: tuple((pattern, build) for pattern, build, heads in _FAMILIES if head in heads)
    for head in set().union(*(heads for _, _, heads in _FAMILIES))
}


# --- Numbers and what follows them -----------------------------------------------------------


def _cardinal(match: re.Match[str]) -> tuple[float, float, float]:
    """The value a number states and its own bounds: a vague multiple ("hundreds of") allows 200-1000."""
    scale = w.SCALES[match["fewscale"].lower()] if match["few"] else 0
    if match["vague"]:
        scale = w.VAGUE_SCALES[match["vague"].lower()] * w.VAGUE_MULTIPLIERS.get(
            str(match["mult"]).lower(), 1
        )
    if scale:
        return float(scale), float(w.VAGUE_LOW * scale), float(w.VAGUE_HIGH * scale)
    if match["digits"]:
        value = float(match["digits"].replace(",", "")) * w.SCALES.get((match["scale"] or "").lower(), 1)
    else:
        value = w.word_value(match["words"])
    return value, value, value


def _looks_like_year(match: re.Match[str]) -> bool:
    """Four bare digits from 1800 to 2099, with nothing (currency, "about") that makes an amount."""
    digits: str = match["digits"] or ""
    amount = match["cur"] or match["scale"] or match["pre"] or match["approx"]
    return len(digits) == 4 and digits.isdigit() and not amount and int(digits) in YEAR_RANGE


def _unit_after(text: str, end: int) -> _Tail:
    """Read the words after a number: percent, a unit, people, casualties or a counted noun."""
    if percent := w.PERCENT_TAIL_RE.match(text, end):
        return _Tail("percent", "percentage point" if percent["points"] else "percent", None, percent.end())
    after = w.WORD_AFTER_RE.match(text, end)
    if after is None:
        return _Tail("count", None, None, end)
    word = after["word"].lower()
    for kind, table in _UNIT_TABLES:
        if word in table:
            return _Tail(kind, table[word], None, after.end())
    if word in w.PERSON_WORDS:
        participle = w.PARTICIPLE_RE.match(text, after.end())
        return _Tail("count", w.PERSON, participle and w.CASUALTIES.get(participle["word"]), after.end())
    if word in w.CASUALTIES and after["sep"].isspace():
        return _Tail("count", w.PERSON, w.CASUALTIES[word], after.end())
    noun, noun_end = _noun_after(text, end, compound=True)
    return _Tail("count", noun, None, noun_end)


def _noun_after(text: str, end: int, compound: bool = False) -> tuple[str | None, int]:
    """The noun a number counts or an ordinal ranks, made singular, stepping over adjectives.

    An "-ing" word is a noun ("sixth meeting") unless a plural follows ("three neighbouring
    districts"); with ``compound``, so is a singular before a plural ("two trade ministers").
    """
    after = w.WORD_AFTER_RE.match(text, end)
    if after is None or not after["sep"] or (lower := after["word"].lower()) in w.FUNCTION_WORDS:
        return None, end
    following = w.WORD_AFTER_RE.match(text, after.end())
    plural = bool(following and following["sep"].isspace() and w.looks_plural(following["word"]))
    if lower in w.MODIFIERS or lower.endswith(w.MODIFIER_ENDINGS) or (lower.endswith("ing") and plural):
        noun, noun_end = _noun_after(text, after.end(), compound)
        if noun is not None or lower.endswith("ed"):  # "three named by": no noun
            return noun, noun_end if noun else end
    if not after["word"].islower():
        return None, end
    if compound and plural and following and not lower.endswith("s"):
        return w.singular(following["word"]), following.end()
    return w.singular(lower), after.end()


def _with_casualty_cue(tail: _Tail, text: str, start: int) -> _Tail:
    """A bare number after "killed" or "death toll" in the same sentence counts the dead."""
    window_start = max(0, start - CUE_LOOKBACK)
    for boundary in w.SENTENCE_END_RE.finditer(text, window_start, start):
        window_start = boundary.end()
    cues = w.CUE_RE.findall(text, window_start, start)
    return tail._replace(unit=w.PERSON, subject=w.CASUALTIES[cues[-1].lower()]) if cues else tail


# --- Choosing and comparing -------------------------------------------------------------------


def _longest_first(candidates: list[Quantity], masks: list[tuple[int, int]], length: int) -> list[Quantity]:
    """Keep the longest matches that overlap neither a kept one nor a URL or phone number.

    Candidates arrive by token, then in _FAMILIES order, and the sort is stable, so a tie goes
    to the earlier start, then the earlier family; the occupancy map makes each check one search in C.
    """
    taken = bytearray(length)
    for start, end in masks:
        taken[start:end] = b"\x01" * (end - start)
    kept = []
    for quantity in sorted(candidates, key=lambda q: q.span.start - q.span.end):
        start, end = quantity.span.start, quantity.span.end
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(quantity)
    return sorted(kept, key=lambda q: q.span.start)


def _same_day(a: Quantity, b: Quantity) -> bool | None:
    """Resolved dates agree when one holds the other; unresolved weekdays compare by name."""
    if a.date and b.date:
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    return a.unit == b.unit if a.kind == b.kind == "weekday" else None


def _same_subject(a: Quantity, b: Quantity) -> bool:
    """Whether two figures count the same thing: "dead" and "killed" do, "dead" and "injured" not."""
    if a.subject is None or b.subject is None:
        return True
    return w.SUBJECT_CLASSES.get(a.subject, a.subject) == w.SUBJECT_CLASSES.get(b.subject, b.subject)


def _unit_scales(a: Quantity, b: Quantity) -> tuple[float, float] | None:
    """Factors that bring both figures to one unit; None when their units cannot be compared."""
    if a.unit == b.unit:
        return 1.0, 1.0
    if a.kind == "duration" and a.unit in w.UNIT_SECONDS and b.unit in w.UNIT_SECONDS:
        return w.UNIT_SECONDS[a.unit], w.UNIT_SECONDS[b.unit]
    return None


def _bounds(quantity: Quantity, value: float) -> tuple[float, float]:
    """The range a figure allows: open ends are infinite, a bare "about" gets ABOUT_TOLERANCE."""
    if quantity.approx == w.EXACT:
        return value, value
    if quantity.approx == w.ABOUT and quantity.low is None and quantity.high is None:
        return value * (1 - ABOUT_TOLERANCE), value * (1 + ABOUT_TOLERANCE)
    low = -math.inf if quantity.low is None else quantity.low
    return low, math.inf if quantity.high is None else quantity.high
