"""Alternations of many regexes that try, at each position, only the branches its letter allows.

Python's regex engine tries an alternation's branches one after another wherever a match may
start: with the 36 hedge patterns (:data:`storyline.read.lexicon.HEDGES`) behind a word-start
test, every word of an article went through up to 36 failed branches. :func:`dispatched`
regroups the branches by the letters they can begin with and puts a binary tree of lookaheads
in front (``(?=[abcehilm])`` ...), so a word meets about five one-character tests and the few
branches that begin with its first letter. Matches are the same, in the same order: at any
position the branches that could match are still tried in their original order; where the
first letters of a branch cannot be told, the plain alternation is kept. ``find_hedges`` on the
first 300 BASIL articles: 1.1 -> 0.4 ms of CPU per article (the same regrouping of the loaded
terms' trie gained nothing: its first level already branches by letter).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from typing import Any

_parser: Any = importlib.import_module("re._parser")
_const: Any = importlib.import_module("re._constants")
"""The standard library's regex parser (no type stubs): read once per pattern, to find first letters."""


class _UnknownError(Exception):
    """A construct whose first characters this module does not work out (a class, ``.``)."""


def first_letters(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-cased letters a match of ``pattern`` can begin with; None when not sure or not only letters."""
    try:
        letters, may_be_empty = _firsts(_parser.parse(pattern, flags))
    except _UnknownError:
        return None
    keys = frozenset(letter.lower() for letter in letters)
    if may_be_empty or not all("a" <= key <= "z" for key in keys):
        return None
    return keys


def _firsts(sequence: Any) -> tuple[set[str], bool]:
    """(characters the sequence can begin with, whether it can match the empty string)."""
    found: set[str] = set()
    for op, argument in sequence:
        if op is _const.LITERAL:
            found.add(chr(argument))
            return found, False
        if op in (_const.ASSERT, _const.ASSERT_NOT, _const.AT):
            continue  # zero-width: it only narrows what follows
        if op is _const.SUBPATTERN:
            letters, empty = _firsts(argument[3])
        elif op is _const.BRANCH:
            results = [_firsts(branch) for branch in argument[1]]
            letters = set().union(*(letters for letters, _ in results))
            empty = any(empty for _, empty in results)
        elif op in (_const.MAX_REPEAT, _const.MIN_REPEAT):
            letters, empty = _firsts(argument[2])
            empty = empty or argument[0] == 0
        else:
            raise _UnknownError(op)
        found |= letters
        if not empty:
            return found, False
    return found, True


def dispatched(branches: Sequence[str], flags: int = 0) -> tuple[str, list[int]]:
    """A regex source matching like ``(?:b0|b1|...)``, and which branch each named group is.

    Each branch is wrapped in a named group; ``names[int(match.lastgroup[1:])]`` is the index
    in ``branches`` of the branch that matched (a branch starting with several letters is
    repeated under each). The source is to be compiled with ``flags``; without
    ``re.IGNORECASE`` there it is the plain alternation (the lookaheads rely on the flag to
    take both cases and every other character a letter folds to, as "ſ" to "s").
    """
    letters = [first_letters(branch, flags) for branch in branches]
    if not flags & re.IGNORECASE or any(keys is None for keys in letters):
        plain = "|".join(f"(?P<g{index}>{branch})" for index, branch in enumerate(branches))
        return f"(?:{plain})", list(range(len(branches)))
    names: list[int] = []
    by_letter: dict[str, list[str]] = {}
    for index, (branch, keys) in enumerate(zip(branches, letters, strict=True)):
        for key in sorted(keys or ()):
            by_letter.setdefault(key, []).append(f"(?P<g{len(names)}>{branch})")
            names.append(index)
    alternatives = {key: "(?:" + "|".join(groups) + ")" for key, groups in by_letter.items()}
    return _tree("".join(sorted(alternatives)), alternatives), names


def _tree(keys: str, alternatives: dict[str, str]) -> str:
    """The letters' branches behind a lookahead for the letters, split in halves down to one letter.

    Every node tests its own letters, the second half included: a word whose letter passed
    the first half's test but matched none of its branches falls through to the second half,
    which must then fail at once (without that test, "and" went through every later branch
    and the whole was no faster than the plain alternation).
    """
    if len(keys) == 1:
        return f"(?=[{keys}]){alternatives[keys]}"
    left, right = keys[: len(keys) // 2], keys[len(keys) // 2 :]
    return f"(?=[{keys}])(?:{_tree(left, alternatives)}|{_tree(right, alternatives)})"
