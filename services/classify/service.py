"""The classify process: reads raw events, classifies them, assigns incidents, publishes."""

from __future__ import annotations

import asyncio
from itertools import chain

from chokewatch.shared import streams
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.incident_views import report_card
from chokewatch.shared.messages import ClassifiedEvent, CourseStep, RawEvent, new_id
from chokewatch.shared.names import CLASSIFIED, RAW
from chokewatch.shared.redisbatch import Command
from chokewatch.shared.telemetry import PUBLISHED, log
from chokewatch.shared.worker import Runtime, Stage

from .incidents import IncidentStore

SUMMARY_CHARS = 400
TRIM_BATCH = 100  # incidents dropped per call (one short script)


def summarise(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


async def build(rt: Runtime) -> list[Stage]:
    incidents = IncidentStore(rt.redis, rt.names, keep_s=rt.settings.incident_keep_days * 86_400)
    out = rt.names.stream(CLASSIFIED)

    async def on_raw(event: RawEvent) -> None:
        # On the loop, as the incident work after it: a text takes a millisecond or two, and a
        # thread would only contend with the loop for the interpreter lock at every hand-over.
        c = classify(event.text, event.title, event.published_at)
        decision = await incidents.assign(
            event.id, c, event.text, event.title, event.published_at or event.ingested_at
        )
        revision, course = 1, []
        if decision is not None:
            c = c.model_copy(update={"incident_id": decision.incident_id})
            revision = decision.revision
            course = [CourseStep.model_validate(step) for step in decision.course]
        classified = ClassifiedEvent(
            id=new_id(),
            correlation_id=event.correlation_id,
            ingested_at=event.ingested_at,
            event_id=event.id,
            title=event.title,
            summary=summarise(event.text),
            source_url=event.source_url,
            published_at=event.published_at,
            classification=c,
            incident_revision=revision,
            course=course,
            alert_after=event.alert_after,
            submitted_by=event.submitted_by,
            source=event.source,
        )
        await incidents.file_report(decision, event.id, report_card(
            event_id=event.id, title=event.title, text=event.text, source_url=event.source_url,
            source=event.source, submitted_by=event.submitted_by, published_at=event.published_at,
            ingested_at=event.ingested_at, revision=revision, classification=c,
        ), c, event.text, event.title, event.published_at or event.ingested_at,
            # Published after the report is filed, in the same round trip.
            then=[Command(("XADD", out.stream, "*", *chain(*streams.encode(classified).items())))])
        PUBLISHED.labels(CLASSIFIED).inc()

    rt.background.append(lambda stop: trim_forever(incidents, stop, rt.settings.trim_interval_s))
    return [Stage(RAW, RawEvent, on_raw)]


async def trim_forever(incidents: IncidentStore, stop: asyncio.Event, interval_s: float) -> None:
    """Drop incidents not written for CHOKEWATCH_INCIDENT_KEEP_DAYS, every `interval_s`."""
    while not stop.is_set():
        try:
            while await incidents.trim() >= TRIM_BATCH:
                pass
        except Exception as exc:  # noqa: BLE001 - Redis away: next round
            log.warning("incident trimming failed", error=repr(exc))
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except TimeoutError:
            pass
