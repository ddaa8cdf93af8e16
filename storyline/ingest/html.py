"""Main article text and page metadata from one HTML page.

Approach (measured on the ScrapingHub article-extraction benchmark, see ``bench/extraction.py``):

1. Parse once with lxml (through ``trafilatura.load_html``, which repairs the usual faults) and
   read the metadata from that tree: JSON-LD, ``<meta>`` tags, ``<time>`` and ``<html lang>``.
2. Drop what a reader never sees (``hidden``, ``aria-hidden``, ``display:none``): sites park
   schema.org copies of the headline, dates and logo URLs there, and they leak into the text.
   Embedded posts quoted in the story (tweets) lose the "social"/"embed" classes of their
   wrappers, which would otherwise make them look like share buttons.
3. Two independent extractors vote. Trafilatura (``fast``, ``favor_recall``) is precise on
   most pages; a small readability-style density scorer finds the container with the most
   prose and also gathers its same-class siblings, which catches articles that a layout splits
   into several blocks between ads. When the density text contains trafilatura's and is much
   longer, trafilatura stopped early and the density text wins; when trafilatura's text
   contains the density text and is clearly longer, the surplus is page furniture (teasers,
   standfirsts, "about us" boxes) and the density text wins again. Otherwise trafilatura's.
4. The chosen paragraphs are cleaned of what both let through: a leading copy of the headline,
   paragraphs that are almost all link text (related-story lists), and short lines that are
   boilerplate by their wording (read more/related, newsletter and app prompts, share prompts,
   comment counters, copyright and photo credits, "write to X at mail").

Dates come only from structured fields (never from visible text, where a copyright line's year
would pass for one) and must parse as a full calendar date that is not in the future.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from storyline.ingest.errors import EmptyPageError
from storyline.model import Document

Block = tuple[str, str]  # (kind, text): kind is "head" for headings, else "p"

_WS = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WORD = re.compile(r"\w+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "footer", "aside", "button",
              "select", "svg", "template", "figure", "header", "input", "textarea")
_NEGATIVE = re.compile(r"comment|share|social|related|sidebar|footer|\bnav|menu|promo|newsletter|"
                       r"\bad-|\bads?\b|advert|subscribe|popular|recirc|breadcrumb|\btags?\b|"
                       r"widget|banner|cookie|modal|outbrain|taboola|byline|caption|credit")
_POSITIVE = re.compile(r"article|body|content|main|column|post|story|entry|text|single")
_NAMED_CONTAINERS = etree.XPath(
    ".//*[self::div or self::section or self::ul or self::ol or self::span or self::p"
    " or self::table][@class or @id]")
_EMBED_WRAPPER = re.compile(r"social|embed|widget|share")
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd",
                     "dt", "td", "th"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_INLINE = frozenset({"a", "span", "b", "strong", "i", "em", "u", "small", "sup", "sub", "font",
                     "abbr", "cite", "code", "mark", "time", "q", "s", "del", "ins", "label", "img"})
_LINKED_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th",
                           "figcaption", "blockquote"})
_URLISH = re.compile(r"^(https?://|www\.)\S+$|^\S+@\S+\.\w+$")
_BOILERPLATE = re.compile(
    r"^(?:(?:read|see)\s+(?:more|also)\b.{0,150}"
    r"|related(?:\s+(?:articles?|stories|posts?|content|coverage|reading))?\s*:.{0,150}"
    r"|also\s+on\s+\S+.{0,150}|more\s+(?:from|on)\b.{0,100}|don'?t\s+miss\b.{0,150}"
    r"|you\s+may\s+also\s+like.{0,50}|leggi\s+anche.{0,150}"
    r"|.{0,80}\b(?:newsletters?|subscribe|subscribing|sign\s+up\s+for\s+(?:our|the)"
    r"|(?:get|download)\s+the\s+\S+(?:\s+\S+)?\s+app)\b.{0,80}"
    r"|(?:like|liked|enjoy|enjoyed)\s+this\s+(?:story|article|post)\b.{0,80}"
    r"|share\s+(?:this|it)\s+(?:story|article|post|with).{0,60}"
    r"|follow\s+(?:us|\S+(?:\s+\S+)?)\s+on\s+(?:facebook|twitter|instagram).{0,100}"
    r"|(?:copyright|©|\(c\)|ⓒ).{0,150}"
    r"|(?:\d+\s+)?comments?|tags?:?|advertisement|sponsored"
    r"|(?:write|email|reach|contact)\s+.{0,60}\s+at\s+\S+@.{0,100}"
    r"|(?:photo|image|picture)s?\s*(?:credit|source)?\s*:.{0,120}|source\s*:.{0,60})$",
    re.I | re.S,
)
_ARTICLE_TYPES = re.compile(r"Article$|BlogPosting|Report$|LiveBlogPosting")
_DATE_META = ("article:published_time", "og:published_time", "datePublished", "pubdate",
              "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created",
              "sailthru.date", "parsely-pub-date", "article.published")
_AUTHOR_META = ("author", "article:author", "byl", "parsely-author", "sailthru.author",
                "dc.creator", "twitter:creator")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|-)")

EXTEND_RATIO = 1.5  # density text this much longer than trafilatura's, and containing it
TRIM_RATIO = 0.5  # density text at least this share of trafilatura's, and contained in it
CONTAINED = 0.9  # share of one text's word 4-grams found in the other, to call it contained
LINK_DENSE = 0.8  # share of a paragraph's characters inside links, for a list of links


def extract_html(html: str, origin: str, url: str | None = None) -> Document:
    """Extract the article of ``html``; raise :class:`EmptyPageError` when it holds none."""
    tree = trafilatura.load_html(html) if html.strip() else None
    if tree is None:
        raise EmptyPageError(f"{origin}: not an HTML page")
    meta = _Metadata(tree, url)
    _prune_hidden(tree)
    _unmask_embedded_posts(tree)
    link_share = _link_shares(tree)
    main = _trafilatura_blocks(tree, url)
    dense = _density_blocks(tree)  # prunes the tree in place: trafilatura worked on a copy
    paragraphs = _clean(_choose(main, dense), meta.title_words(), link_share)
    if not paragraphs:
        raise EmptyPageError(f"{origin}: no article text found in the page")
    return Document(
        text="\n\n".join(paragraphs),
        origin=origin,
        title=meta.title(),
        byline=meta.byline(),
        outlet=meta.outlet(),
        url=meta.url(),
        published=meta.published(),
        language=meta.language(),
    )


def normalize_text(text: str) -> str:
    """One paragraph's text: NFC, no zero-width characters, whitespace collapsed, trimmed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


# --- tree preparation ---------------------------------------------------------------------


def _prune_hidden(tree: HtmlElement) -> None:
    """Remove elements a reader never sees; schema.org copies of the page hide there."""
    for el in tree.xpath("//*[@hidden or @aria-hidden='true' or @style]"):
        hidden = el.get("hidden") is not None or el.get("aria-hidden") == "true"
        hidden = hidden or bool(_HIDDEN_STYLE.search(el.get("style", "")))
        if hidden and el.tag not in ("html", "body") and el.getparent() is not None:
            el.drop_tree()


def _unmask_embedded_posts(tree: HtmlElement) -> None:
    """Quoted tweets are story content; their wrappers' "social" classes hide them."""
    for quote in tree.xpath("//blockquote[contains(@class, 'twitter-tweet')]"):
        for wrapper in list(quote.iterancestors())[:3]:
            if _EMBED_WRAPPER.search(wrapper.get("class", "").lower()):
                wrapper.set("class", "quoted-post")


def _link_shares(tree: HtmlElement) -> dict[str, float]:
    """Map each linked block's normalised text to the share of its characters inside links.

    Walks from the links up to their block, so pages pay for their links, not their size.
    """
    linked: dict[HtmlElement, int] = {}
    shares: dict[str, float] = {}
    for anchor in tree.iter("a"):
        text = normalize_text(anchor.text_content())
        if not text:
            continue
        shares[text] = 1.0
        block = next((a for a in anchor.iterancestors() if a.tag in _LINKED_BLOCKS), None)
        if block is not None:
            linked[block] = linked.get(block, 0) + len(text)
    for block, length in linked.items():
        text = normalize_text(block.text_content())
        if text and text not in shares:
            shares[text] = min(1.0, length / len(text))
    return shares


# --- the two extractors -------------------------------------------------------------------


def _trafilatura_blocks(tree: HtmlElement, url: str | None) -> list[Block]:
    """Trafilatura's paragraphs, read from its XML body so paragraph bounds survive."""
    result = trafilatura.bare_extraction(
        tree, url=url, fast=True, favor_recall=True, include_comments=False)
    body = getattr(result, "body", None)
    return [] if body is None else list(_xml_blocks(body))


def _xml_blocks(element: etree._Element) -> Iterator[Block]:
    """Walk trafilatura's output tree: lists, tables and nested quotes yield their parts."""
    for child in element:
        tag = str(child.tag)
        if tag in ("list", "table", "row") or (
                tag in ("quote", "div") and any(c.tag in ("p", "list", "head") for c in child)):
            if child.text and child.text.strip():
                yield "p", child.text
            yield from _xml_blocks(child)
        else:
            yield ("head" if tag == "head" else "p"), _xml_text(child)
        if child.tail and child.tail.strip():
            yield "p", child.tail


def _xml_text(element: etree._Element) -> str:
    """Text of one output element; line breaks and table cells become spaces, not glue."""
    parts = [" " if element.tag in ("lb", "cell") else "", element.text or ""]
    for child in element:
        parts.append(_xml_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _density_blocks(tree: HtmlElement) -> list[Block]:
    """Readability-style: the container richest in prose, plus its same-class siblings."""
    body = tree.find("body")
    if body is None:
        return []
    _strip_furniture(body)
    scores = _prose_scores(body)
    top = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    best = max(top, key=lambda n: scores[n] * (1 - _link_density(n)), default=None)
    if best is None:
        return []
    signature = (best.tag, best.get("class"))
    nodes = [best] + [n for n, s in scores.items() if signature[1] and s >= 3 and n is not best
                      and (n.tag, n.get("class")) == signature and not _related(n, best)]
    order = {el: i for i, el in enumerate(body.iter())}
    blocks: list[Block] = []
    for node in sorted(nodes, key=lambda n: order.get(n, 0)):
        blocks.extend(_html_blocks(node))
    return blocks


def _strip_furniture(body: HtmlElement) -> None:
    """Drop navigation, forms and elements whose class names say boilerplate (unless big)."""
    etree.strip_elements(body, *_DROP_TAGS, with_tail=False)
    total = len("".join(body.itertext()))
    verdicts: dict[str, bool] = {}
    for el in _NAMED_CONTAINERS(body):
        names = f"{el.get('class', '')} {el.get('id', '')}".lower()
        furniture = verdicts.get(names)
        if furniture is None:
            furniture = bool(_NEGATIVE.search(names)) and not _POSITIVE.search(names)
            verdicts[names] = furniture
        if furniture and el.getparent() is not None and len("".join(el.itertext())) <= 0.3 * total:
            el.drop_tree()


def _prose_scores(body: HtmlElement) -> dict[HtmlElement, float]:
    """Credit each paragraph (length, commas) to its parent and, less, to two ancestors."""
    scores: dict[HtmlElement, float] = {}
    for el in body.iter("p", "pre", "td", "blockquote", "div"):
        own = (el.text or "") + "".join(c.tail or "" for c in el) if el.tag == "div" else None
        text = normalize_text(own if own is not None else el.text_content())
        if len(text) < 25:
            continue
        score = 1 + text.count(",") + min(len(text) / 100, 3)
        node = el if el.tag == "div" else el.getparent()
        for weight in (1.0, 0.5, 0.33):
            if node is None:
                break
            scores[node] = scores.get(node, 0.0) + score * weight
            node = node.getparent()
    return scores


def _link_density(node: HtmlElement) -> float:
    text_length = len(node.text_content())
    if not text_length:
        return 1.0
    return sum(len(a.text_content()) for a in node.iter("a")) / text_length


def _related(a: HtmlElement, b: HtmlElement) -> bool:
    """True when one element contains the other."""
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _html_blocks(node: HtmlElement) -> list[Block]:
    """Paragraphs of an HTML subtree: block elements whole, loose text split at ``<br>``."""
    blocks: list[Block] = []
    loose: list[str] = []

    def flush() -> None:
        if "".join(loose).strip():
            blocks.append(("p", "".join(loose)))
        loose.clear()

    def walk(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCKS:
            flush()
            blocks.append(("head" if tag in _HEADINGS else "p", el.text_content()))
        elif tag in _INLINE:
            loose.append(el.text_content())
        elif tag == "br":
            flush()
        else:
            flush()
            loose.append(el.text or "")
            for child in el:
                walk(child)
                loose.append(child.tail or "")
            flush()

    walk(node)
    return blocks


# --- choosing and cleaning ----------------------------------------------------------------


def _choose(main: list[Block], dense: list[Block]) -> list[Block]:
    """Prefer the density blocks when the two texts nest and differ much in length."""
    if not dense:
        return main
    if not main:
        return dense
    main_text = " ".join(text for _, text in main)
    dense_text = " ".join(text for _, text in dense)
    main_grams, dense_grams = _grams(main_text), _grams(dense_text)
    if not main_grams or not dense_grams:
        return main
    shared = len(main_grams & dense_grams)
    ratio = len(dense_text) / len(main_text)
    if ratio >= EXTEND_RATIO and shared >= CONTAINED * len(main_grams):
        return dense
    if TRIM_RATIO <= ratio < 0.97 and shared >= 0.97 * len(dense_grams):
        return dense
    return main


def _grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text)
    if len(words) < 4:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], words[3:], strict=False))


def _clean(blocks: list[Block], title_words: list[list[str]], link_share: dict[str, float]
           ) -> list[str]:
    """Drop the headline copy, link lists and boilerplate lines; keep the rest in order."""
    paragraphs: list[str] = []
    for _kind, raw in blocks:
        text = normalize_text(raw)
        if not text:
            continue
        if len(paragraphs) < 2 and _is_title(_WORD.findall(text.lower()), title_words):
            continue
        if link_share.get(text, 0.0) >= LINK_DENSE and len(text) < 300 and not _URLISH.match(text):
            continue
        if len(text) < 250 and _BOILERPLATE.match(text):
            continue
        paragraphs.append(text)
    return paragraphs


def _is_title(words: list[str], titles: list[list[str]]) -> bool:
    """A line that repeats one of the page's titles (Jaccard ≥ 0.8 on lower-cased words)."""
    if not words:
        return False
    own = set(words)
    return any(t and len(own & set(t)) >= 0.8 * len(own | set(t)) for t in titles)


# --- metadata -------------------------------------------------------------------------------


class _Metadata:
    """What the page says of itself, read from one parsed tree before it is pruned."""

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self._tree = tree
        self._given_url = url
        self._meta: dict[str, str] = {}
        for el in tree.iter("meta"):
            key = (el.get("property") or el.get("name") or el.get("itemprop")
                   or el.get("http-equiv") or "").strip().lower()
            value = normalize_text(el.get("content") or "")
            if key and value and key not in self._meta:
                self._meta[key] = value
        self._article, self._nodes = _json_ld(tree)

    def _ld(self, key: str) -> Any:
        return self._article.get(key)

    def title(self) -> str | None:
        """og:title, then JSON-LD headline, then the first ``<h1>``, then ``<title>``."""
        for candidate in (self._meta.get("og:title"), _as_text(self._ld("headline")),
                          self._meta.get("twitter:title"), self._first_text("//h1"),
                          self._first_text("//title")):
            if candidate:
                return candidate
        return None

    def title_words(self) -> list[list[str]]:
        """Every form of the headline the page carries, to spot it in the body."""
        forms = [self._meta.get("og:title"), self._meta.get("twitter:title"),
                 _as_text(self._ld("headline")), self._first_text("//title")]
        forms += [normalize_text(h.text_content()) for h in self._tree.xpath("//h1")[:3]]
        whole = self._first_text("//title") or ""
        forms += re.split(r"\s[|\-–—:]\s", whole)
        return [_WORD.findall(f.lower()) for f in forms if f]

    def byline(self) -> str | None:
        """Author names from JSON-LD, then author meta tags, then schema.org microdata."""
        names = _names(self._ld("author"), self._nodes)
        if not names:
            names = [v for k in _AUTHOR_META if (v := self._meta.get(k)) and not _is_link(v)]
            names = names[:1]
        if not names:
            names = [t for t in (self._first_text("//*[@itemprop='author']//*[@itemprop='name']"),
                                 self._first_text("//*[@rel='author']")) if t][:1]
        cleaned = [re.sub(r"^by\s+", "", n, flags=re.I) for n in names if n]
        byline = ", ".join(dict.fromkeys(n for n in cleaned if n and len(n) < 100))
        return byline or None

    def outlet(self) -> str | None:
        """og:site_name, then the JSON-LD publisher, then application-name; never guessed."""
        publisher = _names(self._ld("publisher"), self._nodes)
        for candidate in (self._meta.get("og:site_name"), publisher[0] if publisher else None,
                          self._meta.get("application-name")):
            if candidate:
                return candidate
        return None

    def url(self) -> str | None:
        """The canonical URL (made absolute against the given one), else og:url, else given."""
        for href in self._tree.xpath("//link[@rel='canonical']/@href"):
            if str(href).strip():
                return urljoin(self._given_url or "", str(href).strip())
        return self._meta.get("og:url") or self._given_url

    def published(self) -> str | None:
        """First valid date of JSON-LD, date meta tags, ``<time>`` elements, the URL path."""
        candidates = [_as_text(self._ld("datePublished")), _as_text(self._ld("dateCreated"))]
        candidates += [self._meta.get(key.lower()) for key in _DATE_META]
        candidates += self._tree.xpath(
            "//*[@itemprop='datePublished']/@datetime | //time[@pubdate]/@datetime"
            " | (//article//time/@datetime)[1] | (//time/@datetime)[1]")
        for candidate in candidates:
            if candidate and (parsed := parse_date(str(candidate))):
                return parsed
        match = _URL_DATE.search(self.url() or "")
        return parse_date("-".join(match.groups())) if match else None

    def language(self) -> str | None:
        """``<html lang>``, then the content-language meta, then JSON-LD inLanguage."""
        for candidate in (self._tree.get("lang"), self._meta.get("content-language"),
                          _as_text(self._ld("inLanguage"))):
            if candidate and re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", candidate):
                return candidate.replace("_", "-")
        return None

    def _first_text(self, xpath: str) -> str | None:
        for el in self._tree.xpath(xpath):
            text = normalize_text(el.text_content())
            if text:
                return text
        return None


def parse_date(value: str) -> str | None:
    """An ISO 8601 date or datetime for a full calendar date, or None.

    Year-only and month-only values are refused: a bare year is how copyright notices look.
    Dates after tomorrow are refused too (a misread, or a scheduled "updated" stamp).
    """
    value = value.strip()
    moment: datetime | date | None = None
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
        except ValueError:
            try:
                moment = date.fromisoformat(value[:10])
            except ValueError:
                return None
        if isinstance(moment, datetime) and len(value) <= 10:
            moment = moment.date()
    elif re.match(r"^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4}", value):
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if moment is None or moment.year < 1900:
        return None
    day = moment.date() if isinstance(moment, datetime) else moment
    if day > datetime.now(UTC).date() + timedelta(days=1):
        return None
    return moment.isoformat()


def _json_ld(tree: HtmlElement) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The first article-like JSON-LD object, and every object by ``@id`` for references."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            objects.extend(_walk(json.loads(script)))
        except ValueError:
            continue
    by_id = {str(o["@id"]): o for o in objects if "@id" in o}
    for obj in objects:
        kinds = obj.get("@type", [])
        if any(_ARTICLE_TYPES.search(str(k)) for k in (kinds if isinstance(kinds, list) else [kinds])):
            return obj, by_id
    return {}, by_id


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


def _as_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return (normalize_text(value) or None) if isinstance(value, str) else None


def _is_link(value: str) -> bool:
    return bool(re.match(r"^(https?:)?//|^www\.", value))
