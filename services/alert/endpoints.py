"""Keeping endpoints apart: one slow or dead endpoint must never delay alerts to the others.

An endpoint is what a receiver limits by: a host (scheme, host and port) for generic webhooks,
where one host is one receiver, or one webhook URL for Slack, which limits each URL by itself
(the channel names its `limit_key`). Per endpoint a worker allows a few requests in flight,
honours a 429's Retry-After for that endpoint only, and keeps a circuit breaker: after N
consecutive failures the circuit opens and its alerts are put back in the retry schedule
without a request, until a trial request after the open period succeeds. Across endpoints a
worker keeps at most `max_in_flight` requests open. A deferral uses no delivery attempt. The
state is per process on purpose: each worker learns about an endpoint by itself, and nothing
is lost when a worker restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
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
    slots: Slots
    failures: int = 0
    open_until: float = 0.0
    trial: bool = False  # a half-open trial request is under way
    held_until: float = 0.0  # a 429 asked for a pause until then


TOO_MANY_WAIT_S = 1.0  # the pause after a 429 that named no Retry-After


@dataclass(kw_only=True)  # several numbers of the same type: name each one
class Endpoints:
    concurrency: int = 4
    # How long an alert waits with no slot coming free before it is deferred: a burst to one
    # healthy endpoint flows, a hanging endpoint holds a worker briefly.
    slot_wait_s: float = 0.5
    max_waiting: int | None = None  # alerts queued for one endpoint; past it deferred at once
    failures_to_open: int = 5
    open_s: float = 30.0
    max_in_flight: int | None = None  # requests open at once across all endpoints (None: no cap)
    clock: Callable[[], float] = time.monotonic
    # Endpoints remembered before idle ones are forgotten: a storm may reach tens of
    # thousands of Slack URLs, each its own endpoint.
    kept: int = 4_096
    _state: dict[str, _Endpoint] = field(default_factory=dict)
    _all: Slots | None = None

    def __post_init__(self) -> None:
        OPEN_CIRCUITS.set_function(self.open_count)
        if self.max_in_flight is not None:
            self._all = Slots(self.max_in_flight)

    def open_count(self) -> int:
        """Endpoints whose circuit is open or half-open (a bounded gauge, not one per URL)."""
        return sum(1 for ep in list(self._state.values()) if ep.failures >= self.failures_to_open)

    def state(self, url: str, key: str | None = None) -> str:
        """closed, open or half-open, for metrics and tests."""
        ep = self._state.get(key or endpoint_of(url))
        if ep is None or ep.failures < self.failures_to_open:
            return "closed"
        return "open" if self.clock() < ep.open_until else "half-open"

    async def call(
        self, url: str, send: Callable[[], Awaitable[Outcome]], key: str | None = None
    ) -> Outcome:
        """Send through the endpoint's limits; `key` names the endpoint (default: the URL's
        host). A `deferred` outcome of `send` itself (a rate turn not yet due) counts for
        nothing; a 429 pauses this endpoint alone and is not a failure."""
        key = key or endpoint_of(url)
        now = self.clock()
        ep = self._state.get(key)
        if ep is None:
            if len(self._state) >= self.kept:
                self._forget_idle(now)
            ep = self._state[key] = _Endpoint(Slots(self.concurrency, self.max_waiting))
        if now < ep.held_until:
            return Outcome(False, retry=True, deferred=True, retry_after_s=ep.held_until - now,
                           reason=f"{key} asked for a pause (HTTP 429)")
        tripped = ep.failures >= self.failures_to_open
        if tripped and (now < ep.open_until or ep.trial):
            wait = max(1.0, ep.open_until - now)
            return Outcome(False, retry=True, deferred=True, retry_after_s=wait,
                           reason=f"circuit open for {key} after {ep.failures} failures")
        if not await ep.slots.take(self.slot_wait_s):
            return Outcome(False, retry=True, deferred=True, retry_after_s=1.0,
                           reason=f"{key} already has {self.concurrency} requests in flight")
        try:
            if self._all is not None and not await self._all.take(self.slot_wait_s):
                return Outcome(False, retry=True, deferred=True, retry_after_s=1.0,
                               reason=f"the worker's cap of {self.max_in_flight} requests in "
                                      "flight is reached")
            ep.trial = tripped
            try:
                outcome = await send()
            finally:
                ep.trial = False
                if self._all is not None:
                    self._all.give()
        finally:
            ep.slots.give()
        self._learn(ep, outcome)
        return outcome

    def _forget_idle(self, now: float) -> None:
        """Drop endpoints with nothing to remember (no request open, no failure, no pause);
        if most are busy, allow more rather than dropping state that matters."""
        for key in [k for k, ep in self._state.items() if ep.slots.free == ep.slots.count
                    and ep.failures == 0 and ep.held_until <= now]:
            del self._state[key]
        self.kept = max(self.kept, 2 * len(self._state))

    def _learn(self, ep: _Endpoint, outcome: Outcome) -> None:
        if outcome.deferred:
            return  # nothing was asked of the endpoint
        if outcome.status == 429:
            wait = outcome.retry_after_s if outcome.retry_after_s is not None else TOO_MANY_WAIT_S
            ep.held_until = max(ep.held_until, self.clock() + wait)
        elif outcome.delivered or not outcome.retry:
            ep.failures = 0  # the endpoint answered: it is up, whatever it thought of the alert
        else:
            ep.failures += 1
            if ep.failures >= self.failures_to_open:
                ep.open_until = self.clock() + self.open_s


class Slots:
    """A counted set of slots that waiters queue for, first come first served: hundreds of
    alerts waiting on one endpoint sleep instead of polling. A waiter gives up once no slot has
    come free for `wait_s` (a hanging endpoint), not while the endpoint keeps answering; and
    past `max_waiting` waiters a new one gives up at once, so one busy endpoint never holds
    every alert a worker handles."""

    def __init__(self, count: int, max_waiting: int | None = None) -> None:
        self.count = count
        self.free = count
        self.max_waiting = max_waiting
        self._waiters: deque[asyncio.Future] = deque()
        self._moved = 0.0  # loop time a slot last came free

    async def take(self, wait_s: float) -> bool:
        """True once a slot is this caller's; False when none came free for `wait_s`."""
        if self.free > 0 and not self._waiters:
            self.free -= 1
            return True
        if self.max_waiting is not None and len(self._waiters) >= self.max_waiting:
            return False
        loop = asyncio.get_running_loop()
        turn = loop.create_future()
        self._waiters.append(turn)
        timer = None

        def check(since: float) -> None:
            nonlocal timer
            if turn.done():
                return
            last = max(since, self._moved)
            if loop.time() - last >= wait_s:
                turn.set_result(False)
            else:  # the queue moved meanwhile: wait on from then
                timer = loop.call_at(last + wait_s, check, since)

        timer = loop.call_later(wait_s, check, loop.time())
        try:
            return await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled() and turn.result():
                self.give()  # handed a slot just as the caller was cancelled: pass it on
            raise
        finally:
            timer.cancel()
            with contextlib.suppress(ValueError):  # still queued: gave up or cancelled
                self._waiters.remove(turn)

    def give(self) -> None:
        """Return a slot: to the first caller still waiting, else to the free count."""
        self._moved = asyncio.get_running_loop().time()
        while self._waiters:
            turn = self._waiters.popleft()
            if not turn.done():
                turn.set_result(True)
                return
        self.free += 1
