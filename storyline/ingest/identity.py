"""Article identity and near-duplicate detection.

An article's id is a hash of its normalised clean text and where it was published (URL, or
outlet when there is no URL), so ingesting the same article again is a no-op while the same
text under another URL is a distinct record that we mark as a copy.

Near-duplicates (a syndicated copy with another headline, a trailing paragraph added, a page
scraped twice) are found with MinHash over word 5-shingles and banded LSH for candidates,
then confirmed with the exact shingle overlap of the two texts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from storyline.model import Document, DocumentKeys

SHINGLE_WORDS = 5
NUM_PERMUTATIONS = 128
BANDS = 32
"""32 bands of 4 rows: pairs with Jaccard ≈ 0.42 are candidates half the time, ≥ 0.7 almost always."""
ROWS_PER_BAND = NUM_PERMUTATIONS // BANDS
COPY_JACCARD = 0.7
"""Confirmed copy: shingle Jaccard at least this (a changed headline keeps it near 1)."""
COPY_CONTAINMENT = 0.85
"""...or this share of the shorter text's shingles inside the longer (a paragraph added or cut)."""
MIN_SHINGLES = 10
"""Texts shorter than this many shingles are only ever exact copies."""

_MERSENNE = (1 << 31) - 1
_RNG = np.random.RandomState(20311)
_A = _RNG.randint(1, _MERSENNE, size=NUM_PERMUTATIONS).astype(np.uint64)
_B = _RNG.randint(0, _MERSENNE, size=NUM_PERMUTATIONS).astype(np.uint64)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, plain quotes and dashes, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    # what re.sub(r"\s+", " ", text).strip() gives (``\s`` and str.split() know the same 29
    # whitespace characters), at a quarter of its cost: a near-copy check normalises every
    # candidate's text, most of the placing client's time at 100k articles
    return " ".join(text.split())


def document_keys(document: Document) -> DocumentKeys:
    """The document's article id, text key, band keys and shingle hashes, its text normalised once.

    Pure, so an engine's workers work them out while the client places the documents (they
    were half of the client's time in a 3,000-article ingest).
    """
    normal = normalise(document.text)
    hashes = _hashes(_gram_set(normal))
    return DocumentKeys(_id_of(document, normal), _key_of(normal), tuple(_bands_of(hashes)), packed(hashes))


def article_id(document: Document) -> str:
    """A stable 16-hex-digit id from the normalised text and the URL (or outlet)."""
    return _id_of(document, normalise(document.text))


def _id_of(document: Document, normal: str) -> str:
    place = document.url or document.outlet or ""
    return hashlib.sha256(f"{place}\n{normal}".encode()).hexdigest()[:16]


def text_key(text: str) -> str:
    """A hash of the normalised text alone: equal for exact copies under any URL."""
    return _key_of(normalise(text))


def _key_of(normal: str) -> str:
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


@lru_cache(maxsize=256)
def _grams(text: str) -> frozenset[str]:
    """The word 5-grams themselves, for exact overlap: a new document is compared with up to
    two dozen candidates, and an original with every rewrite of it, so each text's set is
    built once (hashing every gram of both texts per pair was 3/4 of ingest time at 10k)."""
    return _gram_set(normalise(text))


def _gram_set(normal: str) -> frozenset[str]:
    words = re.findall(r"\w+", normal)
    if len(words) < SHINGLE_WORDS:
        words = words + [""] * (SHINGLE_WORDS - len(words))
    return frozenset(" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))


def shingles(text: str) -> set[int]:
    """Hashes (32-bit) of the word 5-grams of the normalised text."""
    return _hashes(_grams(text))


def _hashes(grams: frozenset[str]) -> set[int]:
    digests = (hashlib.blake2b(g.encode(), digest_size=4).digest() for g in grams)
    return {int.from_bytes(d, "little") for d in digests}


def minhash(shingle_set: Iterable[int]) -> npt.NDArray[np.uint64]:
    """The MinHash signature: the minimum of each universal hash over the shingles."""
    values = np.fromiter(shingle_set, dtype=np.uint64)
    if values.size == 0:
        return np.full(NUM_PERMUTATIONS, _MERSENNE, dtype=np.uint64)
    hashed = (np.outer(_A, values) + _B[:, None]) % _MERSENNE
    return np.asarray(hashed.min(axis=1), dtype=np.uint64)


def band_keys(text: str) -> list[str]:
    """LSH band keys of a text: two texts sharing any key are near-duplicate candidates."""
    return _bands_of(shingles(text))


def _bands_of(shingle_set: set[int]) -> list[str]:
    if len(shingle_set) < MIN_SHINGLES:
        return []
    signature = minhash(shingle_set)
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]
        keys.append(f"{band}:{hashlib.blake2b(rows.tobytes(), digest_size=8).hexdigest()}")
    return keys


def is_near_copy(text_a: str, text_b: str) -> bool:
    """Confirm a candidate pair with the exact shingle overlap."""
    a, b = _grams(text_a), _grams(text_b)
    if min(len(a), len(b)) < MIN_SHINGLES:
        return normalise(text_a) == normalise(text_b)
    return _overlapping(len(a & b), len(a), len(b))


def _overlapping(shared: int, size_a: int, size_b: int) -> bool:
    jaccard = shared / (size_a + size_b - shared)
    containment = shared / min(size_a, size_b)
    return jaccard >= COPY_JACCARD or containment >= COPY_CONTAINMENT


def packed(shingle_set: set[int]) -> bytes:
    """Shingle hashes as the store keeps them: sorted little-endian 32-bit words."""
    return np.sort(np.fromiter(shingle_set, dtype=np.uint32, count=len(shingle_set))).astype("<u4").tobytes()


def is_near_copy_packed(a: bytes, b: bytes) -> bool | None:
    """:func:`is_near_copy` on two texts' :func:`packed` shingle hashes; ``None`` when either is
    too short to tell (or was not stored), so the texts themselves decide.

    Why: at 100k articles retelling 1,282 stories, fetching and shingling each candidate's text
    again was two thirds of the placing client's time; the stored hashes give the same verdict
    (a 32-bit collision among a pair's ~1,000 shingles is a one-in-10,000 event, and moves the
    overlap by one shingle) at a sorted-array intersection's cost.
    """
    hashes_a, hashes_b = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    if min(hashes_a.size, hashes_b.size) < MIN_SHINGLES:
        return None
    return _overlapping(_shared(hashes_a, hashes_b), hashes_a.size, hashes_b.size)


def _shared(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> int:
    """How many values two sorted arrays of unique values share: each of ``a`` looked up in ``b``
    by bisection (half the time of ``np.intersect1d``, which sorts both again)."""
    at = np.searchsorted(b, a)
    at[at == b.size] = 0
    return int(np.count_nonzero(b[at] == a))
