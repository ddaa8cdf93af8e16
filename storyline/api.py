"""The Python API: what the CLI, the web server and a notebook all call.

    >>> import storyline
    >>> with storyline.open("news.db") as sl:
    ...     result = sl.ingest(["examples/"])
    ...     titles = [article.title for article in sl.articles()]

Methods return records and print nothing; presenting them is the caller's job.
"""

from __future__ import annotations

from types import TracebackType

from storyline.ingest import IngestOptions, Progress, ingest
from storyline.model import Article, IngestResult
from storyline.store import Store, open_store

DEFAULT_DB = "storyline.db"


class Storyline:
    """A storyline store opened for work."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def ingest(
        self,
        inputs: list[str],
        options: IngestOptions | None = None,
        progress: Progress | None = None,
    ) -> IngestResult:
        """Ingest files, directories, globs, URLs, feeds and archives; see :func:`ingest`."""
        return ingest(inputs, self._store, options, progress)

    def articles(self) -> list[Article]:
        """Every stored article, in arrival order."""
        return list(self._store.iter_articles())

    def article(self, article_id: str) -> Article | None:
        """One stored article, or ``None``."""
        return self._store.get_article(article_id)

    def close(self) -> None:
        """Close the store."""
        self._store.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def open_storyline(db: str = DEFAULT_DB) -> Storyline:
    """Open (creating if needed) the store at ``db``: a SQLite path or a database URL."""
    return Storyline(open_store(db))
