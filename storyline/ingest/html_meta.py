"""What an HTML page says of itself: title, byline, outlet, canonical URL, date, language.

Read from one parsed tree before it is pruned for text extraction (the schema.org copies that
pruning removes are what this reads). Sources go from the most deliberate to the least:
JSON-LD (the first article-like object, ``@id`` references resolved), then ``<meta>`` tags,
then microdata and plain markup (``<h1>``, ``<title>``, ``<time>``, ``<html lang>``). Nothing
is guessed from the visible text: an outlet is only what the page names, a byline only what
an author field holds.

Dates come only from structured fields (JSON-LD, date meta tags, ``<time datetime>``, a date
in the URL path), never from visible text, where a copyright line's year would pass for one;
and they must parse as a full calendar date: a bare year or a month is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from storyline.ingest.html_text import WORD, normalize_text

# fmt: off
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "article.published",
)
_AUTHOR_META = (
    "author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator",
    "twitter:creator",
)
_MONTHS = {name: number for number, name in enumerate((
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
), 1)}
# fmt: on
_ARTICLE_TYPES = re.compile(r"Article$|BlogPosting|Report$|LiveBlogPosting")
_NUMERIC_DAY = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_RFC_2822 = re.compile(r"^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4}")
_WRITTEN_DAY = re.compile(
    r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
    r"|\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"
)
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|-)")


class PageMetadata:
    """What the page says of itself, read in one pass over the tree before it is pruned."""

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self._tree = tree
        self._given_url = url
        self._meta: dict[str, str] = {}
        self._title_tag: str | None = None
        self._h1: list[str] = []
        self._canonical: str | None = None
        scripts: list[str] = []
        for el in tree.iter("meta", "title", "h1", "link", "script"):
            if el.tag == "meta":
                self._add_meta(el)
            elif el.tag == "title" and self._title_tag is None:
                self._title_tag = normalize_text(el.text_content()) or None
            elif el.tag == "h1" and len(self._h1) < 3:
                self._h1 += [t for t in (normalize_text(el.text_content()),) if t]
            elif el.tag == "link" and self._canonical is None and el.get("rel") == "canonical":
                self._canonical = (el.get("href") or "").strip() or None
            elif el.tag == "script" and el.get("type") == "application/ld+json" and el.text:
                scripts.append(el.text)
        self._article, self._nodes = _json_ld(scripts)

    def _add_meta(self, el: HtmlElement) -> None:
        """Record a ``<meta>`` value under its lower-cased key; the first of a key wins."""
        key = (
            (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "")
            .strip()
            .lower()
        )
        value = normalize_text(el.get("content") or "")
        if key and value and key not in self._meta:
            self._meta[key] = value

    def _ld(self, key: str) -> Any:
        """A field of the page's JSON-LD article object (None when it has none)."""
        return self._article.get(key)

    def title(self) -> str | None:
        """og:title, JSON-LD headline, twitter:title, ``<h1>``, ``<title>``; minus the outlet."""
        for candidate in (
            self._meta.get("og:title"),
            _as_text(self._ld("headline")),
            self._meta.get("twitter:title"),
            *self._h1[:1],
            self._title_tag,
        ):
            if candidate:
                return _without_suffix(candidate, self.outlet())
        return None

    def title_words(self) -> list[list[str]]:
        """Every form of the headline the page carries, to spot it in the body."""
        forms = [
            self._meta.get("og:title"),
            self._meta.get("twitter:title"),
            _as_text(self._ld("headline")),
            self._title_tag,
            *self._h1,
        ]
        forms += re.split(r"\s[|\-–—:]\s", self._title_tag or "")
        return [WORD.findall(f.lower()) for f in forms if f]

    def byline(self) -> str | None:
        """Author names from JSON-LD, else author meta tags, else schema.org microdata."""
        for names in self._author_sources():
            cleaned = [re.sub(r"^by\s+", "", n, flags=re.I) for n in names]
            kept = [n for n in cleaned if n and len(n) < 100 and not n.startswith("@") and not _is_link(n)]
            if kept:
                return ", ".join(dict.fromkeys(kept))
        return None

    def _author_sources(self) -> Iterator[list[str]]:
        """Candidate author lists, most deliberate first; the caller takes the first usable."""
        yield _names(self._ld("author"), self._nodes)
        yield from ([v] for k in _AUTHOR_META if (v := self._meta.get(k)))
        for xpath in ("//*[@itemprop='author']//*[@itemprop='name']", "//*[@rel='author']"):
            texts = (normalize_text(el.text_content()) for el in self._tree.xpath(xpath))
            yield [next((t for t in texts if t), "")]

    def outlet(self) -> str | None:
        """og:site_name, then the JSON-LD publisher, then application-name; never guessed."""
        publisher = _names(self._ld("publisher"), self._nodes)
        for candidate in (self._meta.get("og:site_name"), *publisher[:1], self._meta.get("application-name")):
            if candidate:
                return candidate
        return None

    def url(self) -> str | None:
        """The canonical URL (made absolute against the given one), else og:url, else given."""
        if self._canonical:
            return urljoin(self._given_url or "", self._canonical)
        return self._meta.get("og:url") or self._given_url

    def published(self) -> str | None:
        """First valid date of JSON-LD, date meta tags, marked ``<time>``, the URL path, and
        last any ``<time>`` (it may belong to a teaser, so it comes after the URL)."""
        for candidate in self._date_sources():
            if candidate and (parsed := parse_date(str(candidate))):
                return parsed
        return None

    def _date_sources(self) -> Iterator[object]:
        """Candidate date values in order of trust; lazily, so later XPaths run only if needed."""
        yield _as_text(self._ld("datePublished"))
        yield _as_text(self._ld("dateCreated"))
        yield from (self._meta.get(key) for key in _DATE_META)
        yield from self._tree.xpath(
            "//*[@itemprop='datePublished']/@datetime | "
            "//time[@pubdate]/@datetime | (//article//time/@datetime)[1]"
        )
        match = _URL_DATE.search(self.url() or "")
        yield "-".join(match.groups()) if match else None
        yield from self._tree.xpath("(//time/@datetime)[1]")

    def language(self) -> str | None:
        """``<html lang>``, then the content-language meta, then JSON-LD inLanguage (BCP 47)."""
        for candidate in (
            self._tree.get("lang"),
            self._meta.get("content-language"),
            _as_text(self._ld("inLanguage")),
        ):
            if candidate and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", candidate):
                primary, *rest = candidate.replace("_", "-").split("-")
                return "-".join([primary.lower()] + [p.upper() if len(p) == 2 else p for p in rest])
        return None


def parse_date(value: str) -> str | None:
    """An ISO 8601 date or datetime for a full calendar date, or None.

    Year-only and month-only values are refused: a bare year is how copyright notices look.
    """
    value = value.strip()
    moment = _numeric_moment(value) or _written_day(value)
    if moment is None or moment.year < 1900:
        return None
    return moment.isoformat()


def _numeric_moment(value: str) -> datetime | date | None:
    """``2019-11-19``, ``2019/11/19``, or a full ISO 8601 datetime with its offset."""
    match = _NUMERIC_DAY.match(value)
    if not match:
        return None
    if value[4] == "-" and len(value) > 10:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            pass
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _written_day(value: str) -> datetime | date | None:
    """RFC 2822 stamps, and English dates such as "Nov. 19, 2019" or "19 November 2019"."""
    if _RFC_2822.match(value):
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    for match in _WRITTEN_DAY.finditer(value):
        month_name, day, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        month = _MONTHS.get(month_name[:3].lower())
        if month:
            try:
                return date(int(year), month, int(day))
            except ValueError:
                return None
    return None


def _json_ld(scripts: list[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The first article-like JSON-LD object (else the first with a headline or date), and
    every object by ``@id`` for resolving references."""
    objects: list[dict[str, Any]] = []
    for script in scripts:
        try:
            data = json.loads(script, strict=False)
        except ValueError:  # the usual fault is a trailing comma; one lenient retry
            try:
                data = json.loads(_TRAILING_COMMA.sub(r"\1", script), strict=False)
            except ValueError:
                continue
        objects.extend(_walk(data))
    by_id = {str(o["@id"]): o for o in objects if "@id" in o}
    for obj in objects:
        kinds = obj.get("@type", [])
        if any(_ARTICLE_TYPES.search(str(k)) for k in (kinds if isinstance(kinds, list) else [kinds])):
            return obj, by_id
    described = [o for o in objects if "headline" in o or "datePublished" in o]
    return (described[0] if described else {}), by_id


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD document, ``@graph`` members and list items included."""
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _walk(data[key])


def _names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names of a JSON-LD person/organisation field: a string, object, reference or list."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and "@id" in item:
            item = by_id.get(str(item["@id"]), item)
        name = _as_text(item.get("name") if isinstance(item, dict) else item)
        if name and not _is_link(name):
            names.append(name)
    return names


def _without_suffix(title: str, outlet: str | None) -> str:
    """ "Headline | Outlet" becomes "Headline"; a title that is only the outlet stays."""
    if outlet:
        for separator in (" | ", " - ", " – ", " — ", " :: ", " · "):
            head, found, tail = title.rpartition(separator)
            if found and head and tail.strip().lower() == outlet.lower():
                return head.strip()
    return title


def _as_text(value: Any) -> str | None:
    """A JSON-LD field as normalised text: the first of a list; non-strings count as absent."""
    if isinstance(value, list):
        value = value[0] if value else None
    return (normalize_text(value) or None) if isinstance(value, str) else None


def _is_link(value: str) -> bool:
    """True for a URL: sites put profile links where a name belongs, and they are no name."""
    return bool(re.match(r"^(https?:)?//|^www\.", value))
