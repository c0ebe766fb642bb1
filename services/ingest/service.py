"""The ingest process: reads API submissions and admits them to the raw stream."""

from __future__ import annotations

from chokewatch.shared.messages import RawEvent
from chokewatch.shared.names import SUBMITTED
from chokewatch.shared.telemetry import DUPLICATES, PUBLISHED, log
from chokewatch.shared.worker import Runtime, Stage

from .dedup import Admitter


async def build(rt: Runtime) -> list[Stage]:
    admitter = Admitter(rt.redis, rt.names, rt.settings.dedup_ttl_days)

    async def on_submitted(event: RawEvent) -> None:
        if await admitter.admit(event):
            PUBLISHED.labels("raw").inc()
        else:
            DUPLICATES.inc()
            log.info("exact duplicate dropped", event_id=event.id)

    return [Stage(SUBMITTED, RawEvent, on_submitted)]
