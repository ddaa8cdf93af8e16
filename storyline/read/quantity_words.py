"""What the words of a figure mean, for :mod:`storyline.read.quantities`.

The finder there decides what is a figure, where its span ends and which match wins; this
module holds the language it reads: word tables, the compiled patterns, and the arithmetic that
turns written words into values ("two and a half" is 2.5, "residents" counts "resident") and
calendar words into dates ("last August", "on Wednesday", "yesterday" against publication).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, timedelta


def words(text: str) -> list[str]:
    """The words of a space-separated list, so long word tables stay readable."""
    return text.split()


def unit_table(spec: str) -> dict[str, str]:
    """Surface form to canonical unit from "canonical form form; canonical form ..."."""
    return {form: group.split()[0] for group in spec.split(";") for form in group.split()}


# --- Numbers spelled out -----------------------------------------------------------------

CARDINALS = {word: value for value, word in enumerate(words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"))}  # fmt: skip
TENS = {word: 10 * (index + 2) for index, word in enumerate(words(
    "twenty thirty forty fifty sixty seventy eighty ninety"))}  # fmt: skip
CARDINALS |= TENS
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9,
          "trillion": 10**12}  # fmt: skip
MONEY_ABBREVIATIONS = {"k": 1_000, "m": 10**6, "mn": 10**6, "bn": 10**9}
"""Scale letters glued to money only ("$3bn", "€5m"): after a bare number "m" is as likely metres."""
ORDINALS = {word: index + 1 for index, word in enumerate(words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"))}  # fmt: skip
ORDINALS |= {word[:-1] + "ieth": value for word, value in TENS.items()} | {"hundredth": 100}
DENOMINATORS = {"half": 2, "halves": 2} | {
    word + plural: value for word, value in ORDINALS.items() if 3 <= value <= 10 for plural in ("", "s")
} | {"quarter": 4, "quarters": 4}  # fmt: skip
VAGUE_SCALES = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 10**6}
VAGUE_MULTIPLIERS = {"tens": 10, "hundreds": 100}
VAGUE_LOW, VAGUE_HIGH = 2, 10
""""Hundreds of" and "several hundred" allow two to ten times the scale (200 to 1,000)."""

# --- Approximators, in the gold corpus's vocabulary --------------------------------------

EXACT, AT_LEAST, AT_MOST, ABOUT = "exact", "at_least", "at_most", "about"
APPROXIMATORS = (
    dict.fromkeys(words("nearly almost under within"), AT_MOST)
    | dict.fromkeys(["just under", "just shy of", "close to", "up to", "at most", "no more than",
                     "not more than", "fewer than", "less than", "as many as"], AT_MOST)
    | dict.fromkeys(words("about around roughly some approximately estimated"), ABOUT)
    | {"an estimated": ABOUT}
    | dict.fromkeys(["more than", "over", "just over", "upwards of", "at least", "no fewer than",
                     "no less than", "not less than", "in excess of"], AT_LEAST)
)  # fmt: skip

# --- Units and the nouns that follow numbers ------------------------------------------------

TIME_UNITS = unit_table(
    "second seconds secs; minute minutes min mins; hour hours hrs; day days; week weeks;"
    "fortnight fortnights; month months; year years yrs; decade decades; century centuries"
)
DAY_SECONDS = 86_400
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3_600} | {
    unit: days * DAY_SECONDS
    for unit, days in {"day": 1, "week": 7, "fortnight": 14, "month": 30.44, "year": 365.25}.items()
} | {"decade": 3_652.5 * DAY_SECONDS, "century": 36_525 * DAY_SECONDS}  # fmt: skip
"""Durations in seconds, so "nearly an hour" can be weighed against "about 40 minutes"."""
CURRENCY_SYMBOLS = {"US$": "dollar", "$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
CURRENCY_WORDS = unit_table(
    "dollar dollars; euro euros; pound pounds; crown crowns; krona kronor; krone kroner; yen; yuan;"
    "rupee rupees; franc francs; shekel shekels; rouble roubles ruble rubles; peso pesos; cent cents"
)
MEASURE_UNITS = unit_table(
    "kilometre kilometres kilometer kilometers km; mile miles; metre metres meter meters;"
    "centimetre centimetres cm; millimetre millimetres mm; kilogram kilograms kg; tonne tonnes; ton tons;"
    "litre litres liter liters; hectare hectares; acre acres; degree degrees; foot feet; mph; magnitude"
)
GLUED_UNITS = frozenset({"km", "kg", "cm", "mm", "mph"})
"""Unit letters that may stick to digits ("10km"); any other letter glued on makes an id ("A320")."""
PERSON, PERSON_WORDS = "person", frozenset({"people", "persons", "person"})
CASUALTIES = unit_table(
    "dead died deaths death toll; killed killing kills; injured injuring injuries wounded hurt; missing;"
    "displaced; evacuated; arrested; detained; rescued"
)
"""Words that make a bare number a count of people, normalised to a participle or adjective."""
SUBJECT_CLASSES = {"killed": "dead"}
"""Subjects that count the same thing: "12 dead" and "47 people killed" are one death toll."""
FUNCTION_WORDS = frozenset(words(
    "a an the and or but nor of to in on at for by from with as than that which who whom whose was were is "
    "are be been being had has have will would could should may might can did do does not no more less per "
    "each after before during since until into over under about across between this these those it its "
    "their his her our your my they we he she i you said says say also then so if when where while because "
    "out up down off only just still even ago earlier later times percent including following according "
    "regarding towards always perhaps unless am pm"))  # fmt: skip
"""Words that never name what a number counts ("four of the past five years": no unit)."""
MODIFIERS = frozenset(words(
    "new other more small large big major senior main local foreign young old separate additional further "
    "different full key top former armed civilian open"))  # fmt: skip
MODIFIER_ENDINGS = ("ian", "ese", "ish", "ern", "al", "ed")
"""Adjectives that may stand between a number and its noun ("Velorian rescuers", "first real gain");
a word ending so is still the noun when no noun follows ("first proposal"), unless in "-ed"."""
IRREGULAR_PLURALS = {"people": "person", "children": "child", "feet": "foot", "lives": "life",
                     "series": "series", "news": "news"}  # fmt: skip

# --- Calendar words -------------------------------------------------------------------------

MONTHS = {name: index + 1 for index, name in enumerate(words(
    "january february march april may june july august september october november december"))}  # fmt: skip
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items() if len(name) > 3} | {"sept": 9}
WEEKDAYS = {name: index for index, name in enumerate(words(
    "monday tuesday wednesday thursday friday saturday sunday"))}  # fmt: skip
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
FUTURE_WINDOW_DAYS = 92
"""A yearless date is taken in the past unless at most this far ahead of publication: news
reports past events, but "talks on March 20" in a report of March 13 are still to come."""


# --- Regular-expression fragments and patterns ------------------------------------------------


def alternation(options: Iterable[str]) -> str:
    """A non-capturing alternation trying longer options first; a space matches any whitespace."""
    ordered = sorted(set(options), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(option).replace(r"\ ", r"\s+") for option in ordered) + ")"


def capitalised(names: Iterable[str]) -> str:
    """A case-sensitive alternation of capitalised names: "May" is a month, "may" a verb."""
    return "(?-i:" + alternation(name.capitalize() for name in names)[3:]


SMALL = rf"(?:{alternation(TENS)}-{alternation(list(CARDINALS)[1:10])}|{alternation(CARDINALS)})"
WORD_NUMBER = (
    rf"(?:(?:{SMALL}|an?)[\s-]+{alternation(SCALES)}(?:[\s-]+{alternation(SCALES)})*"
    rf"(?:[\s-]+(?:and\s+)?{SMALL})?|{SMALL})(?:\s+and\s+an?\s+(?:half|quarter))?"
)
APPROX = rf"(?:\b(?P<approx>{alternation(APPROXIMATORS)})\s+)?"
MONTH = capitalised(MONTHS)
ANY_MONTH = rf"\b(?:{MONTH}|{capitalised(MONTH_ABBREVIATIONS)}\.?)"
WEEKDAY = capitalised(WEEKDAYS)
_I = re.IGNORECASE

COUNT_RE = re.compile(
    rf"{APPROX}(?:\b(?P<pre>magnitude)[\s-]+)?(?<![\w.,/:#@+\-])(?P<cur>US\$|\$|€|£|¥)?"
    r"(?:\b(?P<few>several|a\s+few|many)\s+(?P<fewscale>hundred|thousand|million|dozen)"
    r"|\b(?:(?P<mult>tens|hundreds)\s+of\s+)?(?P<vague>dozens|hundreds|thousands|millions)\s+of(?=\s)"
    r"|(?P<digits>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    rf"(?![.,:]\d|-\d)|(?<![\w'-])(?P<words>{WORD_NUMBER})(?![\w']))", _I)  # fmt: skip
ORDINAL_RE = re.compile(
    rf"(?<![\w-])(?:(?P<word>(?:{alternation(TENS)}-)?{alternation(ORDINALS)})"
    r"|(?P<num>\d+)(?:st|nd|rd|th))(?![\w-])", _I)  # fmt: skip
FRACTION_RE = re.compile(
    rf"{APPROX}(?<![\w-])(?:(?P<num>an?|{SMALL})[\s-]+)?(?P<den>{alternation(DENOMINATORS)})(?![\w-])", _I
)
DURATION_PHRASE_RE = re.compile(
    rf"{APPROX}(?<![\w-])(?:(?P<half>half)\s+an?\s+(?P<unit1>{alternation(UNIT_SECONDS)})"
    rf"|an?\s+(?P<unit2>{alternation(UNIT_SECONDS)})(?P<andhalf>\s+and\s+a\s+half)?)"
    r"(?![\w-])", _I)  # fmt: skip
TIME_RE = re.compile(
    r"(?<![\w.:])(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:]))", _I)  # fmt: skip
ISO_DATE_RE = re.compile(
    r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?(?![\w-])"
)
DAY_DATE_RE = re.compile(
    rf"(?:\bon\s+)?(?:\b{WEEKDAY},?\s+)?(?:(?P<m1>{ANY_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?:\bthe\s+)?(?<![\w.,])(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{ANY_MONTH}))"
    r"(?!\d)(?:,?\s+(?P<y>\d{4}))?(?!\w)", _I)  # fmt: skip
MONTH_DATE_RE = re.compile(
    r"(?:\b(?P<ctx>since|until|by|from|during|before|after|of|through)\s+)?"
    rf"(?P<core>(?:\b(?P<rel>in|last|next|this)\s+)?(?:\b(?P<part>early|late|mid)[\s-]+)?\b(?P<m>{MONTH})"
    r"(?:,?\s+(?P<y>\d{4}))?)(?!\w)", _I)  # fmt: skip
YEAR_RE = re.compile(
    r"(?:\bin\s+)?(?:\b(?:early|late|mid)[\s-]+)?(?<![\w.,$€£/:#])(?<!\d-)(?P<y>\d{4})"
    r"(?![\w%]|[.,:]\d|-\d)", _I)  # fmt: skip
DECADE_RE = re.compile(r"(?<![\w'’])(?P<y>1[89]\d0|20\d0)s\b")
WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<prep>(?:(?:early|late)\s+)?on|last|next|this)\s+)?(?<![\w-])(?P<wd>{WEEKDAY})"
    r"(?P<plural>s)?(?!\w)", _I)  # fmt: skip
RELATIVE_RE = re.compile(
    r"(?<![\w-])(?:(?:(?:early|late|earlier|later)\s+)?(?:yesterday|today|tonight|tomorrow|overnight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|that)\s+"
    r"(?:week|weekend|month|year|morning|afternoon|evening|night|spring|summer|autumn|fall|winter)"
    r"|(?:earlier|later|early|late)\s+in\s+the\s+(?:day|week|month|year|morning|afternoon|evening|night)"
    r"|(?:at|by|before|until|since|after|from|towards?)\s+the\s+(?:end|start|beginning|middle|turn)\s+of\s+"
    r"(?:this|last|next|the)\s+(?:week|month|year)"
    r"|(?:shortly|soon|just|immediately|moments|hours|minutes|days|weeks|months|years|long)\s+(?:after|before)\s+"
    r"(?:noon|midnight|midday|dawn|dusk|sunrise|sunset|(?:the|a|an|his|her|their|its|this|that)\s+[a-z]+)"
    r"|in\s+recent\s+(?:days|weeks|months|years))(?![\w-])", _I)  # fmt: skip

# Words that can begin a match of each family: patterns are tried only where one of them stands.
TOKEN_RE = re.compile(r"\w+|[$€£¥]")
DIGIT = "#"  # the head that stands for any token beginning with a digit
_APPROX_HEADS = {phrase.split()[0] for phrase in APPROXIMATORS}
_NUMBER_HEADS = set(CARDINALS) | {"a", "an"}
COUNT_HEADS = frozenset(_APPROX_HEADS | _NUMBER_HEADS | set(VAGUE_SCALES) | set(VAGUE_MULTIPLIERS)
                        | set(CURRENCY_SYMBOLS) | {DIGIT, "us", "magnitude", "several", "many"})  # fmt: skip
ORDINAL_HEADS = frozenset(set(ORDINALS) | set(TENS) | {DIGIT})
FRACTION_HEADS = frozenset(_APPROX_HEADS | _NUMBER_HEADS | set(DENOMINATORS))
DURATION_PHRASE_HEADS = frozenset(_APPROX_HEADS | {"a", "an", "half"})
TIME_HEADS = ISO_DATE_HEADS = DECADE_HEADS = frozenset({DIGIT})
DAY_DATE_HEADS = frozenset(set(MONTHS) | set(MONTH_ABBREVIATIONS) | set(WEEKDAYS) | {DIGIT, "on", "the"})
MONTH_DATE_HEADS = frozenset(set(MONTHS) | set(words(
    "since until by from during before after of through in last next this early late mid")))  # fmt: skip
YEAR_HEADS = frozenset({DIGIT, "in", "early", "late", "mid"})
WEEKDAY_HEADS = frozenset(set(WEEKDAYS) | {"early", "late", "on", "last", "next", "this"})
RELATIVE_HEADS = frozenset(words(
    "early late earlier later yesterday today tonight tomorrow overnight this last next that at by before "
    "until since after from toward towards shortly soon just immediately moments hours minutes days weeks "
    "months years long in"))  # fmt: skip

# Small patterns matched at a given position after a figure, or inside a matched phrase.
PERCENT_TAIL_RE = re.compile(
    r"\s?%|(?:\s+|-)(?:per\s?cent|percent)\b|\s+(?P<points>percentage\s+points?)\b", _I
)
WORD_AFTER_RE = re.compile(r"(?P<sep>\s*|-)(?P<word>[A-Za-z]+)")
GLUED_RE = re.compile(r"[A-Za-z]+")
MONEY_SCALE_RE = re.compile(r"\s?(?P<abbr>bn|mn|m|k)\b", _I)
PARTICIPLE_RE = re.compile(r"\s+(?:(?:were|was|are|is|have|has|had)\s+(?:been\s+)?)?(?P<word>[a-z]+)")
MAGNITUDE_BEFORE_RE = re.compile(r"\bmagnitude[\s-]$", _I)
AGO_RE = re.compile(r"\s+ago\b", _I)
OF_RE = re.compile(r"\s+of\b", _I)
PART_OF_DAY_RE = re.compile(rf"\s+(?P<part>{alternation(PARTS_OF_DAY)})\b", _I)
POSSESSIVE_RE = re.compile(r"['’]s(?=\s)")
SENTENCE_END_RE = re.compile(r"[.!?]\s|\n")
CUE_RE = re.compile(rf"\b{alternation(CASUALTIES)}\b", _I)
SPACES_RE = re.compile(r"\s+")
_AND_FRACTION_RE = re.compile(r"\s+and\s+an?\s+(?P<part>half|quarter)$")
_PUBLISHED_RE = re.compile(r"\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_DAY_WORD_RE = re.compile(r"\b(?:(?P<word>yesterday|today|tonight|tomorrow)"
                          r"|this\s+(?:morning|afternoon|evening))\b", _I)  # fmt: skip
_PERIOD_RE = re.compile(r"\b(?P<which>this|last|next|the)\s+(?P<period>month|year)\b", _I)


# --- Words to values ------------------------------------------------------------------------


def word_value(text: str) -> float:
    """The value of a number in words: "two and a half" 2.5, "a dozen" 12, "two hundred thousand"."""
    lower, extra = text.lower(), 0.0
    if fraction := _AND_FRACTION_RE.search(lower):
        extra, lower = (0.5 if fraction["part"] == "half" else 0.25), lower[: fraction.start()]
    total = current = 0
    for token in GLUED_RE.findall(lower):
        scale = SCALES.get(token, 0)
        if scale >= SCALES["thousand"]:
            total, current = total + (current or 1) * scale, 0
        elif scale:
            current = (current or 1) * scale
        else:
            current += CARDINALS.get(token, 1 if token in ("a", "an") else 0)
    return float(total + current) + extra


def approximated(
    phrase: str | None, value: float, low: float, high: float
) -> tuple[str, float | None, float | None]:
    """The approx label and the range it leaves; with no approximator the number keeps its own bounds."""
    if phrase is None:
        return (EXACT if low == high == value else ABOUT), low, high
    approx = APPROXIMATORS[SPACES_RE.sub(" ", phrase.lower())]
    if approx == AT_LEAST:
        return approx, value, None
    return approx, None, (value if approx == AT_MOST else None)


def glued_id(text: str, end: int, money: bool) -> bool:
    """Whether letters stuck to the digits make an id ("A320", "COVID19") rather than a unit ("10km")."""
    glued = GLUED_RE.match(text, end)
    if glued is None:
        return False
    letters = glued[0].lower()
    return not (letters in GLUED_UNITS or (money and letters in MONEY_ABBREVIATIONS))


def money_scale(text: str, end: int) -> tuple[int, int]:
    """The scale letter only money takes ("$3bn", "€5m"), and where it ends."""
    abbreviation = MONEY_SCALE_RE.match(text, end)
    if abbreviation is None:
        return 1, end
    return MONEY_ABBREVIATIONS[abbreviation["abbr"].lower()], abbreviation.end()


def looks_plural(word: str) -> bool:
    """A lower-case word in "-s" that is no function word: likely a plural noun ("districts")."""
    return word.islower() and word.endswith("s") and word not in FUNCTION_WORDS


def singular(word: str) -> str:
    """A noun's singular by the common rules: enough to match "resident" with "residents"."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("men"):  # "fishermen", "women"
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


# --- Calendar words to dates ----------------------------------------------------------------


def publication_date(published: str | None) -> date | None:
    """The publication day as the outlet wrote it (in its own offset), or None when unreadable."""
    found = _PUBLISHED_RE.match(published or "")
    return safe_date(int(found["y"]), int(found["m"]), int(found["d"])) if found else None


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None for one that does not exist ("February 30")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shifted(day: date, days: int) -> str | None:
    """The ISO date ``days`` after ``day``, or None past the calendar's ends (year 1 or 9999)."""
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def month_number(name: str) -> int:
    """January is 1, "Sept." is 9."""
    lower = name.lower().rstrip(".")
    return MONTHS.get(lower) or MONTH_ABBREVIATIONS[lower]


def infer_year(published: date | None, month: int, day: int) -> int | None:
    """The year of a yearless date: the latest in the past, or at most FUTURE_WINDOW_DAYS ahead."""
    if published is None:
        return None
    ahead = (date(published.year, month, min(max(day, 1), 28)) - published).days
    if ahead > FUTURE_WINDOW_DAYS:
        return published.year - 1
    return published.year + 1 if ahead <= FUTURE_WINDOW_DAYS - 365 else published.year


def month_year(published: date | None, month: int, relation: str | None) -> int | None:
    """The year of "last August", "next May", "this June" or a bare "in March"."""
    if published is None:
        return None
    relation = (relation or "").lower()
    if relation == "last":
        return published.year - (month >= published.month)
    if relation == "next":
        return published.year + (month <= published.month)
    return published.year if relation == "this" else infer_year(published, month, 1)


def weekday_date(published: date | None, weekday: int, prep: str) -> str | None:
    """The weekday on or before publication (news reports the past); "last"/"next" skip the day itself."""
    if published is None:
        return None
    if prep == "next":
        return shifted(published, (weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    return shifted(published, -(back or (7 if prep == "last" else 0)))


def days_ago(published: date | None, value: float, unit: str | None) -> str | None:
    """The day of "three days ago" or "two weeks ago"; months and years are too loose to name one."""
    days = value * {"day": 1, "week": 7}.get(unit or "", math.nan)
    if published is None or not days.is_integer():
        return None
    return shifted(published, -int(days))


def relative_date(phrase: str, published: date | None) -> str | None:
    """The day of "yesterday" or "this morning", the month of "last month", the year of "this year"."""
    if published is None:
        return None
    if day := _DAY_WORD_RE.search(phrase):
        return shifted(published, DAY_OFFSETS[day["word"].lower()] if day["word"] else 0)
    if (period := _PERIOD_RE.search(phrase)) is None:
        return None
    step = {"last": -1, "next": 1}.get(period["which"].lower(), 0)
    if period["period"].lower() == "year":
        return f"{published.year + step:04d}"
    months = published.year * 12 + published.month - 1 + step
    return f"{months // 12:04d}-{months % 12 + 1:02d}"
