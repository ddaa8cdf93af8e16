"""Words of a quotation, compared: normal forms, meaning keys, polarity, numbers and a word diff.

The quote ledger needs two views of the same words. The *surface* view (lower case, curly
apostrophes straightened, punctuation dropped) decides "verbatim" and feeds the diff a reader
sees. The *meaning* view expands contractions ("isn't" is "is not"), strips light inflection
("honouring" is "honour") and maps a small table of near-synonyms onto one key ("prepared" and
"willing" are "ready"), so that rewording is told apart from a change of meaning.

Diff format (``word_diff``): the occurrence against the canonical text, word by word, with
punctuation left out. ``[-words-]`` were in the canonical text and are missing, ``{+words+}``
were put in; an unchanged run keeps ``DIFF_CONTEXT`` words beside each change it touches and
shows the rest as ``...`` (only where that hides two words or more). Identical words give "".
Example: ``Veloria [-is not ready-] {+isn't prepared+} to sign a [-new-] {+fresh+} treaty ...``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = [
    "DIFF_CONTEXT",
    "NEGATORS",
    "REWORDED_OVERLAP",
    "antonym_swapped",
    "content_keys",
    "is_slice",
    "meaning_changed",
    "meaning_words",
    "negation_count",
    "numbers_of",
    "qualifiers_cut",
    "slice_cut",
    "surface_words",
    "word_diff",
    "word_key",
]

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*(?:[.,]\d+)*")
"""A word with inner apostrophes ("isn’t", "river’s") and decimal or thousands marks ("6.4")."""

REWORDED_OVERLAP = 0.7
"""Jaccard share of content keys below which words inside quotation marks no longer say the same.

The examples' rewording keeps every key (1.0); one unknown word swapped into a quote of four
content words (3 of 5 keys, 0.6) already changes much of what it says."""

DIFF_CONTEXT = 2
"""Unchanged words kept at each side of a change: enough to find it in the text, still compact."""

CONTRACTIONS = {
    "can't": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
SUFFIX_EXPANSIONS = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'d": "would", "'m": "am"}

NEGATORS = frozenset(["not", "no", "never", "nothing", "none", "neither", "nor", "nobody", "without"])
"""Words whose presence flips a statement ("is not ready" against "is ready")."""

STOPWORDS = frozenset(
    """a an the and or but so yet to of in on at by for with from into onto over under about as than
    then that this these those there here it its it's he she they we i you me him her them us our your
    their his my mine is are was were be been being am do does did have has had will would shall should
    can could may might must also just very still even now which who whom whose what when where while
    how why if because though although all any each both some such more most other another own same
    remain remains remained continue go going get got make made keep""".split()
)
"""Function words and light verbs, left out of the meaning keys; negators are tracked apart.

"keep" and "go" are light here ("keep talking", "go on honouring") because the verb they carry
is the content; "yet" is mostly a connective or a softener in quotes ("not ready yet")."""

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("ready", "prepared", "willing"),
    ("new", "fresh"),
    ("treaty", "agreement", "accord", "pact", "deal", "obligation", "commitment"),
    ("honour", "honor", "respect", "uphold", "observe", "abide"),
    ("talk", "negotiate", "discuss", "speak"),
    ("big", "large", "huge", "major"),
    ("small", "little", "minor"),
    ("begin", "start", "commence"),
    ("end", "finish", "conclude"),
    ("help", "aid", "assist"),
    ("people", "person", "resident", "citizen"),
    ("charge", "levy", "tax"),
    ("difficult", "hard", "tough"),
)
"""Near-synonyms that news outlets swap inside quotation marks, each mapped to its first word.

Hand-made for political and disaster reporting from the rewordings seen in the examples and
common wire style; a word in two groups keeps the first. Extend it when a rewording is missed."""

ANTONYM_PAIRS: tuple[tuple[str, str], ...] = (
    ("ready", "unready"),
    ("accept", "reject"),
    ("agree", "disagree"),
    ("support", "oppose"),
    ("increase", "decrease"),
    ("rise", "fall"),
    ("raise", "cut"),
    ("more", "less"),
    ("more", "fewer"),
    ("win", "lose"),
    ("before", "after"),
    ("always", "sometimes"),
    ("success", "failure"),
    ("legal", "illegal"),
    ("possible", "impossible"),
    ("able", "unable"),
    ("open", "close"),
    ("reopen", "close"),
    ("safe", "dangerous"),
    ("strong", "weak"),
    ("good", "bad"),
    ("allow", "forbid"),
    ("guilty", "innocent"),
)
"""Opposites: one swapped for the other inside quotation marks changes what was said."""

QUALIFIERS = frozenset(
    """only just if unless except until provided partly partially almost nearly roughly
    approximately some may might could perhaps possibly probably likely unlikely most many few
    several conditionally temporarily""".split()
)
"""Words that limit a claim; cutting one ("only if", "nearly", "may") overstates the speaker."""

SLICE_QUALIFIERS = frozenset(["if", "unless", "except", "until", "provided", "only", "once"])
"""A partial quote that stops right before one of these drops the condition of what was said."""

NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000"})
NUMBER_WORDS.update({"million": "1000000", "half": "0.5", "dozen": "12"})


def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            table.setdefault(_stem(word), group[0])
    return table


def surface_words(text: str) -> list[str]:
    """The words as written, apostrophes straightened; punctuation and quotation marks left out."""
    # The pattern takes "'" wherever it takes "’" (neither is a word character), so straightening
    # the text first finds the same words, straightened, in one C call instead of one per match.
    return WORD_RE.findall(text.replace("’", "'"))


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


WORD_CACHE = 65_536
"""Words whose meaning words and keys are kept: a story's quotations repeat their words."""


def meaning_words(text: str) -> list[str]:
    """Lower-case words with contractions expanded and possessives cut, in order."""
    return [word for raw in surface_words(text) for word in _meaning_of(raw)]


@lru_cache(maxsize=WORD_CACHE)
def _meaning_of(raw: str) -> tuple[str, ...]:
    """The meaning words of one surface word (cached: each word was weighed against every
    contraction suffix, again for every quotation it stands in)."""
    word = _fold(raw)
    if word in CONTRACTIONS:
        return tuple(CONTRACTIONS[word])
    for suffix, expansion in SUFFIX_EXPANSIONS.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)], expansion)
    return (word[:-2] if word.endswith("'s") else word,)


def _stem(word: str) -> str:
    """A light suffix stripper, one rule per word, so "honoured", "honouring" and "honour" meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    elif word.endswith("ing") and len(word) >= 6:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) >= 5:
        word = _undouble(word[:-2])
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _undouble(stem: str) -> str:
    """ "runn" is "run" again; "call" and "miss" keep their double letters."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    return stem


@lru_cache(maxsize=WORD_CACHE)
def word_key(word: str) -> str:
    """The meaning key of one lower-case word: a number's digits, its synonym group's head, or its
    stem (cached: a story's quotations ask for the same words' keys again and again)."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    stem = _stem(word)
    return SYNONYMS.get(stem, stem)


SYNONYMS = _synonym_table()
ANTONYMS = frozenset((word_key(a), word_key(b)) for a, b in ANTONYM_PAIRS) | frozenset(
    (word_key(b), word_key(a)) for a, b in ANTONYM_PAIRS
)


def content_keys(words: Sequence[str]) -> frozenset[str]:
    """Meaning keys of the words that carry content: no function words, no negators."""
    return frozenset(word_key(w) for w in words if w not in STOPWORDS and w not in NEGATORS)


def negation_count(words: Sequence[str]) -> int:
    """How many negators the (meaning) words hold; a different count means one was added or cut."""
    return sum(w in NEGATORS for w in words)


def numbers_of(words: Sequence[str]) -> tuple[str, ...]:
    """The numbers stated, as sorted digit strings ("three" and "3" are the same number)."""
    found = []
    for word in words:
        plain = word.replace(",", "")
        if plain.replace(".", "", 1).isdigit():
            found.append(plain)
        elif word in NUMBER_WORDS:
            found.append(NUMBER_WORDS[word])
    return tuple(sorted(found))


def _changes(canonical: Sequence[str], other: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """(removed, added) word runs of ``other`` against ``canonical``, compared in lower case."""
    matcher = SequenceMatcher(None, [_fold(w) for w in canonical], [_fold(w) for w in other], autojunk=False)
    return [
        (list(canonical[i1:i2]), list(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def antonym_swapped(canonical: Sequence[str], other: Sequence[str]) -> bool:
    """True when a changed run puts a word's opposite in its place ("accept" for "reject")."""
    for removed, added in _changes(canonical, other):
        gone = {word_key(w) for w in removed}
        new = {word_key(w) for w in added}
        if any((a, b) in ANTONYMS for a in gone for b in new):
            return True
    return False


def qualifiers_cut(canonical: Sequence[str], other: Sequence[str]) -> bool:
    """True when a limiting word of the canonical text is gone and nothing like it replaced it."""
    kept = {word_key(w) for w in other}
    for removed, _ in _changes(canonical, other):
        if any(w in QUALIFIERS and word_key(w) not in kept for w in removed):
            return True
    return False


def is_slice(part: Sequence[str], whole: Sequence[str]) -> int | None:
    """Where ``part`` occurs as a contiguous run of ``whole`` (compared in lower case), else None."""
    size = len(part)
    if size == 0 or size > len(whole):
        return None
    folded_part = [_fold(w) for w in part]
    folded = [_fold(w) for w in whole]
    for start in range(len(folded) - size + 1):
        if folded[start : start + size] == folded_part:
            return start
    return None


def meaning_changed(old: Sequence[str], new: Sequence[str]) -> bool:
    """True when ``new`` (meaning words) says something else than ``old``, not the same reworded.

    A negation added or dropped, a number changed, an antonym swapped in, a qualifier cut, or
    fewer than ``REWORDED_OVERLAP`` of the content keys shared.
    """
    if negation_count(old) != negation_count(new) or numbers_of(old) != numbers_of(new):
        return True
    if antonym_swapped(old, new) or qualifiers_cut(old, new):
        return True
    old_keys, new_keys = content_keys(old), content_keys(new)
    union = old_keys | new_keys
    return bool(union) and len(old_keys & new_keys) / len(union) < REWORDED_OVERLAP


def slice_cut(whole: Sequence[str], start: int, size: int) -> str | None:
    """What a partial quote ``whole[start : start + size]`` (surface words) cuts that matters.

    "condition" when the next word opens one ("... only if they pay"), "negation" when the word
    before negates it ("not | ready to sign"), else None.
    """
    after = whole[start + size : start + size + 1]
    if after and _fold(after[0]) in SLICE_QUALIFIERS:
        return "condition"
    before = meaning_words(whole[start - 1]) if start > 0 else []
    return "negation" if before and before[-1] in NEGATORS else None


def _equal_run(words: Sequence[str], first: bool, last: bool) -> list[str]:
    """An unchanged run, shortened to ``DIFF_CONTEXT`` words beside each change it touches.

    A run is cut only where that leaves out two words or more: "..." for one word saves nothing.
    """
    after_change = 0 if first else DIFF_CONTEXT  # words kept right after the change before the run
    before_change = 0 if last else DIFF_CONTEXT  # words kept right before the change after it
    if (first and last) or len(words) <= after_change + before_change + 1:
        return list(words)
    return [*words[:after_change], "...", *words[len(words) - before_change :]]


def word_diff(canonical: str, occurrence: str) -> str:
    """A compact word diff of ``occurrence`` against ``canonical`` (format in the module doc)."""
    old, new = surface_words(canonical), surface_words(occurrence)
    matcher = SequenceMatcher(None, [_fold(w) for w in old], [_fold(w) for w in new], autojunk=False)
    codes = matcher.get_opcodes()
    if all(tag == "equal" for tag, *_ in codes):
        return ""
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            parts += _equal_run(old[i1:i2], index == 0, index == len(codes) - 1)
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(old[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{' '.join(new[j1:j2])}+}}")
    return " ".join(parts)
