"""Results of parallel tasks in submission order, with a bounded number in flight.

Every engine maps work the same way: tasks go out lazily as earlier results are taken, so the
inputs waiting to be sent and the results waiting to be stored stay a few tasks' worth however
long the stream (``multiprocessing``'s ``imap`` and Dask's ``client.map`` take every task at
once).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Pending = TypeVar("Pending")
Result = TypeVar("Result")


def in_order(
    submitted: Iterable[Pending], window: int, take: Callable[[Pending], Result]
) -> Iterator[Result]:
    """``take`` of each pending task, in order; ``submitted`` is advanced (submitting the next
    task) only while fewer than ``window`` tasks are pending."""
    in_flight: deque[Pending] = deque()
    for task in submitted:
        in_flight.append(task)
        if len(in_flight) >= window:
            yield take(in_flight.popleft())
    while in_flight:
        yield take(in_flight.popleft())
