"""Letter-dispatched alternations match exactly as the plain alternation does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.read.dispatch import dispatched, first_letters
from storyline.read.lexicon import _LEFT_EDGE, _RIGHT_EDGE, HEDGES, find_hedges


@pytest.mark.parametrize(
    ("pattern", "letters"),
    [
        ("may", {"m"}),
        ("(?-i:May)", {"m"}),
        (r"(?:(?:is|are|widely)\s+){0,2}expected\s+to", {"i", "a", "w", "e"}),
        (r"(?:(?:most|very)\s+)?likely", {"m", "v", "l"}),
        (r"rumou?red|it\s+is", {"r", "i"}),
        (r"(?<!\w)appear(?=\s)", {"a"}),
    ],
)
def test_first_letters(pattern: str, letters: set[str]) -> None:
    assert first_letters(pattern, re.IGNORECASE) == letters


@pytest.mark.parametrize("pattern", [r"[ab]c", r".x", r"\d+", r"(?:a)?", r"x*", "'s", r"\w+"])
def test_first_letters_unknown(pattern: str) -> None:
    """Classes, wildcards, patterns that may match nothing and non-letters are not told."""
    assert first_letters(pattern, re.IGNORECASE) is None


def _plain_hedges(text: str) -> list[tuple[int, int, str]]:
    """The hedges as one plain alternation of named groups: the reference."""
    alternatives = "|".join(f"(?P<h{i}>{pattern})" for i, (_, pattern) in enumerate(HEDGES))
    plain = re.compile(_LEFT_EDGE + "(?:" + alternatives + ")" + _RIGHT_EDGE, re.IGNORECASE)
    return [(m.start(), m.end(), HEDGES[int((m.lastgroup or "h0")[1:])][0]) for m in plain.finditer(text)]


_WORDS = [
    *(
        re.sub(r"[^a-z ]", "", pattern.split("(")[0].split("|")[0].replace(r"\s+", " "))
        for _, pattern in HEDGES
    ),
    *"may May might could couldn't appears appeared to the reporters unable is are was widely expected to "
    "believed thought it understood according some most likely voters unclear whether rumoured in all "
    "likelihood reportedly and a an as at of ſeem Kelvin-like well-likely un-likely - , . ; ) ( \n".split(
        " "
    ),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([" ", "  ", "-", "\n"]))
def test_hedges_match_the_plain_alternation(words: list[str], separator: str) -> None:
    text = separator.join(words)
    assert find_hedges(text) == _plain_hedges(text)


def test_every_hedge_is_found_as_before() -> None:
    text = (
        "It may have rained. She might have left; they could have won. It may. It might win. It could. "
        "It appears so, he appeared to waver, she appeared unable, it seems to matter, a study "
        "suggests, he is widely expected to win, is believed to be, was thought to be, it is "
        "understood, according to some, most likely, unclear whether, rumored, in all likelihood, "
        "reportedly, unlikely. The May meeting. He appeared to reporters. "
    ) + ", ".join(word for word, pattern in HEDGES if word == pattern)
    assert find_hedges(text) == _plain_hedges(text)
    assert {hedge for _, _, hedge in find_hedges(text)} == {hedge for hedge, _ in HEDGES}


def test_dispatched_falls_back_to_the_plain_alternation() -> None:
    """One branch whose letters cannot be told: no dispatch, every branch in order."""
    source, names = dispatched(["abc", r"\d+", "abd"], re.IGNORECASE)
    assert names == [0, 1, 2]
    assert "(?=" not in source
    assert [m.lastgroup for m in re.finditer(source, "abd 12 abc", re.IGNORECASE)] == ["g2", "g1", "g0"]


def test_dispatched_names_each_copy_of_a_branch() -> None:
    """A branch that can begin with two letters is repeated, each copy naming it."""
    source, names = dispatched([r"(?:is\s+)?expected", "also"], re.IGNORECASE)
    pattern = re.compile(source, re.IGNORECASE)
    found = [
        (m.group(), names[int((m.lastgroup or "g0")[1:])])
        for m in pattern.finditer("is expected also EXPECTED")
    ]
    assert found == [("is expected", 0), ("also", 1), ("EXPECTED", 0)]
