"""The word helpers made faster give exactly what their earlier forms gave: content-word runs
stem each word once, meaning words and keys are cached per word."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.compare import claim_words, worddiff
from storyline.compare.claim_words import content_trigrams, content_words, numbers_in, stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?")

TEXTS = [
    "",
    "He said.",
    "Prime Minister Aldo Voren agreed to set up a joint water commission on Tuesday.",
    "The commissions agreed, reportedly, that 4,000 riders and 3.5 million dollars won't suffice.",
    "President Maren Dovic met Chancellor Ilse Varn in Port Aldine",
    "can't won't shan't ain't they're we'll I've she'd I'm Voren's Voren’s",
]


def _trigrams_as_written(text: str) -> frozenset[tuple[str, str, str]]:
    tokens = [w for w in _WORD.findall(text) if w.lower() not in claim_words._STOPWORDS]
    grams = set()
    for i in range(len(tokens) - 2):
        window = tokens[i : i + 3]
        if sum(1 for w in window if not w[:1].isupper()) >= 2:
            grams.add((stem(window[0]), stem(window[1]), stem(window[2])))
    return frozenset(grams)


def _meaning_words_as_written(text: str) -> list[str]:
    out: list[str] = []
    for raw in worddiff.surface_words(text):
        word = raw.lower().replace("’", "'")
        if word in worddiff.CONTRACTIONS:
            out.extend(worddiff.CONTRACTIONS[word])
            continue
        for suffix, expansion in worddiff.SUFFIX_EXPANSIONS.items():
            if word.endswith(suffix) and len(word) > len(suffix):
                out.extend((word[: -len(suffix)], expansion))
                break
        else:
            out.append(word[:-2] if word.endswith("'s") else word)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_examples(text: str) -> None:
    assert content_trigrams(text) == _trigrams_as_written(text)
    assert content_words(text) == frozenset(
        stem(w) for w in _WORD.findall(text) if w.lower() not in claim_words._STOPWORDS
    )
    assert worddiff.meaning_words(text) == _meaning_words_as_written(text)


def test_exact_outputs() -> None:
    text = "Voren agreed to set up a joint water commission"
    assert content_words(text) == frozenset({"voren", "agre", "set", "up", "joint", "water", "commission"})
    assert content_trigrams(text) == frozenset(
        {
            ("voren", "agre", "set"),
            ("agre", "set", "up"),
            ("set", "up", "joint"),
            ("up", "joint", "water"),
            ("joint", "water", "commission"),
        }
    )
    assert content_trigrams("Maren Dovic Voren met") == frozenset()
    assert numbers_in("4,000 riders, 3.5 million and 12") == frozenset({"4", "000", "3.5", "12"})
    assert worddiff.meaning_words("They won't say Voren’s plan isn't") == [
        "they",
        "will",
        "not",
        "say",
        "voren",
        "plan",
        "is",
        "not",
    ]
    assert worddiff.surface_words("Voren’s 6.4 quake isn't_over") == [
        "Voren's",
        "6.4",
        "quake",
        "isn't",
        "over",
    ]
    assert worddiff.word_key("three") == "3"
    assert worddiff.word_key("honouring") == worddiff.word_key("honoured")


@given(st.text(alphabet=st.sampled_from("ab Cd’'-.,0123 \n_é")) | st.text())
def test_surface_words_straighten_what_they_find(text: str) -> None:
    found = [m.group().replace("’", "'") for m in worddiff.WORD_RE.finditer(text)]
    assert worddiff.surface_words(text) == found


@given(st.text(alphabet=st.sampled_from("ab Cd’'-.,0123 \n")) | st.text())
def test_generated(text: str) -> None:
    assert content_trigrams(text) == _trigrams_as_written(text)
    assert worddiff.meaning_words(text) == _meaning_words_as_written(text)
