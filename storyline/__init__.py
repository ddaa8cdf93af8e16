"""storyline: make sense of many reports of the same news story.

The pipeline is ingest → group → read → compare → brief; see ``storyline.api`` for the
Python API (``storyline.open(db)``) and ``storyline.cli`` for the command line.
"""

import os

# storyline runs its parallel work in processes. BLAS threads inside each process only contend
# with them: on 2 cores two readers made 15 articles/s with threaded BLAS and 25 with one thread,
# and one reader is as fast with one thread as with two. A user's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

from storyline.api import Storyline  # noqa: E402 - after the thread settings, before numpy loads
from storyline.api import open_storyline as open  # noqa: A004, E402 - the documented entry point

__all__ = ["Storyline", "open"]
__version__ = "0.1.0"
