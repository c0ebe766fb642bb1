"""The delivery stage: each alert to each of its subscriber's channels, once, as named steps.

    hold in quiet hours -> collect into a digest -> claim what has not arrived -> send -> record

Each step takes the delivery so far and returns it, or None when the alert goes no further now
(held until the window ends, or collected for the digest). A test alert skips the first two: it
tests the channels now. Claiming skips what already arrived, so a redelivery after a crash sends
only the channels still missing; if any channel asks for a retry, the record step puts the alert
back in the retry schedule, and after the last attempt it is dead-lettered and marked failed.

Claiming takes every (alert id, channel) still missing at once, atomically: a lease that expires
if the sender dies (and that the send never outlasts), turned into the permanent "delivered"
mark once the channel took the alert. Two copies of one alert handled at once (a decision
published again after a crash) therefore never both go out: the second finds the channel
delivered, or busy and waits for its next turn. The channels of one alert are sent at once.

Redis work rides the worker's batcher: the profile read, the claim, and the marks written with
the history record each share a round trip with the other alerts in flight. Only an alert the
receiver took just before the process died, before its mark was written, can go out twice.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from chokewatch.shared.messages import Alert, utcnow
from chokewatch.shared.profiles import SlackChannel, Subscriber, WebhookChannel
from chokewatch.shared.redisbatch import Command
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
    token: str = field(default_factory=lambda: uuid.uuid4().hex)  # whose claims these are
    settled: dict[str, bool] = field(default_factory=dict)  # claimed channel -> it took the alert


Step = Callable[[Delivery], Awaitable[Delivery | None]]
MIN_LEASE_S = 5.0
PROFILES_KEPT = 2_000  # parsed profiles kept between alerts (a few MB)


def lease_s(webhook_timeout_s: float) -> float:
    """How long a claim on (alert, channel) lasts: room for a request's four timed phases (pool,
    connect, write, read) each taking up to the timeout, and two seconds for the address check
    before them. A sender that dies holds its claims this long at most."""
    return max(MIN_LEASE_S, 4 * webhook_timeout_s + 2)


class Deliverer:
    def __init__(self, rt: Runtime, sender: Sender | None = None) -> None:
        self.rt = rt
        self.sender = sender or Sender(rt)
        self.batcher = self.sender.batcher
        self.history = History(
            rt.redis, rt.names, keep_s=rt.settings.history_keep_days * 86_400,
            keep_max=rt.settings.history_max,
            decisions_keep_s=rt.settings.incident_keep_days * 86_400,
            batcher=self.batcher,
        )
        self.lease_s = lease_s(rt.settings.webhook_timeout_s)
        self.digests = DigestBox(rt.redis, rt.names)
        # Profiles parsed once: each is read for every alert, and parsing (and opening its
        # secrets) costs more than the read. One is reused only while the stored JSON read is
        # exactly the JSON it was parsed from, so a changed profile is parsed again.
        self._profiles: OrderedDict[str, tuple[str | bytes, Subscriber]] = OrderedDict()
        self.steps: list[tuple[str, Step]] = [
            ("hold in quiet hours", self.hold_in_quiet_hours),
            ("collect into a digest", self.collect_into_digest),
            ("claim what has not arrived", self.claim),
            ("send", self.send),
            ("record", self.record),
        ]

    async def on_alert(self, alert: Alert) -> None:
        [raw] = await self.batcher.run(
            [Command(("HGET", self.rt.names.subscribers, alert.subscriber_id))])
        if raw is None:  # deleted since the decision: nothing to deliver
            return
        sub = self._profile(alert.subscriber_id, raw)
        delivery: Delivery | None = Delivery(alert, sub, list(enumerate(sub.channels)))
        for _, step in self.steps:
            delivery = await step(delivery)
            if delivery is None:
                return

    def _profile(self, subscriber_id: str, raw: str | bytes) -> Subscriber:
        kept = self._profiles.get(subscriber_id)
        if kept is not None and kept[0] == raw:
            self._profiles.move_to_end(subscriber_id)
            return kept[1]
        sub = Subscriber.from_stored(raw)
        self._profiles[subscriber_id] = (raw, sub)
        self._profiles.move_to_end(subscriber_id)
        while len(self._profiles) > PROFILES_KEPT:
            self._profiles.popitem(last=False)
        return sub

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

    async def claim(self, d: Delivery) -> Delivery:
        """Claim every channel not yet reached, in one script: those that arrived already are
        reported delivered, those another copy is sending wait for their next turn."""
        names = {index: channel_name(index, channel.type) for index, channel in d.pending}
        answers = await self.history.claim_channels(d.alert.alert_id, list(names.values()),
                                                    d.token, int(self.lease_s * 1000))
        mine = []
        for index, channel in d.pending:
            name, answer = names[index], answers[names[index]]
            if answer == "done":  # reached before (a redelivery), or by a copy meanwhile
                d.report[index] = {"channel": name, "outcome": "delivered"}
            elif answer == "busy":  # a copy of this alert is being sent to it right now
                d.retry_reasons.append(f"{name}: another copy of the alert is being sent")
                d.waits.append(self.lease_s / 4)
                d.report[index] = {"channel": name, "outcome": "retrying",
                                   "reason": "being sent by another worker"}
            else:
                mine.append((index, channel))
        d.pending = mine
        return d

    async def send(self, d: Delivery) -> Delivery:
        """Send to the claimed channels at once; their marks are written with the record."""
        names = [channel_name(index, config.type) for index, config in d.pending]
        try:
            results = await asyncio.gather(
                *(self._send_one(config, d.alert) for _, config in d.pending),
                return_exceptions=True)
        except BaseException:  # cancelled (stopping): the claims are given up, not kept
            await self.history.settle_channels(d.alert.alert_id, dict.fromkeys(names, False),
                                               d.token)
            raise
        error = next((r for r in results if isinstance(r, BaseException)), None)
        for (index, config), name, result in zip(d.pending, names, results, strict=True):
            outcome = result if isinstance(result, Outcome) else \
                Outcome(False, retry=True, reason="the send was interrupted")
            d.settled[name] = outcome.delivered
            self._note(d, index, config.type, name, outcome)
        d.pending = []
        if error is not None:  # the marks of the channels reached are kept, then it is retried
            await self.history.settle_channels(d.alert.alert_id, d.settled, d.token)
            raise error
        return d

    async def _send_one(self, config: WebhookChannel | SlackChannel, alert: Alert) -> Outcome:
        channel = self.sender.channel(config)
        started = utcnow()
        outcome = await self._send_within_lease(channel, alert)
        if not outcome.deferred:
            DELIVERY_SECONDS.labels(channel.type).observe((utcnow() - started).total_seconds())
        return outcome

    def _note(self, d: Delivery, index: int, kind: str, name: str, outcome: Outcome) -> None:
        """What one channel did, in the delivery's report and the metrics."""
        if outcome.delivered:
            DELIVERIES.labels(kind, "delivered").inc()
            d.report[index] = {"channel": name, "outcome": "delivered"}
        elif outcome.retry:
            DELIVERIES.labels(kind, "deferred" if outcome.deferred else "retry").inc()
            d.counted = d.counted or not outcome.deferred
            d.retry_reasons.append(f"{name}: {outcome.reason}")
            if outcome.retry_after_s is not None:
                d.waits.append(outcome.retry_after_s)
            d.report[index] = {"channel": name, "outcome": "retrying", "reason": outcome.reason}
        else:
            DELIVERIES.labels(kind, "failed").inc()
            log.warning("channel refused the alert", subscriber=d.subscriber.id, channel=name,
                        reason=outcome.reason)
            d.report[index] = {"channel": name, "outcome": "failed", "reason": outcome.reason}

    async def _send_within_lease(self, channel, alert: Alert) -> Outcome:
        try:
            async with asyncio.timeout(self.lease_s - 1):
                return await self.sender.send(channel, channel.alert(alert))
        except TimeoutError:
            return Outcome(False, retry=True, reason="the send outlasted its claim")

    async def record(self, d: Delivery) -> Delivery:
        """The channels' marks and the history record, in one round trip the batch shares."""
        report = [d.report[i] for i in sorted(d.report)]
        failed = any(r["outcome"] == "failed" for r in report)
        status = "retrying" if d.retry_reasons else "failed" if failed else "delivered"
        commands = [self.history.settle_command(d.alert.alert_id, d.settled, d.token)] \
            if d.settled else []
        await self.batcher.run([*commands, self.history.record_command(d.alert, status, report)])
        if d.retry_reasons:
            raise Retryable("; ".join(d.retry_reasons), max(d.waits) if d.waits else None,
                            counts=d.counted)
        if report and not failed:
            END_TO_END_SECONDS.observe((utcnow() - d.alert.ingested_at).total_seconds())
        return d

    async def on_dead(self, alert: Alert, reason: str) -> None:
        await self.history.record_delivery(
            alert, "failed", [{"channel": "*", "outcome": "failed", "reason": reason}]
        )
