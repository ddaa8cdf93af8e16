"""Publication times, read once for the whole compare stage.

Updates (a figure that changes over time) and the quote ledger (the earliest version of an
utterance) both order articles by when they were published; they must agree on how a bare date,
a naive time or an unreadable value is taken, so the rule lives here.
"""

from __future__ import annotations

from datetime import UTC, datetime


def published_at(published: str | None) -> datetime | None:
    """Publication time, offset-aware (a bare date or naive time is taken as UTC); None when unknown."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def publication_key(published: str | None) -> tuple[int, datetime]:
    """Sorts by publication instant; an unknown or unreadable date comes after every known one."""
    moment = published_at(published)
    return (0, moment) if moment is not None else (1, datetime.min.replace(tzinfo=UTC))
