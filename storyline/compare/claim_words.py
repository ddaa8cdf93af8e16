"""The words of a claim as facts compare them: content-word stems, numbers and content-word runs.

Kept apart from :mod:`storyline.compare.facts` (which aligns claims into facts) because
polarity and stances compare claims by the same words.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["content_trigrams", "content_words", "numbers_in", "stem"]

_STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as into about over after before under "
    "than then that this these those it its it's is are was were be been being has have had do does "
    "did will would can could should may might must shall not no nor so such there their they them "
    "he she his her him we our us you your i me my who whom whose which what when where while also "
    "said says say told according reported reportedly".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SUFFIXES = ("ing", "ed", "es", "s")
STEM_CACHE = 65_536
WORDS_CACHE = 4096
"""Texts whose content words are kept: a story's claims, a few hundred, each asked for twice."""


@lru_cache(maxsize=STEM_CACHE)
def stem(word: str) -> str:
    """A crude stem: lower case without a common suffix (cached: a story repeats its words)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=WORDS_CACHE)
def content_words(text: str) -> frozenset[str]:
    """The stems of a text's content words (cached: facts and polarity both ask for each claim's,
    7,257 distinct texts of 15,802 calls on 80 stories of the 3k scale corpus)."""
    return frozenset(stem(w) for w in _WORD.findall(text) if w.lower() not in _STOPWORDS)


def numbers_in(text: str) -> frozenset[str]:
    """The numerals of a text, as written (a fact's numbers must agree across its claims)."""
    return frozenset(_NUMBER.findall(text))


def content_trigrams(text: str) -> frozenset[tuple[str, str, str]]:
    """Runs of three consecutive content words with at least two that are not names.

    A run such as "joint water commission" or "set up joint" marks a statement across
    rewordings of the rest of the sentence; runs of names ("President Maren Dovic") mark only
    who is involved, and would join every claim about the same people.

    Each word is stemmed and weighed once, not once per run it stands in.
    """
    tokens = [w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS]
    if len(tokens) < 3:
        return frozenset()
    stems = [stem(w) for w in tokens]
    common = [not w[:1].isupper() for w in tokens]
    runs = zip(stems, stems[1:], stems[2:], common, common[1:], common[2:], strict=False)
    return frozenset([(first, second, third) for first, second, third, a, b, c in runs if a + b + c >= 2])
