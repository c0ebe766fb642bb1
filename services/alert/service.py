"""The alert process: two stages in one service.

decide  (classified -> alerts): match exposed subscribers, score, decide, record, publish.
deliver (alerts -> channels):   named steps, see deliver.py; digests go out from digest.py.

Record, then publish: alert ids are derived from what an alert is about (subscriber, incident,
revision), and the decision is recorded, with the alert's payload, before the alert is
published. A decision redone after a crash finds its record and publishes the payload recorded
first, so one alert id never carries two payloads; delivery claims each (alert id, channel)
before sending, so copies of one alert never both go out. A report that arrives after a later
revision was alerted is recorded in the history as late: the alert sent tells the incident's
course (`Alert.course`).
"""

from __future__ import annotations

import asyncio
import hashlib

from chokewatch.shared import streams
from chokewatch.shared.core.decide import Decision, Prior, decide
from chokewatch.shared.core.score import ScoreResult, band, score
from chokewatch.shared.core.severity import SILENT_TYPES
from chokewatch.shared.incident_views import outlet
from chokewatch.shared.messages import Alert, ClassifiedEvent, new_id
from chokewatch.shared.names import ALERTS, CLASSIFIED
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.telemetry import ALERTS as ALERT_COUNT
from chokewatch.shared.telemetry import log
from chokewatch.shared.worker import Runtime, Stage

from .deliver import Deliverer
from .digest import DigestFlusher, flush_forever
from .exposure import ExposureView
from .history import History
from .schedule import products_hit
from .sender import Sender


def alert_id(subscriber_id: str, incident_id: str, revision: int) -> str:
    digest = hashlib.sha256(f"{subscriber_id}|{incident_id}|r{revision}".encode()).hexdigest()
    return "alrt_" + digest[:24]


PROFILE_BATCH = 500  # full profiles read (one HMGET) and scored again at a time
# Decisions recorded and alerts published per pipelined batch: an event reaching many
# subscribers costs a few round trips per batch, and its first alerts go out while later
# batches are still being recorded.
DECIDE_BATCH = 500

EVIDENCE_PHRASES = 3  # phrases kept per field in an alert's evidence
EVIDENCE_CHARS = 300  # longest phrase kept


def evidence_summary(evidence: dict[str, list[str]]) -> dict[str, list[str]]:
    """The first few phrases that decided each field, each cut short: enough to check a reading."""
    def cut(phrase: str) -> str:
        phrase = " ".join(phrase.split())
        return phrase if len(phrase) <= EVIDENCE_CHARS else phrase[: EVIDENCE_CHARS - 1].rstrip() + "…"

    return {field: [cut(p) for p in phrases[:EVIDENCE_PHRASES]]
            for field, phrases in sorted(evidence.items()) if phrases}


def build_alert(event: ClassifiedEvent, sub: Subscriber, result: ScoreResult, kind: str) -> Alert:
    c = event.classification
    incident = c.incident_id or event.event_id
    return Alert(
        id=new_id(),
        correlation_id=event.correlation_id,
        ingested_at=event.ingested_at,
        alert_id=alert_id(sub.id, incident, event.incident_revision),
        subscriber_id=sub.id,
        incident_id=incident,
        incident_revision=event.incident_revision,
        event_id=event.event_id,
        kind=kind,
        score=result.score,
        parts=result.parts,
        elements=result.elements,
        suppliers=result.suppliers,
        products=products_hit(sub.products, result.elements),
        event_type=c.event_type,
        direction=c.direction,
        status=c.status,
        title=event.title,
        summary=event.summary,
        source_url=event.source_url,
        published_at=event.published_at,
        submitted_by=event.submitted_by,
        course=event.course,
        band=band(result.score),
        issuer=c.issuer,
        effective_date=c.effective_date,
        stages=c.stages,
        companies=c.companies,
        chips_involved=c.chips_involved,
        severity=c.severity,
        evidence=evidence_summary(c.evidence),
        source_name=outlet(event.source_url, event.source),
    )


def _backfilled(event: ClassifiedEvent) -> bool:
    """Read back from before the source's cut-off: kept as an incident, sent to no one."""
    if event.alert_after is None:
        return False
    return (event.published_at or event.ingested_at) < event.alert_after


class Decider:
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.exposure = ExposureView(rt.redis, rt.names)
        self.history = History(
            rt.redis, rt.names, keep_s=rt.settings.history_keep_days * 86_400,
            keep_max=rt.settings.history_max,
            decisions_keep_s=rt.settings.incident_keep_days * 86_400,
        )
        self.out = rt.names.stream(ALERTS)
        self.hold_s = rt.settings.fault_decide_hold_ms / 1000

    async def on_classified(self, event: ClassifiedEvent) -> None:
        c = event.classification
        if c.event_type in SILENT_TYPES or c.incident_id is None or _backfilled(event):
            return
        # Score everyone at once from the index's columns, then read the prior decisions of
        # those with any exposure in one round trip: most score low and send nothing. Only
        # those a decision may send to (over their threshold, or alerted of the incident
        # before) are read in full and scored again by the scalar scorer, whose result (the
        # same score, with its explanation) the alert carries.
        scored = await self.exposure.score(c)
        priors = await self.history.priors(scored.ids, c.incident_id)
        needed = [(scored.ids[i], stored) for i, stored in enumerate(priors)
                  if stored is not None or scored.crossing[i]]
        to_send: list[tuple[Alert, Decision, int]] = []
        for start in range(0, len(needed), PROFILE_BATCH):
            chunk = needed[start:start + PROFILE_BATCH]
            subs = await self.exposure.profiles([sid for sid, _ in chunk])
            for sid, stored in chunk:
                sub = subs.get(sid)
                if sub is None:  # deleted since it was scored
                    continue
                result = score(c, sub, companies=c.companies)
                if result.score <= 0:
                    continue
                decision = decide(
                    Prior.model_validate(stored) if stored else None, result, c,
                    revision=event.incident_revision, threshold=sub.threshold,
                    muted=sub.muted_event_types,
                )
                if decision.send:
                    number = (stored or {}).get("count", 0) + 1
                    to_send.append((build_alert(event, sub, result, decision.kind), decision, number))
                    if len(to_send) == DECIDE_BATCH:
                        await self._send(to_send)
                        to_send = []
                elif decision.late or (stored or {}).get("event_id") == event.event_id:
                    await self._again(event, sub, result, decision)
        await self._send(to_send)

    async def _send(self, batch: list[tuple[Alert, Decision, int]]) -> None:
        """Record a batch of decisions, then publish their alerts: a few round trips per batch."""
        if not batch:
            return
        alerts = await self.history.record_decisions(
            [(alert, decision.record, number) for alert, decision, number in batch])
        if self.hold_s:  # fault drills: a kill here leaves decisions recorded, not published
            await asyncio.sleep(self.hold_s)
        await streams.publish_many(self.rt.redis, self.out, alerts)
        for alert, (_, decision, _) in zip(alerts, batch, strict=True):
            ALERT_COUNT.labels(decision.kind).inc()
            log.info("alert decided", subscriber=alert.subscriber_id, incident=alert.incident_id,
                     score=alert.score, kind=decision.kind, reason=decision.reason)

    async def _again(self, event: ClassifiedEvent, sub: Subscriber, result: ScoreResult,
                     decision: Decision) -> None:
        """An event decided before, or late. Its alert, if one was recorded for it and delivery
        has not taken it up, may never have been published (a crash in between): publish the
        recorded payload again (delivery sends each channel once, a digest holds each alert
        once). A late report with no alert is recorded as late."""
        alert = build_alert(event, sub, result, "update")
        first = await self.history.undelivered(sub.id, alert.alert_id)
        if first is not None and first.event_id == event.event_id:
            await streams.publish(self.rt.redis, self.out, first)
            log.info("alert published again", subscriber=sub.id, alert=first.alert_id)
        elif decision.late and await self.history.record_late(alert, decision.reason):
            log.info("late report recorded", subscriber=sub.id, incident=alert.incident_id,
                     revision=alert.incident_revision, reason=decision.reason)


async def build(rt: Runtime) -> list[Stage]:
    settings = rt.settings
    decider = Decider(rt)
    indexed = await decider.exposure.load()
    log.info("exposure index built", subscribers=indexed)
    sender = Sender(rt)  # one sender: digests and alerts share endpoint slots and breakers
    deliverer = Deliverer(rt, sender)
    flusher = DigestFlusher(rt, sender)
    rt.background.append(lambda stop: flush_forever(flusher, stop))
    return [
        Stage(CLASSIFIED, ClassifiedEvent, decider.on_classified),
        Stage(
            ALERTS, Alert, deliverer.on_alert, on_dead=deliverer.on_dead,
            max_attempts=settings.delivery_max_attempts,
            retry_base_ms=settings.delivery_retry_base_ms,
            retry_max_ms=settings.delivery_retry_max_ms,
            concurrency=settings.delivery_concurrency,
        ),
    ]
