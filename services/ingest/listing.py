"""What reading a source yields: the items it lists now, and the named ways reading can fail.

Every kind of source (feed, Federal Register, page, folder) turns its input into a Listing, so
the poller admits, deduplicates and records items the same way whatever they came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


class SourceError(Exception):
    """Reading a source failed. `reason` is one of a few fixed words (a metric label)."""

    reason = "internal"

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s  # the server asked us to wait this long


class FetchTimeout(SourceError):
    reason = "timeout"


class ConnectionFailed(SourceError):
    reason = "connection"


class BadStatus(SourceError):
    reason = "http_status"

    def __init__(self, status: int, url: str, retry_after_s: float | None = None) -> None:
        super().__init__(f"HTTP {status} from {url}", retry_after_s)
        self.status = status


class TooLarge(SourceError):
    reason = "too_large"


class TooManyRedirects(SourceError):
    reason = "redirects"


class Refused(SourceError):
    """The URL leads somewhere chokewatch does not fetch from (a private or internal address)."""

    reason = "refused"


class Invalid(SourceError):
    """The source answered, but not with what its kind expects (broken XML, wrong JSON)."""

    reason = "invalid"


class Misconfigured(SourceError):
    """The source's own configuration cannot work (a folder outside the allowed root)."""

    reason = "config"


@dataclass(slots=True)
class Item:
    """One entry a source lists: a feed entry, a Federal Register document, a list-page link,
    a file or a JSON line."""

    key: str  # stable per source: a feed entry's id, a document number, a link, a file's digest
    title: str = ""
    text: str = ""  # plain or HTML (html=True); empty until fetched when needs_page is set
    url: str | None = None
    published_at: datetime | None = None
    html: bool = False
    needs_page: bool = False  # the text is on the item's own page, fetched only if the item is new
    page_url: str | None = None  # where that text is, when not at `url`

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.key.encode()).hexdigest()[:32]


@dataclass(slots=True)
class Listing:
    items: list[Item] = field(default_factory=list)
    not_modified: bool = False  # the server said nothing changed since the validators we sent
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None  # kind-specific memory between polls (the Federal Register's last date)
    validated_url: str | None = None  # the URL the validators belong to, when it varies by poll
    warnings: list[str] = field(default_factory=list)  # parts that could not be read; the rest was
