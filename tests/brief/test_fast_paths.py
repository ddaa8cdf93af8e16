"""The faster helpers give exactly what the slower forms they replace gave.

``squash`` splits instead of substituting a regex, ``dumps_indented`` writes indented JSON without
the standard library's pure-Python encoder, and ``own_voice_loaded`` looks for proper names with
``str.find`` and only when a loaded term stands outside the quotations; each is checked here
against the form it replaced, on hand-picked and on generated inputs.
"""

from __future__ import annotations

import json
import math
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.brief.jsontext import dumps_indented
from storyline.brief.text import excerpt, own_voice_loaded, plain, quoted_strings, squash
from storyline.model import LoadedTerm
from storyline.read.lexicon import find_loaded_terms

WHITESPACE = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
"""Every character Python counts as whitespace: ASCII controls, NBSP, the Unicode spaces, …"""


def _regex_squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _stdlib_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _regex_own_voice_loaded(sentence: str, names: list[str]) -> list[LoadedTerm]:
    """``own_voice_loaded`` as it was: every name's regex matches masked before the lexicon runs."""
    masked = [(start, end) for start, end, _ in quoted_strings(sentence)]
    for name in {plain(name) for name in names if name and name.strip()}:
        masked.extend(m.span() for m in re.finditer(re.escape(name), sentence))
    return [term for term in find_loaded_terms(sentence, "briefing", masked) if term.voice == "outlet"]


def test_regex_whitespace_is_str_whitespace() -> None:
    regex = "".join(chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(code)))
    assert regex == WHITESPACE
    assert len(WHITESPACE) == 29


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        (" \t\n", ""),
        ("  a  b ", "a b"),
        ("a\u00a0\u2028b\u3000", "a b"),
        ("one\x1ctwo\x85three", "one two three"),
        ("\u200bzero-width\u200b", "\u200bzero-width\u200b"),
    ],
)
def test_squash(text: str, expected: str) -> None:
    assert squash(text) == expected == _regex_squash(text)


@given(st.text(alphabet=st.sampled_from(WHITESPACE) | st.characters(), max_size=60))
def test_squash_matches_the_regex(text: str) -> None:
    assert squash(text) == _regex_squash(text)


def test_cached_helpers_still_answer_by_their_arguments() -> None:
    assert excerpt("  “one two three four”  ", 10) == "one two …"
    assert excerpt("  “one two three four”  ") == "one two three four"
    assert plain("A  “B”") == "A ‘B’"


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": []},
        {"a": {}, "b": [{}], "c": [[]]},
        {"span": [3, 10], "text": 'Zürich “quoted” \u2028 \x00 \\ "', "n": None, "t": True, "f": False},
        ["x", 1, -2.5, 1e100, 0.1, 10**30, True, None, ("tuple", 2)],
        "top-level string",
        42,
        None,
        [math.nan, math.inf, -math.inf],
    ],
)
def test_dumps_indented_examples(value: object) -> None:
    assert dumps_indented(value) == _stdlib_json(value)


def test_dumps_indented_leaves_what_it_does_not_know_to_json() -> None:
    assert dumps_indented({1: "a", None: [2.5]}) == '{\n  "1": "a",\n  "null": [\n    2.5\n  ]\n}'
    with pytest.raises(TypeError):
        dumps_indented({"when": object()})
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular"):
        dumps_indented(cycle)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_dumps_indented_matches_json_dumps(value: object) -> None:
    assert dumps_indented(value) == _stdlib_json(value)


@pytest.mark.parametrize(
    ("sentence", "names", "terms"),
    [
        ("A shocking rescue", [], ["shocking"]),
        ("The Reckless Review reported a shocking rescue", ["The Reckless Review"], ["shocking"]),
        ("The Reckless Review, the Reckless Review", ["The Reckless Review"], ["reckless"]),
        ("Reckless Reckless", ["Reckless", "Reckless Reckless", " ", ""], []),
        ("It was “reckless”, said The  “Reckless”", ["The  “Reckless”"], []),
    ],
)
def test_own_voice_loaded_examples(sentence: str, names: list[str], terms: list[str]) -> None:
    found = own_voice_loaded(sentence, names)
    assert [term.term for term in found] == terms
    assert found == _regex_own_voice_loaded(sentence, names)


WORDS = ["reckless", "Reckless", "shocking", "Review", "The", "“", "”", '"', "‘", " ", "  ", "\n", "a"]


@given(
    st.lists(st.sampled_from(WORDS), max_size=14).map("".join),
    st.lists(st.lists(st.sampled_from(WORDS), max_size=4).map("".join), max_size=4),
)
def test_own_voice_loaded_matches_the_regex_masks(sentence: str, names: list[str]) -> None:
    assert own_voice_loaded(sentence, names) == _regex_own_voice_loaded(sentence, names)
