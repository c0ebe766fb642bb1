"""Delivery alone: alerts written straight to the alerts stream, one alert process sending
signed webhooks to a local receiver. Measures alerts/s delivered, from first write to last
arrival, and the attempts it took (the per-endpoint limit defers some: no attempt is spent)."""

from __future__ import annotations

import asyncio
import secrets
import time
from pathlib import Path

from chokewatch.services.stack import Stack
from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, EventType, new_id, utcnow
from chokewatch.shared.names import ALERTS, Names
from chokewatch.shared.redis import connect, ensure_streams

from . import workload
from .pipeline import BenchReceiver, PipelineConfig, log_file, stack_env, store_population, wait_for


def _alert(n: int, subscriber_id: str) -> Alert:
    cid = new_id()
    return Alert(correlation_id=cid, ingested_at=utcnow(), alert_id=f"alrt_bench_{n:07d}",
                 subscriber_id=subscriber_id, incident_id=f"inc_bench_{n}", event_id=cid,
                 score=55.0, event_type=EventType.mineral_export_control,
                 direction="tightening", title=f"bench alert {n}", elements=["Dy"])


async def run_delivery(url: str, alerts: int, subscribers: int, log_path: Path) -> dict:
    names = Names("benchd" + secrets.token_hex(3))
    redis = connect(url)
    receiver = BenchReceiver()
    stack = None
    try:
        pop = workload.population(subscribers, subscribers // 10, 1, receiver.base_url)
        await ensure_streams(redis, names)
        await store_population(redis, names, pop)
        ids = [s.id for s in pop.subscribers]
        with log_file(log_path) as log:
            stack = Stack(stack_env(url, names.namespace, PipelineConfig()), ["alert"], log=log)
            stack.start()
            keys = names.stream(ALERTS)
            started = time.time()
            for start in range(0, alerts, 100):
                async with redis.pipeline(transaction=False) as pipe:
                    for n in range(start, min(start + 100, alerts)):
                        pipe.xadd(keys.stream, streams.encode(_alert(n, ids[n % len(ids)])))
                    await pipe.execute()
            complete = await wait_for(receiver, alerts, timeout=300)
            records = await receiver.records()
        seconds = max(r[1] for r in records) - started if records else float("nan")
        got = [r[0] for r in records]
        return {
            "alerts": alerts,
            "subscribers": subscribers,
            "complete": complete,
            "seconds": round(seconds, 3),
            "alerts_per_s": round(len(set(got)) / seconds, 1) if records else 0.0,
            "duplicates": len(got) - len(set(got)),
            "note": "one alert process, one receiver endpoint (so the per-endpoint limit of "
                    "concurrent requests applies), signed webhooks, history recorded per alert",
        }
    finally:
        if stack is not None:
            stack.stop()
        await receiver.close()
        await redis.aclose()


def measure(url: str, quick: bool, work: Path) -> dict:
    return asyncio.run(run_delivery(url, 300 if quick else 3_000, 100 if quick else 1_000,
                                    work / "delivery.log"))
