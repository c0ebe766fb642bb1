"""The delivery stage: each alert to each of its subscriber's channels, once, as named steps.

    hold in quiet hours -> collect into a digest -> skip what already arrived -> send -> record

Each step takes the delivery so far and returns it, or None when the alert goes no further now
(held until the window ends, or collected for the digest). A test alert skips the first two: it
tests the channels now. Skipping what already arrived makes a redelivery after a crash send only
the channels still missing; if any channel asks for a retry, the record step puts the alert back
in the retry schedule, and after the last attempt it is dead-lettered and marked failed.

Sending claims each (alert id, channel) first, atomically: a lease that expires if the sender
dies (and that the send never outlasts), turned into the permanent "delivered" mark once the
channel took the alert. Two copies of one alert handled at once (a decision published again
after a crash) therefore never both go out: the second finds the channel delivered, or busy and
waits for its next turn.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from chokewatch.shared.messages import Alert, utcnow
from chokewatch.shared.profiles import SlackChannel, Subscriber, WebhookChannel
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import DELIVERIES, DELIVERY_SECONDS, END_TO_END_SECONDS, log
from chokewatch.shared.worker import Retryable, Runtime

from .channels import Outcome, channel_name
from .digest import DigestBox
from .history import History
from .schedule import quiet_wait
from .sender import Sender


@dataclass
class Delivery:
    """One alert on its way: which channels are still to be tried and what each one did."""

    alert: Alert
    subscriber: Subscriber
    pending: list[tuple[int, WebhookChannel | SlackChannel]]
    report: dict[int, dict] = field(default_factory=dict)  # channel index -> its report line
    waits: list[float] = field(default_factory=list)
    retry_reasons: list[str] = field(default_factory=list)
    counted: bool = False  # a retry that spends an attempt (not only deferrals)


Step = Callable[[Delivery], Awaitable[Delivery | None]]
MIN_LEASE_S = 5.0


def lease_s(webhook_timeout_s: float) -> float:
    """How long a claim on (alert, channel) lasts: room for a request's four timed phases (pool,
    connect, write, read) each taking up to the timeout, and two seconds for the address check
    before them. A sender that dies holds its claims this long at most."""
    return max(MIN_LEASE_S, 4 * webhook_timeout_s + 2)


class Deliverer:
    def __init__(self, rt: Runtime, sender: Sender | None = None) -> None:
        self.sender = sender or Sender(rt)
        self.store = SubscriberStore(rt.redis, rt.names)
        self.history = History(
            rt.redis, rt.names, keep_s=rt.settings.history_keep_days * 86_400,
            keep_max=rt.settings.history_max,
            decisions_keep_s=rt.settings.incident_keep_days * 86_400,
        )
        self.lease_s = lease_s(rt.settings.webhook_timeout_s)
        self.digests = DigestBox(rt.redis, rt.names)
        self.steps: list[tuple[str, Step]] = [
            ("hold in quiet hours", self.hold_in_quiet_hours),
            ("collect into a digest", self.collect_into_digest),
            ("skip what already arrived", self.skip_delivered),
            ("send", self.send),
            ("record", self.record),
        ]

    async def on_alert(self, alert: Alert) -> None:
        sub = await self.store.get(alert.subscriber_id)
        if sub is None:  # deleted since the decision: nothing to deliver
            return
        delivery: Delivery | None = Delivery(alert, sub, list(enumerate(sub.channels)))
        for _, step in self.steps:
            delivery = await step(delivery)
            if delivery is None:
                return

    async def hold_in_quiet_hours(self, d: Delivery) -> Delivery | None:
        wait = None if d.alert.kind == "test" else quiet_wait(d.subscriber.quiet_hours, utcnow())
        if wait is None:
            return d
        await self.history.record_delivery(d.alert, "held", [{"channel": "*", "outcome": "held",
                                                              "reason": "quiet hours"}])
        raise Retryable(f"quiet hours for {wait:.0f} s more", wait, counts=False)

    async def collect_into_digest(self, d: Delivery) -> Delivery | None:
        if d.alert.kind == "test" or d.subscriber.digest is None:
            return d
        await self.digests.add(d.alert)
        await self.history.record_delivery(d.alert, "in digest", [])
        return None

    async def skip_delivered(self, d: Delivery) -> Delivery:
        done = await self.history.delivered_channels(d.alert.alert_id)
        for index, channel in d.pending:
            if channel_name(index, channel.type) in done:
                d.report[index] = {"channel": channel_name(index, channel.type), "outcome": "delivered"}
        d.pending = [(i, c) for i, c in d.pending if i not in d.report]
        return d

    async def send(self, d: Delivery) -> Delivery:
        for index, config in d.pending:
            name = channel_name(index, config.type)
            channel = self.sender.channel(config)
            token = uuid.uuid4().hex
            claim = await self.history.claim_channel(d.alert.alert_id, name, token,
                                                     int(self.lease_s * 1000))
            if claim == "done":  # a copy of this alert reached the channel meanwhile
                d.report[index] = {"channel": name, "outcome": "delivered"}
                continue
            if claim == "busy":  # a copy of this alert is being sent to it right now
                d.retry_reasons.append(f"{name}: another copy of the alert is being sent")
                d.waits.append(self.lease_s / 4)
                d.report[index] = {"channel": name, "outcome": "retrying",
                                   "reason": "being sent by another worker"}
                continue
            started = utcnow()
            outcome = Outcome(False, retry=True, reason="the send was interrupted")
            try:
                outcome = await self._send_within_lease(channel, d.alert)
            finally:  # whatever happened, the claim never outlives this attempt
                await self.history.settle_channel(d.alert.alert_id, name, token, outcome.delivered)
            if not outcome.deferred:
                DELIVERY_SECONDS.labels(channel.type).observe((utcnow() - started).total_seconds())
            if outcome.delivered:
                DELIVERIES.labels(channel.type, "delivered").inc()
                d.report[index] = {"channel": name, "outcome": "delivered"}
            elif outcome.retry:
                DELIVERIES.labels(channel.type, "deferred" if outcome.deferred else "retry").inc()
                d.counted = d.counted or not outcome.deferred
                d.retry_reasons.append(f"{name}: {outcome.reason}")
                if outcome.retry_after_s is not None:
                    d.waits.append(outcome.retry_after_s)
                d.report[index] = {"channel": name, "outcome": "retrying", "reason": outcome.reason}
            else:
                DELIVERIES.labels(channel.type, "failed").inc()
                log.warning("channel refused the alert", subscriber=d.subscriber.id, channel=name,
                            reason=outcome.reason)
                d.report[index] = {"channel": name, "outcome": "failed", "reason": outcome.reason}
        d.pending = []
        return d

    async def _send_within_lease(self, channel, alert: Alert) -> Outcome:
        try:
            async with asyncio.timeout(self.lease_s - 1):
                return await self.sender.send(channel, channel.alert(alert))
        except TimeoutError:
            return Outcome(False, retry=True, reason="the send outlasted its claim")

    async def record(self, d: Delivery) -> Delivery:
        report = [d.report[i] for i in sorted(d.report)]
        if d.retry_reasons:
            await self.history.record_delivery(d.alert, "retrying", report)
            raise Retryable("; ".join(d.retry_reasons), max(d.waits) if d.waits else None,
                            counts=d.counted)
        failed = any(r["outcome"] == "failed" for r in report)
        await self.history.record_delivery(d.alert, "failed" if failed else "delivered", report)
        if report and not failed:
            END_TO_END_SECONDS.observe((utcnow() - d.alert.ingested_at).total_seconds())
        return d

    async def on_dead(self, alert: Alert, reason: str) -> None:
        await self.history.record_delivery(
            alert, "failed", [{"channel": "*", "outcome": "failed", "reason": reason}]
        )
