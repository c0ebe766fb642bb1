"""`chokewatch soak`: many events through the whole pipeline with short retention.

Shows that Redis memory stops growing once the retention window has passed: events are offered
at a steady rate to ingest, classify and alert running as processes, with every stream kept only
`keep_s` seconds after its groups have acknowledged it. Redis's `used_memory` is sampled
throughout; the figures are the growth per event before and after the first window, what each
family of keys holds at the end, and whether every alert arrived exactly once.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from chokewatch.services.stack import Stack
from chokewatch.shared import streams
from chokewatch.shared.names import SUBMITTED, Names
from chokewatch.shared.progress import QUIET, Tracker
from chokewatch.shared.redis import connect, ensure_streams

from . import workload
from .pipeline import (
    SERVICES,
    BenchReceiver,
    PipelineConfig,
    log_file,
    services_ready,
    stack_env,
    store_population,
    wait_for,
)

HISTORY_MAX = 200  # alerts kept per subscriber during a soak (the product keeps 5,000)


@dataclass
class SoakConfig:
    events: int = 200_000
    rate: float = 300.0  # events offered per second
    keep_s: float = 10.0  # stream retention: entries older than this, once acknowledged, go
    # incidents, memberships, decisions and delivery marks (CHOKEWATCH_INCIDENT_KEEP_DAYS);
    # None: as long as stream entries
    incident_keep_s: float | None = None
    subscribers: int = 20
    drain_timeout: float = 300.0


async def _used(redis) -> int:
    return int((await redis.info("memory"))["used_memory"])


async def _families(redis, names: Names) -> dict[str, dict[str, int]]:
    """Keys and bytes (MEMORY USAGE, sampled) per key family of the namespace."""
    out: dict[str, dict[str, int]] = {}
    async for key in redis.scan_iter(match=f"{names.namespace}:*", count=1_000):
        family = _family(key, names.namespace)
        entry = out.setdefault(family, {"keys": 0, "bytes": 0})
        entry["keys"] += 1
        entry["bytes"] += int(await redis.memory_usage(key, samples=5) or 0)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["bytes"]))


def _family(key: str, namespace: str) -> str:
    parts = key.removeprefix(namespace + ":").split(":")
    if parts[0].startswith("{") and len(parts) > 1:  # {raw}:stream, {inc}:incident:...
        return f"{parts[0]}:{parts[1]}"
    return parts[0]


async def _offer(redis, names: Names, config: SoakConfig, samples: list,
                 progress: Tracker = QUIET) -> float:
    keys = names.stream(SUBMITTED)
    started = time.monotonic()
    sent, next_sample = 0, 0.0
    while sent < config.events:
        due = min(config.events, int((time.monotonic() - started) * config.rate) + 1)
        if due > sent:
            async with redis.pipeline(transaction=False) as pipe:
                for serial in range(sent, due):
                    pipe.xadd(keys.stream, streams.encode(workload.event(serial)))
                await pipe.execute()
            progress.advance(due - sent)
            sent = due
        if time.monotonic() >= next_sample:
            samples.append((time.monotonic() - started, sent, await _used(redis)))
            next_sample = time.monotonic() + 1.0
        await asyncio.sleep(max(0.0, started + sent / config.rate - time.monotonic()))
    return time.monotonic() - started


def _growth_per_event(samples: list[tuple[float, int, int]]) -> float:
    """Least-squares slope of used memory against events sent, in bytes per event."""
    if len(samples) < 3:
        return float("nan")
    xs = [s[1] for s in samples]
    ys = [s[2] for s in samples]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def _incident_keep_s(config: SoakConfig) -> float:
    return config.keep_s if config.incident_keep_s is None else config.incident_keep_s


async def run_soak(url: str, config: SoakConfig, log_path: Path, progress: Tracker = QUIET) -> dict:
    namespace = "soak" + secrets.token_hex(3)
    names = Names(namespace)
    redis = connect(url)
    receiver = BenchReceiver()
    stack = None
    pipeline = PipelineConfig(subscribers=config.subscribers, per_element=1, alerting=1)
    try:
        pop = workload.population(config.subscribers, 1, 1, receiver.base_url)
        await ensure_streams(redis, names)
        await store_population(redis, names, pop)
        env = stack_env(url, namespace, pipeline)
        keep_hours = config.keep_s / 3_600
        env.update(
            CHOKEWATCH_STREAM_KEEP_HOURS=str(keep_hours),
            CHOKEWATCH_CLASSIFIED_KEEP_DAYS=str(keep_hours / 24),
            CHOKEWATCH_INCIDENT_KEEP_DAYS=str(_incident_keep_s(config) / 86_400),
            # Duplicate marks and histories have bounds of days or thousands; scaled down too,
            # so what a long run shows is whether anything grows without a bound.
            CHOKEWATCH_DEDUP_TTL_DAYS=str(_incident_keep_s(config) / 86_400),
            CHOKEWATCH_HISTORY_MAX=str(HISTORY_MAX),
            CHOKEWATCH_TRIM_INTERVAL_S=str(max(1.0, config.keep_s / 5)),
            CHOKEWATCH_LOG_LEVEL="WARNING",
        )
        with log_file(log_path) as log:
            stack = Stack(env, SERVICES, log=log)
            progress.phase("starting ingest, classify and alert")
            stack.start()
            await services_ready(redis, names, timeout=120)
            baseline = await _used(redis)
            samples: list[tuple[float, int, int]] = []
            progress.phase(f"sending events at {config.rate:g}/s", config.events)
            seconds = await _offer(redis, names, config, samples, progress)
            progress.phase("waiting for the last alerts")
            await wait_for(receiver, config.events, config.drain_timeout)
            received = await receiver.unique()
            # One more window, so what the last events left in the streams is trimmed too.
            progress.phase("one more retention window")
            await asyncio.sleep(config.keep_s + max(1.0, config.keep_s / 5) + 1)
            lengths = {hop: int(await redis.xlen(names.stream(hop).stream))
                       for hop in ("submitted", "raw", "classified", "alerts")}
            final = await _used(redis)
            families = await _families(redis, names)
        records = await receiver.records()
    finally:
        if stack is not None:
            stack.stop()
        await receiver.close()
        await redis.aclose()

    window = max(1, int(config.keep_s * config.rate))  # events offered in one retention window
    early = [s for s in samples if s[1] <= 2 * window]
    late = [s for s in samples if s[1] > 2 * window]
    ids = [r[0] for r in records]
    streams_bytes = sum(v["bytes"] for k, v in families.items() if k.endswith(":stream"))
    return {
        "events": config.events,
        "offered_per_s": round(config.events / seconds, 1),
        "keep_s": config.keep_s,
        "incident_keep_s": _incident_keep_s(config),
        "alerts_expected": config.events,
        "alerts_received": received,
        "duplicates": len(ids) - len(set(ids)),
        "stream_lengths_at_end": lengths,
        "used_memory_mb": {"before": round(baseline / 2**20, 2),
                           "peak": round(max([s[2] for s in samples] + [final]) / 2**20, 2),
                           "end": round(final / 2**20, 2)},
        "growth_bytes_per_event": {
            "first_two_windows": round(_growth_per_event(early), 1),
            "after": round(_growth_per_event(late), 1),
        },
        "streams_bytes_at_end": streams_bytes,
        "bytes_per_event_at_end": round((final - baseline) / config.events, 1),
        "families": families,
        "log": str(log_path),
    }
