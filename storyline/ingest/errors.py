"""Why an input was refused.

Every rejection is one of these, each carrying a sentence a person can act on::

    IngestError
    ├── InputTooLargeError     over the configured size limit
    ├── UndecodableError       binary data, or text in no detectable character set
    ├── EmptyPageError         a page or file with no article text in it
    ├── MalformedInputError    a JSON line, feed or archive that does not parse
    └── FetchError             a URL that could not be fetched
        └── PrivateAddressError    a URL pointing at a private, loopback or link-local address

The batch driver turns each into a :class:`storyline.model.Rejection` and goes on.
"""

from __future__ import annotations


class IngestError(Exception):
    """An input that cannot become an article; ``str(error)`` is the reason shown to the user."""


class InputTooLargeError(IngestError):
    """The input is larger than the configured limit."""


class UndecodableError(IngestError):
    """The input is binary, or text in no character set we can detect."""


class EmptyPageError(IngestError):
    """The input holds no article text."""


class MalformedInputError(IngestError):
    """A structured input (JSON, feed, WARC) is broken."""


class FetchError(IngestError):
    """A URL could not be fetched: timeout, HTTP error, wrong content type, too many redirects."""


class PrivateAddressError(FetchError):
    """A URL resolves to a private, loopback or link-local address and private fetches are off."""
