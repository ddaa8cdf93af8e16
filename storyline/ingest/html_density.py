"""Readability-style density extractor: the container richest in prose, and its siblings.

It is the second voice next to trafilatura in :func:`storyline.ingest.html.extract_html`.
Trafilatura is precise but sometimes stops early, or keeps page furniture around the story;
this scorer sees the page differently, so where the two disagree by a lot the caller can tell
which one went wrong. Paragraphs credit their parent (and, less, two ancestors) with a score
from their length and commas; the best-scored container that is not mostly links wins, and
elements of its tag and class elsewhere in the page join it, which catches an article that a
layout splits into several blocks between ads. Before scoring, navigation, forms and elements
whose class or id name says boilerplate are dropped (unless they hold most of the page).

The extractor prunes the tree it is given in place: call it last, or on a copy.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from storyline.ingest.html_text import normalize_text, normalized

_NEGATIVE = re.compile(
    r"comment|share|social|related|sidebar|footer|\bnav|menu|promo|newsletter|"
    r"\bad-|\bads?\b|advert|subscribe|popular|recirc|breadcrumb|\btags?\b|"
    r"widget|banner|cookie|modal|outbrain|taboola|byline|caption|credit"
)
_POSITIVE = re.compile(r"article|body|content|main|column|post|story|entry|text|single")
_NAMED_CONTAINERS = etree.XPath(
    ".//*[self::div or self::section or self::ul or self::ol or self::span or self::p"
    " or self::table][@class or @id]"
)
# fmt: off
_DROP_TAGS = (
    "script", "style", "noscript", "iframe", "form", "nav", "footer", "aside", "button",
    "select", "svg", "template", "figure", "header", "input", "textarea",
)
BLOCKS = frozenset((
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th",
))
"""Elements that make a paragraph of their own; what else is inline or splits into parts."""
_INLINE = frozenset((
    "a", "span", "b", "strong", "i", "em", "u", "small", "sup", "sub", "font", "abbr", "cite",
    "code", "mark", "time", "q", "s", "del", "ins", "label", "img",
))
# fmt: on


def density_blocks(tree: HtmlElement) -> list[str]:
    """Readability-style: the container richest in prose, plus its same-class siblings.

    Prunes ``tree`` in place (furniture is dropped before scoring).
    """
    body = tree.find("body")
    if body is None:
        return []
    _strip_furniture(body)
    scores = _prose_scores(body)
    top = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    best = max(top, key=lambda n: scores[n] * (1 - _link_density(n)), default=None)
    if best is None:
        return []
    nodes = [best, *_same_class_elsewhere(best, scores)]
    order = {el: i for i, el in enumerate(body.iter())}
    blocks: list[str] = []
    for node in sorted(nodes, key=lambda n: order.get(n, 0)):
        blocks.extend(_html_blocks(node))
    return blocks


def _same_class_elsewhere(best: HtmlElement, scores: dict[HtmlElement, float]) -> list[HtmlElement]:
    """Scored elements of the best one's tag and class outside it: the rest of a split article."""
    signature = (best.tag, best.get("class"))
    if not signature[1]:
        return []
    return [
        node
        for node, score in scores.items()
        if score >= 3
        and node is not best
        and (node.tag, node.get("class")) == signature
        and not _related(node, best)
    ]


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
    """Share of the element's characters inside links: high for menus and related lists."""
    text_length = len(node.text_content())
    if not text_length:
        return 1.0
    return sum(len(a.text_content()) for a in node.iter("a")) / text_length


def _related(a: HtmlElement, b: HtmlElement) -> bool:
    """True when one element contains the other."""
    return any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())


def _html_blocks(node: HtmlElement) -> list[str]:
    """Paragraphs of an HTML subtree: block elements whole, loose text split at ``<br>``."""
    blocks: list[str] = []
    loose: list[str] = []

    def flush() -> None:
        blocks.append("".join(loose))
        loose.clear()

    def walk(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in BLOCKS:
            flush()
            blocks.append(block_text(el))
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
    return normalized(blocks)


def block_text(element: HtmlElement) -> str:
    """Text of an element with a space wherever a nested block starts or ends, never glue."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        gap = "" if child.tag in _INLINE else " "
        parts += [gap, block_text(child), gap, child.tail or ""]
    return "".join(parts)
