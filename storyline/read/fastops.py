"""Inference-only CPU ops for the spaCy networks: same results, less time (see the class)."""

from typing import cast

import numpy
from thinc.api import NumpyOps
from thinc.types import Floats2d, Floats3d, Ints2d


class InferenceOps(NumpyOps):  # type: ignore[misc]  # NumpyOps comes from a .pyx without stub
    """thinc's CPU ops for running a pipeline, never for training it.

    Why: tok2vec and ner (whose model has its own tok2vec) were 9 of the 14 CPU seconds
    that parsing 300 BASIL articles cost, and two calls were most of it:

    * ``gemm``: NumpyOps multiplies with blis 0.7.11, 104 GFLOP/s on this CPU; numpy's
      OpenBLAS (one thread, as ``storyline`` sets it) does 165-184 GFLOP/s on the same shapes;
      ``use_blis=False`` makes NumpyOps use it (the figure in ``../shared/models.md`` for
      spaCy 3.8 holds for 3.7.5 too);
    * ``maxout``: thinc's C loop also writes the argmax that only training needs, 16-22 ms
      per 20,000x96x3 block; two ``numpy.maximum`` passes take 2.1 ms.

    gemm alone: tok2vec 4.8 -> 4.0 s, ner 4.4 -> 3.8 s; with maxout: 3.3 s and 3.0 s. Every tag,
    parse, entity, lemma and morph stayed identical on 300 BASIL articles (the maxima are the
    same floats; products may differ in the last bit). The argmax is not computed, so
    :meth:`backprop_maxout` refuses: these ops serve a loaded pipeline, not training.
    """

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def maxout(self, X: Floats3d) -> tuple[Floats2d, Ints2d]:  # noqa: N803 - thinc's signature
        """The maximum over the last axis; the "which" array is a zero placeholder."""
        pieces = numpy.asarray(X)
        if pieces.shape[2] == 1:
            best = pieces[:, :, 0].copy()
        else:
            best = numpy.maximum(pieces[:, :, 0], pieces[:, :, 1])
        for piece in range(2, pieces.shape[2]):
            numpy.maximum(best, pieces[:, :, piece], out=best)
        which = numpy.broadcast_to(numpy.zeros((), dtype=numpy.int32), best.shape)
        return cast(Floats2d, best), cast(Ints2d, which)

    def backprop_maxout(self, dY: Floats2d, which: Ints2d, P: int) -> Floats3d:  # noqa: N803
        """Not available: these ops serve inference only."""
        raise NotImplementedError("InferenceOps is for inference: load the model without it to train")
