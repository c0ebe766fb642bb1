"""The delivery stage: each alert to each of its subscriber's channels, once.

For every channel: skip it if this alert already reached it (a redelivery after a crash);
otherwise wait for the endpoint's turn (Slack's one message a second per webhook, the
endpoint's concurrency and circuit breaker), send, and record the outcome. If any channel asks
for a retry, the alert goes back to the retry schedule and only the channels still missing are
tried again; after the last attempt it is dead-lettered and marked failed in the history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import httpx

from chokewatch.shared.fetchguard import host_in
from chokewatch.shared.messages import Alert, utcnow
from chokewatch.shared.profiles import SlackChannel, WebhookChannel
from chokewatch.shared.ssrf import Guard
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import DELIVERIES, DELIVERY_SECONDS, END_TO_END_SECONDS, log
from chokewatch.shared.worker import Retryable, Runtime

from . import slack, webhook
from .channels import Outcome, post
from .digest import DigestBox
from .endpoints import Endpoints
from .history import History
from .schedule import quiet_wait


class Deliverer:
    def __init__(self, rt: Runtime, client: httpx.AsyncClient | None = None) -> None:
        settings = rt.settings
        self.rt = rt
        self.client = client or httpx.AsyncClient(
            timeout=settings.webhook_timeout_s,
            follow_redirects=False,  # a redirect could lead past the SSRF guard
            headers={"user-agent": "chokewatch-alerts/1"},
        )
        self.store = SubscriberStore(rt.redis, rt.names)
        self.history = History(rt.redis, rt.names)
        self.guard = Guard(settings.webhook_allow_hosts, settings.webhook_allow_http)
        self.endpoints = Endpoints(
            concurrency=settings.endpoint_concurrency,
            failures_to_open=settings.breaker_failures,
            open_s=settings.breaker_open_s,
        )
        self.digests = DigestBox(rt.redis, rt.names)

    async def _slack_turn(self, url: str) -> float | None:
        """None when this webhook may be sent to now, else the seconds to wait (all workers)."""
        interval = self.rt.settings.slack_interval_ms
        if interval <= 0:
            return None
        key = self.rt.names.send_turn("slack:" + hashlib.sha256(url.encode()).hexdigest()[:24])
        if await self.rt.redis.set(key, "1", nx=True, px=interval):
            return None
        return max(50, int(await self.rt.redis.pttl(key))) / 1000

    async def send(self, channel: WebhookChannel | SlackChannel, alert: Alert) -> Outcome:
        return await self.send_message(
            channel, alert.alert_id, lambda: webhook.payload(alert), lambda: slack.body(alert)
        )

    async def send_message(
        self,
        channel: WebhookChannel | SlackChannel,
        message_id: str,
        webhook_body: Callable[[], bytes],
        slack_body: Callable[[], bytes],
    ) -> Outcome:
        """Send one message (an alert or a digest) to one channel, through the endpoint guards."""
        if isinstance(channel, SlackChannel):
            url = channel.url.get_secret_value()
            if not host_in(url, self.rt.settings.slack_hosts):  # saved before the list changed
                return Outcome(False, retry=False, reason="a Slack channel's URL must be on "
                               + ", ".join(self.rt.settings.slack_hosts))
            wait = await self._slack_turn(url)
            if wait is not None:
                return Outcome(False, retry=True, deferred=True, retry_after_s=wait,
                               reason="Slack allows one message a second per webhook")
            body, headers = slack_body(), {}
        else:
            url = channel.url
            body = webhook_body()
            headers = webhook.headers_for(message_id, body, webhook.secrets_of(channel))
        return await self.endpoints.call(url, lambda: post(self.client, self.guard, url, body, headers))

    async def on_alert(self, alert: Alert) -> None:
        sub = await self.store.get(alert.subscriber_id)
        if sub is None:  # deleted since the decision: nothing to deliver
            return
        if not alert.incident_id.startswith("test_"):  # a test alert tests the channels now
            wait = quiet_wait(sub.quiet_hours, utcnow())
            if wait is not None:
                await self.history.record_delivery(alert, "held", [{"channel": "*", "outcome": "held",
                                                                    "reason": "quiet hours"}])
                raise Retryable(f"quiet hours for {wait:.0f} s more", wait, counts=False)
            if sub.digest is not None:
                await self.digests.add(alert)
                await self.history.record_delivery(alert, "in digest", [])
                return
        done = await self.history.delivered_channels(alert.alert_id)
        report: list[dict] = []
        waits: list[float] = []
        retry_reasons: list[str] = []
        counted = False
        for index, channel in enumerate(sub.channels):
            name = f"{index}:{channel.type}"
            if name in done:
                report.append({"channel": name, "outcome": "delivered"})
                continue
            started = utcnow()
            outcome = await self.send(channel, alert)
            if not outcome.deferred:
                DELIVERY_SECONDS.labels(channel.type).observe((utcnow() - started).total_seconds())
            if outcome.delivered:
                await self.history.mark_channel_delivered(alert.alert_id, name)
                DELIVERIES.labels(channel.type, "delivered").inc()
                report.append({"channel": name, "outcome": "delivered"})
            elif outcome.retry:
                DELIVERIES.labels(channel.type, "deferred" if outcome.deferred else "retry").inc()
                counted = counted or not outcome.deferred
                retry_reasons.append(f"{name}: {outcome.reason}")
                if outcome.retry_after_s is not None:
                    waits.append(outcome.retry_after_s)
                report.append({"channel": name, "outcome": "retrying", "reason": outcome.reason})
            else:
                DELIVERIES.labels(channel.type, "failed").inc()
                log.warning("channel refused the alert", subscriber=sub.id, channel=name,
                            reason=outcome.reason)
                report.append({"channel": name, "outcome": "failed", "reason": outcome.reason})
        if retry_reasons:
            await self.history.record_delivery(alert, "retrying", report)
            raise Retryable("; ".join(retry_reasons), max(waits) if waits else None, counts=counted)
        failed = any(r["outcome"] == "failed" for r in report)
        await self.history.record_delivery(alert, "failed" if failed else "delivered", report)
        if report and not failed:
            END_TO_END_SECONDS.observe((utcnow() - alert.ingested_at).total_seconds())

    async def on_dead(self, alert: Alert, reason: str) -> None:
        await self.history.record_delivery(
            alert, "failed", [{"channel": "*", "outcome": "failed", "reason": reason}]
        )
