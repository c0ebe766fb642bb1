"""The alert process: two stages in one service.

decide  (classified -> alerts): match exposed subscribers, score, decide, publish, record.
deliver (alerts -> channels):   send to each channel once, retry on failure, record status.

Why the order publish-then-record is safe: alert ids are derived from (subscriber, incident,
number of alerts so far), so a decision redone after a crash yields the same id, and delivery
sends each (alert id, channel) pair at most once.
"""

from __future__ import annotations

import hashlib

import httpx
from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, ClassifiedEvent, EventType, new_id, utcnow
from chokewatch.shared.names import ALERTS, CLASSIFIED
from chokewatch.shared.profiles import SlackChannel, Subscriber
from chokewatch.shared.ssrf import Guard
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import ALERTS as ALERT_COUNT
from chokewatch.shared.telemetry import DELIVERIES, END_TO_END_SECONDS, log
from chokewatch.shared.worker import Retryable, Runtime, Stage

from . import slack, webhook
from .channels import Outcome, post
from .decide import Prior, decide
from .exposure import ExposureView
from .history import History
from .score import score

SILENT = {EventType.commentary, EventType.not_relevant}
DELIVERY_ATTEMPTS = 8


def alert_id(subscriber_id: str, incident_id: str, number: int) -> str:
    return "alrt_" + hashlib.sha256(f"{subscriber_id}|{incident_id}|{number}".encode()).hexdigest()[:24]


def build_alert(event: ClassifiedEvent, sub: Subscriber, result, kind: str, number: int) -> Alert:
    c = event.classification
    return Alert(
        id=new_id(),
        correlation_id=event.correlation_id,
        ingested_at=event.ingested_at,
        alert_id=alert_id(sub.id, c.incident_id or event.event_id, number),
        subscriber_id=sub.id,
        incident_id=c.incident_id or event.event_id,
        incident_revision=event.incident_revision,
        event_id=event.event_id,
        kind=kind,
        score=result.score,
        parts=result.parts,
        elements=result.elements,
        suppliers=result.suppliers,
        event_type=c.event_type,
        direction=c.direction,
        status=c.status,
        title=event.title,
        summary=event.summary,
        source_url=event.source_url,
        published_at=event.published_at,
    )


class Decider:
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.exposure = ExposureView(rt.redis, rt.names)
        self.history = History(rt.redis, rt.names)
        self.out = rt.names.stream(ALERTS)

    async def on_classified(self, event: ClassifiedEvent) -> None:
        c = event.classification
        if c.event_type in SILENT or c.incident_id is None:
            return
        for sub in await self.exposure.exposed(c):
            await self._one(event, sub)

    async def _one(self, event: ClassifiedEvent, sub: Subscriber) -> None:
        c = event.classification
        result = score(c, sub, companies=c.companies)
        stored = await self.history.prior(sub.id, c.incident_id)
        prior = None
        if stored:
            prior = Prior(score=stored["score"], direction=stored["direction"],
                          revision=stored["revision"], alerted=True)
        decision = decide(
            prior, result, c,
            revision=event.incident_revision,
            threshold=sub.threshold,
            muted=sub.muted_event_types,
        )
        if not decision.send:
            return
        number = (stored or {}).get("count", 0) + 1
        alert = build_alert(event, sub, result, decision.kind, number)
        await streams.publish(self.rt.redis, self.out, alert)
        await self.history.record_decision(alert, stored)
        ALERT_COUNT.labels(decision.kind).inc()
        log.info("alert decided", subscriber=sub.id, incident=c.incident_id, score=result.score,
                 kind=decision.kind, reason=decision.reason)


class Deliverer:
    def __init__(self, rt: Runtime, client: httpx.AsyncClient) -> None:
        self.rt = rt
        self.client = client
        self.store = SubscriberStore(rt.redis, rt.names)
        self.history = History(rt.redis, rt.names)
        self.guard = Guard(rt.settings.webhook_allow_hosts, rt.settings.webhook_allow_http)

    async def send(self, channel, alert: Alert) -> Outcome:
        if isinstance(channel, SlackChannel):
            return await post(self.client, self.guard, channel.url.get_secret_value(),
                              slack.body(alert), {})
        body = webhook.payload(alert)
        secret = channel.secret.get_secret_value() if channel.secret else None
        return await post(self.client, self.guard, channel.url, body,
                          webhook.headers(alert, body, secret))

    async def on_alert(self, alert: Alert) -> None:
        sub = await self.store.get(alert.subscriber_id)
        if sub is None:  # deleted since the decision: nothing to deliver
            return
        done = await self.history.delivered_channels(alert.alert_id)
        report, retry_after, retry_reasons = [], None, []
        for index, channel in enumerate(sub.channels):
            name = f"{index}:{channel.type}"
            if name in done:
                report.append({"channel": name, "outcome": "delivered"})
                continue
            outcome = await self.send(channel, alert)
            if outcome.delivered:
                await self.history.mark_channel_delivered(alert.alert_id, name)
                DELIVERIES.labels(channel.type, "delivered").inc()
                report.append({"channel": name, "outcome": "delivered"})
            elif outcome.retry:
                DELIVERIES.labels(channel.type, "retry").inc()
                retry_reasons.append(f"{name}: {outcome.reason}")
                retry_after = max(retry_after or 0, outcome.retry_after_s or 0) or retry_after
                report.append({"channel": name, "outcome": "retrying", "reason": outcome.reason})
            else:
                DELIVERIES.labels(channel.type, "failed").inc()
                log.warning("channel refused alert", subscriber=sub.id, channel=name,
                            reason=outcome.reason)
                report.append({"channel": name, "outcome": "failed", "reason": outcome.reason})
        if retry_reasons:
            await self.history.record_delivery(alert, "retrying", report)
            raise Retryable("; ".join(retry_reasons), retry_after)
        failed = any(r["outcome"] == "failed" for r in report)
        await self.history.record_delivery(alert, "failed" if failed else "delivered", report)
        if report and not failed:
            END_TO_END_SECONDS.observe((utcnow() - alert.ingested_at).total_seconds())

    async def on_dead(self, alert: Alert, reason: str) -> None:
        await self.history.record_delivery(
            alert, "failed", [{"channel": "*", "outcome": "failed", "reason": reason}]
        )


async def build(rt: Runtime) -> list[Stage]:
    client = httpx.AsyncClient(
        timeout=rt.settings.webhook_timeout_s,
        follow_redirects=False,  # a redirect could lead past the SSRF guard
        headers={"user-agent": "chokewatch-alerts/1"},
    )
    decider = Decider(rt)
    indexed = await decider.exposure.load()
    log.info("exposure index built", subscribers=indexed)
    deliverer = Deliverer(rt, client)
    return [
        Stage(CLASSIFIED, ClassifiedEvent, decider.on_classified),
        Stage(ALERTS, Alert, deliverer.on_alert, on_dead=deliverer.on_dead,
              max_attempts=DELIVERY_ATTEMPTS),
    ]
