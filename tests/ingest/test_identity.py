"""Article ids, exact and near-duplicate copies."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from storyline.ingest.identity import (
    _QUOTES,
    article_id,
    band_keys,
    document_keys,
    is_near_copy,
    is_near_copy_packed,
    normalise,
    packed,
    shingles,
    text_key,
)
from storyline.model import Document, DocumentKeys

PARAGRAPHS = [
    "The water commission of Veloria met on Thursday in the capital to discuss the spring floods "
    "that damaged two bridges and several farms along the Osk river valley.",
    "Officials said repairs would start within a month and that the budget had already been approved "
    "by the regional assembly after a short debate on Wednesday evening.",
    "Farmers in the valley welcomed the news but asked for faster compensation, saying that the "
    "planting season could not wait for the slow machinery of the ministry.",
]
TEXT = "\n\n".join(PARAGRAPHS)


def test_id_is_stable_and_depends_on_text_and_url() -> None:
    a = Document(text=TEXT, origin="a.txt", url="https://one.example/a")
    assert article_id(a) == article_id(
        Document(text=TEXT + "  ", origin="other.txt", url="https://one.example/a")
    )
    assert article_id(a) != article_id(Document(text=TEXT, origin="a.txt", url="https://two.example/a"))
    assert len(article_id(a)) == 16


def test_normalise_unifies_quotes_dashes_case_and_space() -> None:
    assert normalise("\u201cHello\u201d \u2013  World\u2019s") == '"hello" - world\'s'


def test_copy_with_extra_paragraph_is_near_copy_and_shares_a_band() -> None:
    syndicated = (
        TEXT + "\n\nThis article first appeared in the Osk Valley Gazette and is republished with permission."
    )
    assert is_near_copy(TEXT, syndicated)
    assert set(band_keys(TEXT)) & set(band_keys(syndicated))


def test_different_articles_are_not_copies() -> None:
    other = (
        "The national football team of Kestrania lost its qualifying match on Sunday by three goals, "
        "and the coach said after the game that the squad needed more time to recover from injuries."
    )
    assert not is_near_copy(TEXT, other)
    assert not set(band_keys(TEXT)) & set(band_keys(other))


def test_short_texts_are_only_exact_copies() -> None:
    assert is_near_copy("Short note.", "short   NOTE.")
    assert not is_near_copy("Short note.", "Short note here.")


@given(st.text(min_size=1, max_size=300))
def test_a_text_is_a_near_copy_of_itself(text: str) -> None:
    assert is_near_copy(text, text)


@given(st.text(min_size=0, max_size=400), st.sampled_from([None, "https://example.test/a"]))
def test_document_keys_are_the_keys_worked_out_one_by_one(text: str, url: str | None) -> None:
    document = Document(text=text, origin="t", url=url, outlet="The Daily Fiction")
    keys = document_keys(document)
    assert keys == DocumentKeys(
        article_id(document), text_key(text), tuple(band_keys(text)), packed(shingles(text))
    )


def test_document_keys_of_a_long_text_have_every_band() -> None:
    text = " ".join(f"word{i} in sentence {i // 7} of a fictional report" for i in range(60))
    keys = document_keys(Document(text=text, origin="t"))
    assert len(keys.bands) == 32 and len(keys.article_id) == 16 and len(keys.text_key) == 32
    assert keys.bands == tuple(band_keys(text))


@given(
    st.text(
        alphabet=st.sampled_from(["a", "B", " ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "“", "—"])
        | st.characters()
    )
)
def test_normalise_folds_whitespace_as_the_regex_did(text: str) -> None:
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    assert normalise(text) == re.sub(r"\s+", " ", folded).strip()


WORDS = st.lists(st.sampled_from("river bridge flood farm vote the a of council said".split()), max_size=80)


@given(WORDS, WORDS, st.integers(0, 80))
def test_packed_hashes_give_the_texts_verdict(words: list[str], insert: list[str], at: int) -> None:
    """Rewrites that splice words into a text: the hashes agree with the texts, or defer to them."""
    a = " ".join(words)
    b = " ".join(words[:at] + insert + words[at:])
    verdict = is_near_copy_packed(packed(shingles(a)), packed(shingles(b)))
    assert verdict is None or verdict == is_near_copy(a, b)
    assert (verdict is None) == (min(len(shingles(a)), len(shingles(b))) < 10)


def test_packed_hashes_are_sorted_words_and_defer_when_absent() -> None:
    hashes = packed(shingles(TEXT))
    assert len(hashes) == 4 * len(shingles(TEXT))
    assert sorted(shingles(TEXT)) == [
        int.from_bytes(hashes[i : i + 4], "little") for i in range(0, len(hashes), 4)
    ]
    assert is_near_copy_packed(hashes, hashes) is True
    assert is_near_copy_packed(hashes, b"") is None
    assert is_near_copy_packed(packed(shingles("Short note.")), hashes) is None
