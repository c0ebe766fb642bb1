"""The ingest process: admits API submissions to the raw stream, and polls the configured
sources (feeds, the Federal Register, announcement pages, folders) in the background."""

from __future__ import annotations

from chokewatch.shared.messages import RawEvent
from chokewatch.shared.names import SUBMITTED
from chokewatch.shared.telemetry import DUPLICATES, PUBLISHED, log
from chokewatch.shared.worker import Runtime, Stage

from .dedup import Admission, Admitter
from .poller import Poller


async def build(rt: Runtime) -> list[Stage]:
    admitter = Admitter(rt.redis, rt.names, rt.settings.dedup_ttl_days)

    async def on_submitted(event: RawEvent) -> None:
        admission = await admitter.check(event)
        if admission is Admission.admitted:
            PUBLISHED.labels("raw").inc()
        else:
            DUPLICATES.labels(admission.value).inc()
            log.info("exact duplicate dropped", event_id=event.id, matched=admission.value)

    rt.background.append(Poller(rt.settings, rt.redis, rt.names, rt.consumer).run)
    return [Stage(SUBMITTED, RawEvent, on_submitted)]
