"""News outlets named as sources: normalised names and the relays an article makes.

A *relay* is an article passing on another outlet's reporting ("The Israeli daily Haaretz wrote",
"according to Reuters", "as first reported by Axios", "Israeli media outlets have reported").
Corroboration must count the origin once, however many articles relay it, so each relay carries
a normalised outlet name ("The Israeli daily Haaretz" and "Haaretz" are both "Haaretz"), or, for an
unnamed media collective, a stable label ("Israeli media", "Hebrew-language reports" → "Israeli
media") with ``named=False``.

An outlet is recognised three ways, tried in order: a descriptor before a name ("the daily X",
"public broadcaster X", "news agency X"); a name in :data:`KNOWN_OUTLETS` (major outlets and wire
services, names only); or a capitalised name ending like a masthead (``... Times``, ``... Herald``,
``Daily ...``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storyline.model import Attribution, Relay, Span

_NAME = r"[A-Z0-9][\w.&'’-]*(?:\s+(?:of|the|de|al|el|[A-Z0-9][\w.&'’-]*))*"
_DESCRIPTOR_RE = re.compile(  # not bare "agency", "site", "station": "the agency CIA", "the site Fordo"
    r"^(?:the\s+)?(?:[\w'’.-]+\s+){0,4}?"
    r"(?:daily|newspaper|paper|broadcaster|network|news\s+agency|press\s+agency|news\s+outlet|outlet"
    r"|website|news\s+site|channel|tabloid|magazine|weekly|wire\s+service)\s+"
    rf"(?P<name>{_NAME})$"
)
_MASTHEAD_RE = re.compile(
    rf"^(?P<the>the\s+)?(?P<name>(?:Daily\s+{_NAME})|(?:{_NAME}\s+)?(?:Times|Post|News|Herald|Courier|Wire"
    r"|Review|Gazette|Journal|Tribune|Daily|Network|Broadcasting|TV|Radio|News\s+Agency|Press\s+Agency"
    r"|Chronicle|Telegraph|Observer|Express|Standard|Examiner|Inquirer|Dispatch|Monitor))$",
    re.IGNORECASE,
)
_TRAILING = frozenset(" \t\n.,;:")
_WORDS_RE = re.compile(r"[\w’'-]+")
_DEMONYMS_RE = re.compile(r"^(?:the\s+)?(?:[A-Z][a-z]+(?:i|an|ese|ish)\s+)*")
"""A leading "the" and nationality words ("the Israeli Channel 12" → "Channel 12")."""

KNOWN_OUTLETS: dict[str, str] = {
    alias.lower(): name
    for name, aliases in {
        "Reuters": ("Reuters", "Thomson Reuters"),
        "Associated Press": ("Associated Press", "AP", "the AP"),
        "Agence France-Presse": ("Agence France-Presse", "Agence France Presse", "AFP"),
        "Bloomberg": ("Bloomberg", "Bloomberg News"),
        "BBC": ("BBC", "BBC News", "the BBC"),
        "CNN": ("CNN",),
        "Fox News": ("Fox News", "Fox", "Fox Business"),
        "MSNBC": ("MSNBC",),
        "NBC News": ("NBC", "NBC News"),
        "ABC News": ("ABC", "ABC News"),
        "CBS News": ("CBS", "CBS News"),
        "NPR": ("NPR", "National Public Radio"),
        "PBS": ("PBS",),
        "Al Jazeera": ("Al Jazeera", "Al-Jazeera"),
        "Al Arabiya": ("Al Arabiya", "Al-Arabiya"),
        "Sky News": ("Sky News",),
        "Haaretz": ("Haaretz",),
        "Kan": ("Kan",),
        "Channel 12": ("Channel 12", "N12"),
        "Channel 13": ("Channel 13",),
        "Ynet": ("Ynet", "Ynetnews"),
        "Yedioth Ahronoth": ("Yedioth Ahronoth", "Yediot Aharonot"),
        "Maariv": ("Maariv",),
        "Israel Hayom": ("Israel Hayom",),
        "The Times of Israel": ("The Times of Israel", "Times of Israel"),
        "The Jerusalem Post": ("The Jerusalem Post", "Jerusalem Post"),
        "The New York Times": ("The New York Times", "New York Times", "NYT"),
        "The Washington Post": ("The Washington Post", "Washington Post"),
        "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
        "USA Today": ("USA Today",),
        "Los Angeles Times": ("Los Angeles Times", "LA Times"),
        "Politico": ("Politico",),
        "Axios": ("Axios",),
        "The Hill": ("The Hill",),
        "The Guardian": ("The Guardian", "Guardian"),
        "Financial Times": ("Financial Times", "FT"),
        "The Economist": ("The Economist", "Economist"),
        "Breitbart": ("Breitbart", "Breitbart News"),
        "HuffPost": ("HuffPost", "Huffington Post", "The Huffington Post"),
        "Newsweek": ("Newsweek",),
        "Time": ("Time magazine",),
        "The Atlantic": ("The Atlantic",),
        "Vox": ("Vox",),
        "BuzzFeed News": ("BuzzFeed", "BuzzFeed News"),
        "The Daily Beast": ("The Daily Beast", "Daily Beast"),
        "Daily Mail": ("Daily Mail", "The Daily Mail"),
        "New York Post": ("New York Post", "The New York Post"),
        "ProPublica": ("ProPublica",),
        "Xinhua": ("Xinhua",),
        "TASS": ("TASS",),
        "RIA Novosti": ("RIA Novosti", "RIA"),
        "Interfax": ("Interfax",),
        "Kyodo": ("Kyodo", "Kyodo News"),
        "Yonhap": ("Yonhap",),
        "IRNA": ("IRNA",),
        "Tasnim": ("Tasnim",),
        "Fars": ("Fars",),
        "Press TV": ("Press TV",),
        "Anadolu": ("Anadolu", "Anadolu Agency"),
        "Der Spiegel": ("Der Spiegel", "Spiegel"),
        "Le Monde": ("Le Monde",),
        "Semafor": ("Semafor",),
    }.items()
    for alias in aliases
}
"""Lower-cased alias → canonical name: major outlets and wire services (names only)."""

MEDIA_HEADS = frozenset({"media", "outlets", "outlet", "press", "reports", "newspapers", "dailies"})
"""Last words of an unnamed media collective ("Israeli media outlets", "press reports")."""

LANGUAGE_COUNTRY = {"hebrew": "Israeli", "arabic": "Arab", "persian": "Iranian", "farsi": "Iranian"}
"""The country a language's press stands for, so "Hebrew-language reports" is "Israeli media"."""

MEDIA_QUALIFIERS = frozenset(
    {"local", "state", "foreign", "international", "regional", "national", "western"}
)
"""Lower-case words that qualify a media collective and belong in its label ("local media")."""

_RELAY_PATTERNS = (
    re.compile(rf"\b(?:first\s+|originally\s+)?reported\s+(?:by|in)\s+(?P<name>(?:the\s+)?{_NAME})"),
    # "as" first and the word edge checked behind it, not ``\bas``: a pattern that opens with a
    # literal is searched for that literal in C (0.062 -> 0.006 ms an article, the same matches)
    re.compile(
        rf"as(?<!\was)\s+(?P<name>(?:the\s+)?{_NAME})\s+(?:first\s+|previously\s+|earlier\s+)?"
        r"(?:reported|wrote|revealed|noted|said)"
    ),
    re.compile(rf"(?P<name>(?:[Tt]he\s+)?{_NAME})\s+(?:first\s+reported|was\s+the\s+first\s+to\s+report)"),
    re.compile(r"\((?P<name>Reuters|AP|AFP|Bloomberg|Xinhua|dpa|UPI)\)"),
    re.compile(
        rf"\b(?:told|in\s+an\s+interview\s+with|speaking\s+to|quoted\s+by)\s+(?P<name>(?:the\s+)?{_NAME})"
    ),
)
"""Relay phrases that need no full attribution: "as the Daily X reported", "(Reuters)" datelines."""
_RELAY_NEEDS: tuple[tuple[str, ...] | re.Pattern[str], ...] = (
    ("reported",),
    ("as",),
    re.compile(r"first\s+reported|was\s+the\s+first\s+to\s+report"),
    ("(",),
    ("told", "interview", "speaking", "quoted"),
)
"""Words each relay pattern cannot match without: an article lacking them skips the pattern,
which would otherwise try a name at every position (0.51 -> 0.30 ms an article on 300 BASIL
articles; the same relays, since no pattern can match without its word). The third pattern tries
a name at every position before its phrase, so it waits for the phrase itself, searched for alone
(0.13 -> 0.02 ms an article: "first" is in 126 of those 300 articles, the phrase in 15)."""


@lru_cache(maxsize=4096)
def outlet_name(source_text: str) -> str | None:
    """The normalised name of the news outlet ``source_text`` names, or None when it names none.

    Memoised: the same source texts are tested for every attribution, relay and source kind.
    """
    text = _clean(source_text)
    if not text:
        return None
    descriptor = _DESCRIPTOR_RE.match(text)
    if descriptor:
        name = _clean(descriptor.group("name"))
        return KNOWN_OUTLETS.get(name.lower(), name)
    bare = _DEMONYMS_RE.sub("", text)
    known = KNOWN_OUTLETS.get(text.lower()) or KNOWN_OUTLETS.get(bare.lower())
    if known:
        return known
    masthead = _MASTHEAD_RE.match(text) or _MASTHEAD_RE.match(bare)
    if masthead and _capitalised(masthead.group("name")):
        name = masthead.group("name")
        return f"The {name}" if masthead.group("the") else name
    return None


@lru_cache(maxsize=4096)
def media_label(source_text: str) -> str | None:
    """A stable label for an unnamed media collective ("Israeli media"), or None for anything else.

    Memoised like :func:`outlet_name`.
    """
    words = _WORDS_RE.findall(_clean(source_text))
    if not words or words[-1].lower() not in MEDIA_HEADS or outlet_name(source_text):
        return None
    if words[-1].lower() in ("press", "outlet") and len(words) == 1:
        return None
    qualifier = next((q for q in map(_qualifier, words[:-1]) if q), None)
    return f"{qualifier} media" if qualifier else "unnamed media"


def is_media_collective(source_text: str) -> bool:
    """True for "Israeli media", "Hebrew-language reports", "reports", "local media"."""
    return media_label(source_text) is not None


def find_relays(attributions: Sequence[Attribution], text: str, article_id: str | None = None) -> list[Relay]:
    """The relays of one article: attributions to outlets or media, and relay phrases in ``text``.

    ``article_id`` names the article for relay phrases when there is no attribution to take it from.
    """
    if article_id is None:
        article_id = attributions[0].cue_span.article_id if attributions else ""
    relays: list[Relay] = []
    for attribution in attributions:
        relay = _relay_of(attribution, text)
        # one source phrase can head several attributions ("X wrote that A, citing B"): one relay
        if relay is not None and relay not in relays:
            relays.append(relay)
    for pattern, needs in zip(_RELAY_PATTERNS, _RELAY_NEEDS, strict=True):
        if not (needs.search(text) if isinstance(needs, re.Pattern) else any(word in text for word in needs)):
            continue
        for match in pattern.finditer(text):
            name = outlet_name(match.group("name"))
            if name is None:
                continue
            end = match.end()
            while end > match.start() and text[end - 1] in _TRAILING:
                end -= 1
            span = Span(article_id, match.start(), end)
            if not any(r.outlet == name and _overlap(r.span, span) for r in relays):
                relays.append(Relay(name, span))
    return sorted(relays, key=lambda r: (r.span.start, r.span.end, r.outlet))


def _relay_of(attribution: Attribution, text: str) -> Relay | None:
    """The relay an attribution makes when its source is an outlet or a media collective."""
    span = attribution.source_span or _whole(attribution)
    name = outlet_name(attribution.source_text)
    if name is not None:
        return Relay(name, span)
    label = media_label(attribution.source_text)
    return Relay(label, span, named=False) if label is not None else None


def _whole(attribution: Attribution) -> Span:
    spans = (attribution.cue_span, attribution.content_span)
    return Span(attribution.cue_span.article_id, min(s.start for s in spans), max(s.end for s in spans))


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _qualifier(word: str) -> str | None:
    lower = word.lower()
    language = lower.removesuffix("-language")
    if language in LANGUAGE_COUNTRY:
        return LANGUAGE_COUNTRY[language]
    if lower in MEDIA_QUALIFIERS:
        return lower
    return word if word[:1].isupper() and lower not in ("the", "some", "many", "several") else None


def _capitalised(name: str) -> bool:
    """Every word but short joiners starts with a capital or digit ("The Times of Israel")."""
    return all(
        w[:1].isupper() or w[:1].isdigit() or w in ("of", "the", "de", "al", "el") for w in name.split()
    )


def _clean(text: str) -> str:
    """Trim spaces, punctuation and a possessive ("Haaretz’s" → "Haaretz")."""
    text = re.sub(r"[’']s$", "", text.strip(' \t\n,.;:"“”()'))
    return re.sub(r"\s+", " ", text)
