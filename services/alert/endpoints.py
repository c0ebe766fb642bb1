"""Keeping endpoints apart: one slow or dead endpoint must never delay alerts to the others.

Per endpoint (scheme, host and port) a worker allows a few requests in flight and keeps a
circuit breaker: after N consecutive failures the circuit opens and alerts for that endpoint
are put back in the retry schedule without a request, until a trial request after the open
period succeeds. A deferral uses no delivery attempt. The state is per process on purpose:
each worker learns about an endpoint by itself, and nothing is lost when a worker restarts.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from chokewatch.shared.telemetry import OPEN_CIRCUITS

from .channels import Outcome


def endpoint_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"


@dataclass
class _Endpoint:
    slots: asyncio.Semaphore
    failures: int = 0
    open_until: float = 0.0
    trial: bool = False  # a half-open trial request is under way


@dataclass(kw_only=True)  # several numbers of the same type: name each one
class Endpoints:
    concurrency: int = 4
    # How long an alert waits for a free slot before it is deferred: long enough that a burst
    # to one healthy endpoint flows, short enough that a hanging endpoint holds a worker briefly.
    slot_wait_s: float = 0.5
    failures_to_open: int = 5
    open_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _state: dict[str, _Endpoint] = field(default_factory=dict)

    def __post_init__(self) -> None:
        OPEN_CIRCUITS.set_function(self.open_count)

    def open_count(self) -> int:
        """Endpoints whose circuit is open or half-open (a bounded gauge, not one per URL)."""
        return sum(1 for ep in list(self._state.values()) if ep.failures >= self.failures_to_open)

    def state(self, url: str) -> str:
        """closed, open or half-open, for metrics and tests."""
        ep = self._state.get(endpoint_of(url))
        if ep is None or ep.failures < self.failures_to_open:
            return "closed"
        return "open" if self.clock() < ep.open_until else "half-open"

    async def call(self, url: str, send: Callable[[], Awaitable[Outcome]]) -> Outcome:
        key = endpoint_of(url)
        ep = self._state.setdefault(key, _Endpoint(asyncio.Semaphore(self.concurrency)))
        now = self.clock()
        tripped = ep.failures >= self.failures_to_open
        if tripped and (now < ep.open_until or ep.trial):
            wait = max(1.0, ep.open_until - now)
            return Outcome(False, retry=True, deferred=True, retry_after_s=wait,
                           reason=f"circuit open for {key} after {ep.failures} failures")
        # Poll rather than wait_for(acquire()): on Python 3.11 a timeout racing the acquire can
        # lose a slot for good. An unlocked semaphore is acquired without suspending.
        give_up = time.monotonic() + self.slot_wait_s
        while ep.slots.locked():
            if time.monotonic() >= give_up:
                return Outcome(False, retry=True, deferred=True, retry_after_s=1.0,
                               reason=f"{key} already has {self.concurrency} requests in flight")
            await asyncio.sleep(0.01)
        await ep.slots.acquire()
        ep.trial = tripped
        try:
            outcome = await send()
        finally:
            ep.trial = False
            ep.slots.release()
        if outcome.delivered or not outcome.retry:
            ep.failures = 0  # the endpoint answered: it is up, whatever it thought of the alert
        else:
            ep.failures += 1
            if ep.failures >= self.failures_to_open:
                ep.open_until = self.clock() + self.open_s
        return outcome
