"""Loaded or evaluative wording and epistemic hedges, found by one compiled regex each.

Framing differs between reports of one event less in the facts than in the words around them: one
outlet says the prime minister "left empty-handed" after "high-stakes" talks, another that he
"returned without commitments". :func:`find_loaded_terms` marks such words, says whether the
article uses them in its own voice or inside a quotation, and :func:`find_hedges` marks the words
by which an article distances itself from a claim ("reportedly", "appeared to", "may have").

Design, and why:

* The lexicon (:mod:`storyline.read.lexicon_words`, categories documented there) is compiled
  into a single case-insensitive regex shaped as a character trie, so matching a 700-word
  article is one linear scan (well under 2 ms) however many entries there are.
* A few entries are loaded in one sense only ("assault" on a policy vs an armed assault,
  "hammered" a rival vs "hammered out" a deal, "caved" vs "the caves"). ``lexicon_words.CONTEXT_RULES`` drops
  a match when the words around it show the literal sense; the rules are small and pragmatic.
* A term negated just before it ("did not cave", "hardly a fiasco") is dropped: the article is
  disowning the judgement, not making it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from storyline.model import LoadedTerm, Span
from storyline.read import lexicon_words as words
from storyline.read.dispatch import dispatched

_SEP = r"[\s\-\u2010\u2011]+"
"""What a space or hyphen inside an entry matches: "empty-handed", "empty handed", "Empty-Handed"."""
_SEP_RE = re.compile(_SEP)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_LEFT_EDGE = r"(?<![\w])(?<!\w-)"
_RIGHT_EDGE = r"(?![\w])(?!-\w)"
"""Whole words only, and never half of a hyphenated compound ("slam" is not in "slam-dunk")."""

CONTEXT_CHARS = 60
"""Characters either side that the context rules look at: about ten words, enough for "hammered
out", "on the sidelines of" and a determiner before a noun use, and short enough to stay local."""
NEAR_CHARS = 100
"""Window for the topical rules (violence and weather words near "assault", "blast"): a clause or
so either side; wider windows began to drop political uses in sentences that also mention a war."""

_NEGATION_RE = re.compile(
    r"(?:\b(?:not|never|no|hardly|nor|without)|n['’]t)\s+(?!only\b|just\b|merely\b)(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""A negator at most two words before the term ("was not a humiliating", "didn't cave");
"not only" and "not just" affirm, so they do not count."""


def normalize(surface: str) -> str:
    """Lookup key of a surface form: lower case, straight apostrophes, spaces/hyphens as one space."""
    return _SEP_RE.sub(" ", surface.lower().translate(_APOSTROPHES)).strip()


# --- building the lexicon -----------------------------------------------------------------


def _verb_forms(base: str) -> tuple[str, ...]:
    """Base, third person, past and -ing forms; only the first word of a phrase is inflected."""
    if base in words.IRREGULAR:
        return words.IRREGULAR[base]
    head, sep, rest = base.partition(" ")
    if head.endswith("e"):
        forms = (head, head + "s", head + "d", head[:-1] + "ing")
    elif re.search(r"[^aeiou]y$", head):
        forms = (head, head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    elif re.search(r"(?:s|sh|ch|x|z)$", head):
        forms = (head, head + "es", head + "ed", head + "ing")
    elif len(head) <= 4 and re.search(r"[^aeiou][aeiou][bdgmnprt]$", head):
        forms = (head, head + "s", head + head[-1] + "ed", head + head[-1] + "ing")  # slam -> slammed
    else:
        forms = (head, head + "s", head + "ed", head + "ing")
    return tuple(form + sep + rest for form in forms)


def _plural(word: str) -> str:
    """Regular English plural, enough for the nouns of the lexicon."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("s"):
        return word  # "chaos", "sharp words": already plural or uncountable
    if re.search(r"(?:sh|ch|x|z)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _noun_forms(entry: str) -> tuple[str, ...]:
    """Singular and plural; the last word of a phrase takes the plural ("pointed messages")."""
    head, sep, last = entry.rpartition(" ")
    return (entry, head + sep + _plural(last))


def _surface_forms(category: str) -> Iterable[tuple[str, str]]:
    """(surface form, canonical entry) pairs of one category."""
    for entry in words.WORDS.get(category, ()):
        yield entry, entry
    for entry in words.VERBS.get(category, ()):
        for form in _verb_forms(entry):
            yield form, entry
    for entry in words.NOUNS.get(category, ()):
        for form in _noun_forms(entry):
            yield form, entry


@cache
def lexicon() -> dict[str, tuple[str, str]]:
    """Every normalised surface form -> (canonical entry, category); earlier categories win."""
    table: dict[str, tuple[str, str]] = {}
    for category in words.CATEGORY_ORDER:
        for surface, canonical in _surface_forms(category):
            table.setdefault(normalize(surface), (canonical, category))
    for canonical, variants in words.VARIANTS.items():
        _, category = table[normalize(canonical)]
        for variant in variants:
            table.setdefault(normalize(variant), (canonical, category))
    return table


def lexicon_sizes() -> dict[str, int]:
    """Canonical entries per category (inflections and variants not counted)."""
    sizes = dict.fromkeys(words.CATEGORY_ORDER, 0)
    for _, category in set(lexicon().values()):
        sizes[category] += 1
    return sizes


_Trie = dict[str, "_Trie"]


def _trie_regex(keys: Iterable[str]) -> str:
    """One alternation shaped as a trie: the regex engine never retries shared prefixes."""
    trie: _Trie = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # end of an entry
    return _render(trie)


def _render(node: _Trie) -> str:
    """Branches in order; an entry that ends here makes the longer continuations optional."""
    branches = [_char_regex(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _char_regex(char: str) -> str:
    """A space stands for any run of spaces or hyphens; an apostrophe for straight or curly."""
    if char == " ":
        return _SEP
    if char == "'":
        return "['’]"
    return re.escape(char)


@cache
def _term_regex() -> re.Pattern[str]:
    """The whole lexicon as one pattern, compiled on first use (about 20 ms) and kept."""
    return re.compile(_LEFT_EDGE + "(?:" + _trie_regex(lexicon()) + ")" + _RIGHT_EDGE, re.IGNORECASE)


def prepare() -> None:
    """Build the lexicon's tables and patterns now rather than on first use (~30 ms of CPU).

    Why: the reader's worker processes are forked afresh for every batch of articles; tables
    the parent built before forking are theirs for free, where each worker of each batch built
    its own: 2 workers spent 2 x 30 ms per batch, now the parent 30 ms once (on 200 BASIL
    articles 0.15 ms of CPU per article less; more over the store's 256-article batches).
    """
    _term_regex()
    _compiled_rules()
    _hedge_regex()


# --- context rules ------------------------------------------------------------------------


@cache
def _compiled_rules() -> dict[str, tuple[re.Pattern[str] | None, ...]]:
    """(before, after, near) patterns per entry; None where a rule leaves that side out."""

    def compile_(pattern: str) -> re.Pattern[str] | None:
        return re.compile(pattern, re.IGNORECASE) if pattern else None

    return {
        term: (compile_(rule.before), compile_(rule.after), compile_(rule.near))
        for term, rule in words.CONTEXT_RULES.items()
    }


def _literal_sense(text: str, start: int, end: int, term: str) -> bool:
    """True when the context rule of ``term`` shows the match is meant literally."""
    rule = _compiled_rules().get(term)
    if rule is None:
        return False
    before, after, near = rule
    left = text[max(0, start - CONTEXT_CHARS) : start]
    return bool(
        (before and before.search(left))
        or (after and after.match(text, end, end + CONTEXT_CHARS))
        or (near and near.search(text, max(0, start - NEAR_CHARS), end + NEAR_CHARS))
    )


def _negated(text: str, start: int) -> bool:
    """True when a negator stands just before the term (see ``_NEGATION_RE``)."""
    return _NEGATION_RE.search(text[max(0, start - CONTEXT_CHARS) : start]) is not None


# --- public API -----------------------------------------------------------------------------


def find_loaded_terms(text: str, article_id: str, quoted: Sequence[tuple[int, int]] = ()) -> list[LoadedTerm]:
    """Loaded or evaluative terms of ``text`` in order, with their voice and category.

    ``quoted`` holds the character ranges inside quotation marks (the reader's quote spans): a
    term overlapping one is in the ``"quoted"`` voice, any other in the article's own
    (``"outlet"``). ``text[span.start:span.end]`` is the surface form; ``term`` the entry.
    """
    table = lexicon()
    found: list[LoadedTerm] = []
    for match in _term_regex().finditer(text):
        start, end = match.span()
        canonical, category = table[normalize(match.group())]
        if _literal_sense(text, start, end, canonical) or _negated(text, start):
            continue
        voice = "quoted" if any(q_start < end and start < q_end for q_start, q_end in quoted) else "outlet"
        found.append(LoadedTerm(canonical, Span(article_id, start, end), voice, category))
    return found


_QUOTE_RE = re.compile(r"“[^”\n]*(?:”|(?=\n)|$)|\"[^\"\n]*(?:\"|(?=\n)|$)")
"""Curly or straight double-quote pairs; an unclosed quotation runs to the end of its paragraph
(the news convention for quotations spanning paragraphs)."""


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges inside double quotation marks, marks included.

    A stand-in for the reader's quote spans where it is not run (benchmarks, tests).
    """
    return [match.span() for match in _QUOTE_RE.finditer(text)]


# --- hedges ---------------------------------------------------------------------------------

_NOT_AN_OBJECT = r"(?!the\b|a\b|an\b|him\b|her\b|them\b|us\b|me\b|reporters\b|voters\b|viewers\b)"
"""After "appeared to", a verb makes a hedge ("appeared to waver"); an object does not ("appeared
to reporters")."""
_APPEAR_STATE = (
    r"unable|likely|unlikely|poised|set|ready|willing|unwilling|reluctant|open|intent|determined|"
    r"confident|eager|close|unaware|resigned|certain|uncertain|increasingly|more|less|as\s+(?:if|though)|that"
)
"""After "appeared", a state ("appeared unable") is a hedge; "appeared on television" is not."""

HEDGES: tuple[tuple[str, str], ...] = (
    ("may have", r"(?-i:may)\s+(?:not\s+)?have"),
    ("might have", r"might\s+(?:not\s+)?have"),
    ("could have", r"could\s+have"),
    ("may", r"(?-i:may)"),
    ("might", r"might(?!\s*[.,;:)]|\s+(?:and|of|to|in|is|was|has|behind)\b)"),
    ("could", r"could(?!\s+not\b|n['’]t)"),
    ("appear", r"it\s+(?:appears|appeared|would\s+appear)"),
    ("appear", rf"appear(?:s|ed)?\s+to(?=\s+{_NOT_AN_OBJECT}\w)"),
    ("appear", rf"appear(?:s|ed)?(?=\s+(?:{_APPEAR_STATE})\b)"),
    ("seem", r"seem(?:s|ed)?(?:\s+to)?"),
    ("suggest", r"suggest(?:s|ed|ing)?"),
    ("expected to", r"(?:(?:is|are|was|were|be|been|being|widely|also|now)\s+){0,2}expected\s+to"),
    ("believed to", r"(?:(?:is|are|was|were|widely)\s+){0,2}believed\s+to|it\s+is\s+believed"),
    ("thought to", r"(?:(?:is|are|was|were|widely)\s+){0,2}thought\s+to"),
    ("it is understood", r"it\s+is\s+understood|(?:is|are|was|were)\s+understood\s+to"),
    ("according to some", r"according\s+to\s+some"),
    ("likely", r"(?:(?:most|more|very|highly|less)\s+)?likely(?!\s+voters?\b)"),
    ("unclear", r"unclear(?=\s+(?:whether|if|how|what|when|why|who)\b)"),
    ("rumored", r"rumou?red"),
    ("in all likelihood", r"in\s+all\s+likelihood"),
    *(
        (word, word)
        for word in (
            "reportedly",
            "allegedly",
            "apparently",
            "purportedly",
            "supposedly",
            "ostensibly",
            "presumably",
            "possibly",
            "probably",
            "perhaps",
            "maybe",
            "potentially",
            "seemingly",
            "arguably",
            "conceivably",
            "unlikely",
        )
    ),
)
"""(canonical hedge, pattern): epistemic hedges only. Attribution ("sources said") is the
attribution stage's business, not a hedge. Longer forms come first ("may have" before "may")."""


@cache
def _hedge_regex() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """All hedges as one alternation, and the canonical hedge of each named group (``g0``, ``g1``...).

    The alternation is :func:`~storyline.read.dispatch.dispatched`: a word tries only the
    hedges that can begin with its letter (1.1 -> 0.4 ms of CPU per article, 300 BASIL articles).
    """
    source, branch_of = dispatched([pattern for _, pattern in HEDGES], re.IGNORECASE)
    pattern = re.compile(_LEFT_EDGE + "(?:" + source + ")" + _RIGHT_EDGE, re.IGNORECASE)
    return pattern, tuple(HEDGES[index][0] for index in branch_of)


def find_hedges(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical hedge)`` for every hedging word or phrase of ``text``, in order."""
    pattern, hedge_of = _hedge_regex()
    return [(m.start(), m.end(), hedge_of[int((m.lastgroup or "g0")[1:])]) for m in pattern.finditer(text)]
