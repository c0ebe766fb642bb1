"""The storm: one big measure exposes half of every subscriber at once.

100,000 subscribers are stored; one classified event (an enacted Chinese dysprosium control) is
written to the classified stream, and one alert process scores, decides and delivers. Half the
population weights dysprosium heavily, so 50,000 alerts go out: half to Slack-style URLs on one
host, half to webhooks spread over 200 hosts. The hosts are ports of one receiver process on
127.0.0.1 (`receiver.py --endpoints`), every one answering after 100 ms, a few answering their
first requests with 429 and `Retry-After`. Reported: time from the event's write to the first and
the last alert accepted, alerts/s, duplicates and lost alerts, and the batch score's cost per
exposed subscriber on this population at 1k and at full size.
"""

from __future__ import annotations

import asyncio
import secrets
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from chokewatch.services.alert.index import ExposureIndex
from chokewatch.services.stack import Stack
from chokewatch.shared import streams
from chokewatch.shared.messages import (
    Classification,
    ClassifiedEvent,
    Direction,
    EventType,
    Status,
    new_id,
    utcnow,
)
from chokewatch.shared.names import ALERTS, CLASSIFIED, Names
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.progress import QUIET, Tracker
from chokewatch.shared.redis import connect, ensure_streams
from chokewatch.shared.subscribers import SubscriberStore

from . import workload
from .pipeline import BenchReceiver, MemorySampler, PipelineConfig, log_file, stack_env


@dataclass
class StormConfig:
    subscribers: int = 100_000  # half of them exposed
    webhook_hosts: int = 200
    delay_ms: float = 100.0  # every endpoint answers after this long
    throttled_hosts: int = 5  # webhook hosts that first answer 429 with Retry-After: 1
    throttle_first: int = 3  # 429s each of them answers (fewer than the breaker's failures)
    # The alert worker's CHOKEWATCH_DELIVERY_CONCURRENCY and CHOKEWATCH_ENDPOINT_CONCURRENCY, at
    # their defaults: a storm is measured as a stack out of the box would meet it.
    delivery_concurrency: int = 256
    endpoint_concurrency: int = 4
    # Alert processes sharing the work, one per core here: the event's decisions go to one of
    # them, the deliveries to both (one consumer group).
    workers: int = 2
    timeout_s: float = 1_200.0

    @property
    def exposed(self) -> int:
        return (self.subscribers + 1) // 2


STORE_CHUNK = 1_000  # profiles made and indexed at a time
WRITES_IN_FLIGHT = 20  # within the client's connection pool


def storm_event() -> ClassifiedEvent:
    event_id = new_id()
    return ClassifiedEvent(
        correlation_id=event_id, ingested_at=utcnow(), event_id=event_id,
        title="China places dysprosium under export licensing",
        summary="An enacted export control on dysprosium and its compounds, in force at once.",
        classification=Classification(
            elements=["Dy"], event_type=EventType.mineral_export_control, issuer="CN",
            direction=Direction.tightening, status=Status.enacted, severity=0.8,
            incident_id="inc_storm_" + event_id[-12:]),
    )


def subscriber(n: int, slack_base: str, hook_bases: list[str]) -> Subscriber:
    """Every other subscriber is exposed (so any prefix is half exposed); of those, every other
    one alerts on Slack, the rest on a webhook host in turn."""
    sub_id = f"sub_storm_{n:06d}"
    now = utcnow()
    if n % 2:
        elements = {workload.UNTOUCHED[n % len(workload.UNTOUCHED)]: {"weight": 0.8}}
        channels = [{"type": "webhook", "url": f"{hook_bases[0]}/quiet/{sub_id}"}]
    else:
        elements = {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}}
        if (n // 2) % 2 == 0:
            channels = [{"type": "slack", "url": f"{slack_base}/services/{sub_id}"}]
        else:
            host = hook_bases[(n // 4) % len(hook_bases)]
            channels = [{"type": "webhook", "url": f"{host}/hooks/{sub_id}",
                         "secret": workload.secret_for(sub_id)}]
    return Subscriber(id=sub_id, created_at=now, updated_at=now, name=f"storm subscriber {n}",
                      elements=elements, threshold=40, channels=channels)


async def store_all(redis, names: Names, config: StormConfig, slack_base: str,
                    hook_bases: list[str], progress: Tracker) -> ExposureIndex:
    """Store the population through the subscriber store (as the API does), and index it here
    too, for the scoring figures."""
    store, index = SubscriberStore(redis, names), ExposureIndex()
    progress.phase(f"storm: storing {config.subscribers:,} subscribers", config.subscribers)
    for start in range(0, config.subscribers, STORE_CHUNK):
        subs = [subscriber(n, slack_base, hook_bases)
                for n in range(start, min(start + STORE_CHUNK, config.subscribers))]
        for at in range(0, len(subs), WRITES_IN_FLIGHT):
            await asyncio.gather(*(store.replace(s, None) for s in subs[at:at + WRITES_IN_FLIGHT]))
        for s in subs:
            index.add(s.id, s)
        progress.advance(len(subs))
    return index


def scoring_cost(index: ExposureIndex, event: ClassifiedEvent, min_runs: int = 5,
                 min_seconds: float = 0.3) -> dict:
    """The batch score of the storm event over `index`: the median of runs over a few tenths
    of a second (a median, not the best, so small and large populations are judged alike)."""
    times: list[float] = []
    while len(times) < min_runs or sum(times) < min_seconds:
        started = time.perf_counter()
        found = index.score(event.classification)
        times.append(time.perf_counter() - started)
    typical = statistics.median(times)
    return {"subscribers": len(index), "exposed": len(found), "runs": len(times),
            "ms": round(1000 * typical, 2),
            "us_per_exposed_subscriber": round(1e6 * typical / max(1, len(found)), 3)}


def storm_scoring(index: ExposureIndex, event: ClassifiedEvent, config: StormConfig) -> dict:
    small = ExposureIndex()
    for n in range(min(1_000, config.subscribers)):
        small.add(f"sub_storm_{n:06d}", subscriber(n, "http://127.0.0.1:1", ["http://127.0.0.1:1"]))
    low, high = scoring_cost(small, event), scoring_cost(index, event)
    return {"small": low, "full": high,
            "ratio": round(high["us_per_exposed_subscriber"] / low["us_per_exposed_subscriber"], 2)}


def storm_env(url: str, namespace: str, config: StormConfig) -> dict[str, str]:
    env = stack_env(url, namespace, PipelineConfig())
    env.update(
        CHOKEWATCH_SLACK_HOSTS="127.0.0.1",  # the Slack-style endpoint is local too
        CHOKEWATCH_DELIVERY_CONCURRENCY=str(config.delivery_concurrency),
        CHOKEWATCH_ENDPOINT_CONCURRENCY=str(config.endpoint_concurrency),
        # One event's decisions outlast the default 30 s; no other worker is there to take over.
        CHOKEWATCH_CLAIM_IDLE_MS=str(int(config.timeout_s * 1000)),
    )
    return env


async def alert_ready(redis, names: Names, timeout: float, workers: int = 1) -> None:
    """Every alert worker reads its streams (each starts reading once its index is built)."""
    deadline = time.monotonic() + timeout
    hops = [names.stream(CLASSIFIED), names.stream(ALERTS)]
    while time.monotonic() < deadline:
        counts = [g["consumers"] for keys in hops for g in await redis.xinfo_groups(keys.stream)
                  if g["name"] == keys.group]
        if len(counts) == len(hops) and all(n >= workers for n in counts):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the alert workers did not start reading their streams")


async def watch(redis, names: Names, receiver: BenchReceiver, expected: int, timeout: float,
                progress: Tracker) -> dict:
    """Until every alert arrived or the timeout: when the last alert was published."""
    progress.phase(f"storm: {expected:,} alerts to deliver", expected)
    deadline, shown, decided_at = time.monotonic() + timeout, 0, None
    alerts = names.stream(ALERTS).stream
    while time.monotonic() < deadline:
        unique = (await receiver.stats())["unique"]
        progress.advance(unique - shown)
        shown = unique
        if decided_at is None and await redis.xlen(alerts) >= expected:
            decided_at = time.time()
        if unique >= expected:
            break
        await asyncio.sleep(0.2)
    return {"decided_at": decided_at}


async def run_storm(url: str, config: StormConfig, log_path: Path,
                    progress: Tracker = QUIET) -> dict:
    names = Names("storm" + secrets.token_hex(3))
    redis = connect(url)
    receiver = BenchReceiver("--endpoints", str(config.webhook_hosts), "--delay-ms",
                             str(config.delay_ms), "--throttled", str(config.throttled_hosts),
                             "--throttle-first", str(config.throttle_first))
    stacks: list[Stack] = []
    try:
        hook_bases = [f"http://127.0.0.1:{port}" for port in receiver.ports]
        await ensure_streams(redis, names)
        started = time.monotonic()
        index = await store_all(redis, names, config, receiver.base_url, hook_bases, progress)
        stored_s = time.monotonic() - started
        event = storm_event()
        scoring = storm_scoring(index, event, config)
        del index
        expected = config.exposed
        with log_file(log_path) as log:
            progress.phase(f"storm: {config.workers} alert worker(s) index "
                           f"{config.subscribers:,} profiles")
            env = storm_env(url, names.namespace, config)
            stacks = [Stack(env, ["alert"], log=log) for _ in range(config.workers)]
            started = time.monotonic()
            for stack in stacks:
                stack.start()
            await alert_ready(redis, names, timeout=600, workers=config.workers)
            index_s = time.monotonic() - started
            pids = {f"alert-{n}": stack.procs["alert"].pid for n, stack in enumerate(stacks)}
            with MemorySampler(pids) as memory:
                written = time.time()
                await redis.xadd(names.stream(CLASSIFIED).stream, streams.encode(event))
                watched = await watch(redis, names, receiver, expected, config.timeout_s, progress)
                records = await receiver.records()
                stats = await receiver.stats()
    finally:
        for stack in stacks:
            stack.stop()
        await receiver.close()
        await redis.aclose()
    return summary(config, records, stats, written, watched["decided_at"], stored_s, index_s,
                   max(memory.peaks.values(), default=0), scoring, str(log_path))


def summary(config: StormConfig, records, stats, written: float, decided_at: float | None,
            stored_s: float, index_s: float, alert_rss: int, scoring: dict, log: str) -> dict:
    arrivals = sorted(r[1] for r in records)
    unique = stats["unique"]
    last = arrivals[-1] - written if arrivals else float("nan")
    return {
        "subscribers": config.subscribers,
        "exposed": config.exposed,
        "expected": config.exposed,
        "delivered": unique,
        "lost": config.exposed - unique,
        "duplicates": stats["received"] - unique,
        "refused_429": stats["refused"],
        "first_alert_s": round(arrivals[0] - written, 3) if arrivals else None,
        "last_alert_s": round(last, 3) if arrivals else None,
        "all_decided_s": round(decided_at - written, 3) if decided_at else None,
        "alerts_per_s": round(unique / last, 1) if arrivals else 0.0,
        "store_s": round(stored_s, 1),
        "alert_worker_index_s": round(index_s, 1),
        "alert_peak_rss_mb": round(alert_rss / 2**20, 1),
        "scoring": scoring,
        "shape": {"slack_host": 1, "webhook_hosts": config.webhook_hosts,
                  "answer_after_ms": config.delay_ms, "throttled_hosts": config.throttled_hosts,
                  "throttle_first": config.throttle_first,
                  "delivery_concurrency": config.delivery_concurrency,
                  "endpoint_concurrency": config.endpoint_concurrency,
                  "alert_workers": config.workers},
        "log": log,
    }


def measure(url: str, config: StormConfig, work: Path, progress: Tracker = QUIET) -> dict:
    return asyncio.run(run_storm(url, config, work / "storm.log", progress))
