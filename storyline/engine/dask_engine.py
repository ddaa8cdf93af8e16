"""The Dask engine: parse and read on dask.distributed workers, results gathered in order.

Without an address it starts a :class:`LocalCluster` of process workers on 127.0.0.1 (no
dashboard); with one (``tcp://host:port``) it connects to a running scheduler, whose workers
must have storyline (and, for reading, the spaCy model) installed. Workers return only records,
so the store never leaves the client process.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any

from storyline.engine.work import chunked, parse_one, read_chunk
from storyline.ingest.sources import IngestOptions, Input
from storyline.model import Article, ParseOutcome, Reading

LOCAL_WORKERS = 2
"""Workers of the default local cluster: one per core on the small machines storyline targets."""


class DaskEngine:
    """Maps parse and read tasks over a Dask cluster; see the module docstring."""

    def __init__(self, address: str | None = None, n_workers: int = LOCAL_WORKERS) -> None:
        from dask.distributed import Client, LocalCluster  # type: ignore[import-not-found,unused-ignore]

        self._cluster: Any = None
        self._tmp: str | None = None
        if address is None:
            scratch = os.environ.get("DASK_TEMPORARY_DIRECTORY")
            if scratch is None:
                # Workers spill and lock files here; our own directory keeps them out of the cwd.
                self._tmp = scratch = tempfile.mkdtemp(prefix="storyline-dask-")
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call,unused-ignore]
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
                local_directory=scratch,
            )
            self._client: Any = Client(self._cluster)  # type: ignore[no-untyped-call,unused-ignore]
        else:
            self._client = Client(address)  # type: ignore[no-untyped-call,unused-ignore]

    def map_parse(self, inputs: Sequence[Input], options: IngestOptions) -> Iterator[ParseOutcome]:
        """All inputs submitted at once; outcomes yielded in input order as they finish."""
        futures = self._client.map(parse_one, list(inputs), options=options, pure=False)
        for future in futures:
            outcome: ParseOutcome = future.result()
            future.release()
            yield outcome

    def map_read(self, articles: Sequence[Article]) -> Iterator[Reading]:
        """Articles read in chunks (one spaCy batch each); readings yielded in article order."""
        futures = self._client.map(read_chunk, chunked(list(articles)), pure=False)
        for future in futures:
            readings: list[Reading] = future.result()
            future.release()
            yield from readings

    def close(self) -> None:
        """Close the client, and the local cluster and its scratch directory if we made them."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
