"""What a channel kind is: the one small protocol every channel module (webhook, slack) meets.

A channel builds the request it sends for an alert or a digest, names the endpoint its
receiver limits by (`limit_key`: a host, or the URL itself), may name a rate it must keep across
all workers, and reads the endpoint's response into an `Outcome` that says whether to retry.
Sending itself (SSRF guard, endpoint slots, rate turns) is the sender's, the same for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import httpx

from chokewatch.shared.messages import Alert


@dataclass(frozen=True, slots=True)
class Outcome:
    delivered: bool
    retry: bool = False  # worth another attempt later
    reason: str = ""
    retry_after_s: float | None = None
    status: int | None = None
    deferred: bool = False  # not tried at all (busy, circuit open, rate limited)


@dataclass(frozen=True, slots=True)
class Request:
    url: str
    body: bytes
    headers: dict[str, str]


@dataclass(frozen=True, slots=True)
class Rate:
    """A token bucket per `key`, shared by all alert workers: one message per `interval_ms` on
    average, up to `burst` at once after a quiet spell."""

    key: str
    interval_ms: int
    burst: int
    reason: str  # what a deferral says


class Channel(Protocol):
    type: str  # the profile's channel type, also the metrics label
    rate: Rate | None
    limit_key: str  # the endpoint whose limits a send counts against (never a secret URL)

    def alert(self, alert: Alert) -> Request: ...

    def digest(self, digest_id: str, subscriber_id: str, alerts: list[Alert]) -> Request: ...

    def read(self, response: httpx.Response) -> Outcome: ...


def channel_name(index: int, channel_type: str) -> str:
    """A channel's name in delivery records: its place in the profile and its type."""
    return f"{index}:{channel_type}"


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def read_status(response: httpx.Response) -> Outcome:
    """The HTTP reading both channel kinds share: 2xx delivered; 408, 429, 5xx retried."""
    code = response.status_code
    if 200 <= code < 300:
        return Outcome(True, status=code)
    if code == 429 or code >= 500 or code == 408:
        return Outcome(False, True, f"HTTP {code}", _retry_after(response), code)
    # Other 4xx: the endpoint refuses this request; retrying cannot help. A configuration error.
    return Outcome(False, False, f"HTTP {code}: endpoint refused the alert", status=code)
