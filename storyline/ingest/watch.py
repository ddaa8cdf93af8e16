"""Watch RSS and Atom feeds: poll them politely, ingest what is new, survive being killed.

Why it is shaped this way:

* Polls are conditional (``If-None-Match`` / ``If-Modified-Since`` from the stored ETag and
  Last-Modified), so an unchanged feed costs the publisher a 304 and costs us nothing.
* A feed that fails is polled less and less often (exponential back-off, capped), so one dead
  feed neither hammers its server nor slows the others.
* A feed's state (validators, failure count, next poll time) is written in the *same*
  transaction as the articles of that poll. A process killed at any moment therefore either
  kept the articles and the new state together, or neither: a restart repeats at most an
  uncommitted poll, and the existing deduplication makes any repeat a no-op.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from storyline.ingest.copies import place_document
from storyline.ingest.errors import IngestError
from storyline.ingest.feed import parse_feed
from storyline.ingest.fetch import fetch
from storyline.ingest.sources import IngestOptions, _page_loader
from storyline.model import Article, Document, Rejection
from storyline.store import FeedState, Store

DEFAULT_EVERY_S = 300.0
MAX_BACKOFF_S = 24 * 3600.0
"""The longest a failing feed waits between polls: it is retried at least daily."""

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``5m``, ``1h`` (a bare number means seconds); ``ValueError`` otherwise."""
    match = _INTERVAL.match(text.lower())
    if match is None:
        raise ValueError(f"not an interval like 30s, 5m or 1h: {text!r}")
    seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds <= 0:
        raise ValueError(f"the interval must be positive: {text!r}")
    return seconds


def backoff_s(failures: int, every_s: float, cap_s: float = MAX_BACKOFF_S) -> float:
    """The wait after ``failures`` failed polls in a row: ``every`` doubled per failure, capped."""
    return float(min(cap_s, every_s * 2 ** min(failures, 32)))


@dataclass(frozen=True)
class PollResult:
    """What one poll of one feed did: ``status`` is "new", "unchanged", "failed" or "skipped"."""

    url: str
    status: str
    added: tuple[Article, ...] = ()
    copies: tuple[Article, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    error: str | None = None
    state: FeedState | None = None


def _conditional_headers(state: FeedState) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def poll_feed(
    store: Store, url: str, options: IngestOptions, every_s: float, now: float | None = None
) -> PollResult:
    """Poll ``url`` once if it is due, committing its articles and its new state together."""
    moment = time.time() if now is None else now
    state = store.get_feed_state(url) or FeedState(url=url)
    if state.next_poll_at > moment:
        return PollResult(url, "skipped", state=state)
    documents: tuple[Document, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    try:
        fetched = fetch(url, options.fetch, headers=_conditional_headers(state))
        if fetched.status != 304:
            loader = _page_loader(options) if options.follow_feed_links else None
            outcome = parse_feed(fetched.content, url, loader)
            documents, rejected = outcome.documents, outcome.rejected
    except IngestError as error:
        failures = state.failures + 1
        failed = replace(
            state,
            failures=failures,
            next_poll_at=moment + backoff_s(failures, every_s),
            last_error=str(error),
        )
        with store.transaction():
            store.put_feed_state(failed)
        return PollResult(url, "failed", error=str(error), state=failed)
    polled = FeedState(
        url=url,
        etag=fetched.etag or (state.etag if fetched.status == 304 else None),
        last_modified=fetched.last_modified or (state.last_modified if fetched.status == 304 else None),
        failures=0,
        next_poll_at=moment + every_s,
    )
    added: list[Article] = []
    copies: list[Article] = []
    with store.transaction():
        for document in documents:
            placement = place_document(store, document)
            if placement.status == "added":
                added.append(placement.article)
            elif placement.status == "copy":
                copies.append(placement.article)
        store.put_feed_state(polled)
    status = "new" if added or copies else "unchanged"
    return PollResult(url, status, tuple(added), tuple(copies), tuple(rejected), state=polled)


@dataclass
class WatchReport:
    """Every poll of a watch run, in order."""

    polls: list[PollResult] = field(default_factory=list)

    @property
    def added(self) -> list[Article]:
        """Every new article the run stored."""
        return [article for poll in self.polls for article in poll.added]


AfterRound = Callable[[list[PollResult]], None]
"""Called after each round with that round's polls (the API groups and reads there)."""


def watch(
    store: Store,
    urls: Sequence[str],
    options: IngestOptions,
    every_s: float = DEFAULT_EVERY_S,
    max_polls: int | None = None,
    after_round: AfterRound | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> WatchReport:
    """Poll every due feed, then wait for the next one due; stop after ``max_polls`` rounds.

    Without ``max_polls`` it runs until interrupted; each poll is committed on its own, so an
    interruption at any point keeps every finished poll.
    """
    report = WatchReport()
    rounds = 0
    while max_polls is None or rounds < max_polls:
        polls = [poll_feed(store, url, options, every_s) for url in urls]
        report.polls.extend(polls)
        rounds += 1
        if after_round is not None:
            after_round(polls)
        if max_polls is not None and rounds >= max_polls:
            break
        due = [poll.state.next_poll_at for poll in polls if poll.state is not None]
        wait = (min(due) if due else time.time() + every_s) - time.time()
        sleep(min(max(wait, 0.0), every_s))
    return report
