"""Story grouping: a stream of articles in, one story per real-world event out.

    >>> grouper = StreamGrouper()
    >>> assignment = grouper.assign(article)      # joins a story or starts one
    >>> merges = grouper.consolidate()            # folds stories that turned out to be one
    >>> state = grouper.to_state()                # JSON-ready rows; StreamGrouper.from_state(state)
    >>> saved = saved_state(grouper)              # or in pieces, as the store keeps it; from_rows(...)

See :mod:`storyline.stories.grouper` for the stream, :mod:`~storyline.stories.scoring` for the
signals, :mod:`~storyline.stories.index` for candidate retrieval, :mod:`~storyline.language.embeddings`
for the offline embedding models and :mod:`~storyline.stories.state` for persistence.
"""

from storyline.language.embeddings import ModelMissingError
from storyline.stories.consolidation import Merge
from storyline.stories.grouper import GrouperConfig, StreamGrouper
from storyline.stories.scoring import SIGNALS
from storyline.stories.state import SavedState, from_rows, saved_state

__all__ = [
    "SIGNALS",
    "GrouperConfig",
    "Merge",
    "ModelMissingError",
    "SavedState",
    "StreamGrouper",
    "from_rows",
    "saved_state",
]
