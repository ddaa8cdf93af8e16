"""storyline: make sense of many reports of the same news story.

The pipeline is ingest → group → read → compare → brief; see ``storyline.api`` for the
Python API (``storyline.open(db)``) and ``storyline.cli`` for the command line.
"""

from storyline.api import Storyline
from storyline.api import open_storyline as open  # noqa: A004 - the documented entry point

__all__ = ["Storyline", "open"]
__version__ = "0.1.0"
