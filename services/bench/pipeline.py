"""The whole pipeline through Redis: ingest, classify and alert as processes, a local receiver.

Events are written to the `submitted` stream as the API would; subscribers are stored directly.
Two phases: a burst (every event at once, sustained events/s until the last alert arrives) and
an open-loop phase at a fixed offered rate (latency from an event's `ingested_at` to the arrival
of each of its alerts). Each service's resident memory is sampled throughout.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from chokewatch.services.stack import Stack
from chokewatch.shared import secretbox, streams
from chokewatch.shared.embedded import free_port
from chokewatch.shared.names import SUBMITTED, Names
from chokewatch.shared.redis import connect, ensure_streams
from chokewatch.shared.subscribers import SubscriberStore

from . import workload

SERVICES = ("ingest", "classify", "alert")


@dataclass
class PipelineConfig:
    subscribers: int = 10_000
    per_element: int = 100  # 1% of 10k: subscribers each event reaches
    alerting: int = 3  # of those, alerted
    burst_events: int = 1_500
    rate: float = 50.0  # offered events/s in the latency phase: where the p99 target is defined
    rate_seconds: float = 10.0
    drain_timeout: float = 300.0
    profile_dir: Path | None = None  # run each service under cProfile, output here
    log_level: str = "INFO"


@dataclass
class MemorySampler:
    """Peak resident memory of each service process, sampled in a thread, and the CPU time each
    used while sampled."""

    procs: dict[str, int]
    interval: float = 0.25
    peaks: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def _cpu(self) -> dict[str, float]:
        out = {}
        for name, pid in self.procs.items():
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.Error:
                continue
            out[name] = times.user + times.system
        return out

    def run(self) -> None:
        handles = {name: psutil.Process(pid) for name, pid in self.procs.items()}
        while not self._stop.is_set():
            for name, handle in handles.items():
                try:
                    rss = handle.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[name] = max(self.peaks.get(name, 0), rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._cpu_start = self._cpu()
        self._thread = threading.Thread(target=self.run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        end = self._cpu()
        self.cpu_s = {name: end[name] - self._cpu_start[name] for name in end if name in self._cpu_start}


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, math.ceil(q * len(sorted_values)) - 1))
    return sorted_values[index]


class BenchReceiver:
    """The receiver process (services/bench/receiver.py) and a client for its counts."""

    def __init__(self, *options: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "chokewatch.services.bench.receiver", str(self.port), *options],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        )
        ready, _, extra = self.proc.stdout.readline().strip().partition(" ")
        if ready != "ready":
            raise RuntimeError("the bench receiver did not start")
        self.ports: list[int] = json.loads(extra) if extra else []  # --endpoints N asked for
        self.client = httpx.AsyncClient(base_url=self.base_url, timeout=30)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def unique(self) -> int:
        return (await self.stats())["unique"]

    async def stats(self) -> dict[str, int]:
        return (await self.client.get("/stats")).json()

    async def records(self) -> list[tuple[str, float, float]]:
        return [tuple(r) for r in (await self.client.get("/records")).json()]

    async def close(self) -> None:
        await self.client.aclose()
        self.proc.terminate()
        self.proc.wait(10)


async def store_population(redis, names: Names, pop: workload.Population) -> None:
    store = SubscriberStore(redis, names)
    chunk = 20  # writes in flight at once, within the client's connection pool
    for start in range(0, len(pop.subscribers), chunk):
        await asyncio.gather(*(store.replace(s, None) for s in pop.subscribers[start:start + chunk]))


async def services_ready(redis, names: Names, timeout: float) -> None:
    """Every consumer group has a reader (the alert service reads only once its index is built)."""
    deadline = time.monotonic() + timeout
    hops = [names.stream(h) for h in ("submitted", "raw", "classified", "alerts")]
    while time.monotonic() < deadline:
        counts = []
        for keys in hops:
            groups = await redis.xinfo_groups(keys.stream)
            counts += [g["consumers"] for g in groups if g["name"] == keys.group]
        if len(counts) == len(hops) and all(counts):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("the services did not start reading their streams")


async def wait_for(receiver: BenchReceiver, expected: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await receiver.unique() >= expected:
            return True
        await asyncio.sleep(0.05)
    return False


async def _burst(redis, keys, first: int, count: int) -> float:
    """Write `count` events as fast as one pipelined client can; returns the start time."""
    started = time.time()
    for start in range(first, first + count, 50):
        async with redis.pipeline(transaction=False) as pipe:
            for serial in range(start, min(start + 50, first + count)):
                pipe.xadd(keys.stream, streams.encode(workload.event(serial)))
            await pipe.execute()
    return started


async def _offer(redis, keys, first: int, rate: float, seconds: float) -> tuple[int, float]:
    """Open loop: event k is written at start + k / rate, whatever the pipeline is doing."""
    count = int(rate * seconds)
    started = time.monotonic()
    sent = 0
    while sent < count:
        due = min(count, int((time.monotonic() - started) * rate) + 1)
        if due > sent:
            async with redis.pipeline(transaction=False) as pipe:
                for serial in range(first + sent, first + due):
                    pipe.xadd(keys.stream, streams.encode(workload.event(serial)))
                await pipe.execute()
            sent = due
        await asyncio.sleep(max(0.0, started + sent / rate - time.monotonic()))
    return count, time.monotonic() - started


def stack_env(url: str, namespace: str, config: PipelineConfig) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CHOKEWATCH_REDIS_URL=url,
        CHOKEWATCH_NAMESPACE=namespace,
        CHOKEWATCH_METRICS_PORT="0",
        CHOKEWATCH_WEBHOOK_ALLOW_HOSTS="127.0.0.1",
        CHOKEWATCH_WEBHOOK_ALLOW_HTTP="true",
        CHOKEWATCH_LOG_LEVEL=config.log_level,
    )
    env.pop("CHOKEWATCH_FAULT_HOLD_MS", None)
    return env


class _ProfiledStack(Stack):
    """Services run under cProfile; each writes its profile when stopped with SIGTERM."""

    def __init__(self, env, services, log, out: Path) -> None:
        super().__init__(env, services, log)
        self.out = out

    def start_one(self, name: str) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", "cProfile", "-o", str(self.out / f"{name}.prof"),
             "-m", "chokewatch.services.cli", "run", name],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )


def log_file(path: Path):
    return open(path, "w")  # noqa: SIM115 - the caller closes it


async def run_pipeline(url: str, config: PipelineConfig, log_path: Path) -> dict:
    namespace = "bench" + secrets.token_hex(3)
    names = Names(namespace)
    redis = connect(url)
    receiver = BenchReceiver()
    stack = None
    try:
        pop = workload.population(config.subscribers, config.per_element, config.alerting,
                                  receiver.base_url)
        env = stack_env(url, namespace, config)
        secretbox.configure_env(env)  # the population stored here is read by the services
        await ensure_streams(redis, names)
        await store_population(redis, names, pop)
        keys = names.stream(SUBMITTED)
        with log_file(log_path) as log:
            if config.profile_dir is not None:
                stack = _ProfiledStack(env, SERVICES, log, config.profile_dir)
            else:
                stack = Stack(env, SERVICES, log=log)
            stack.start()
            await services_ready(redis, names, timeout=120)
            with MemorySampler({n: p.pid for n, p in stack.procs.items()}) as memory:
                serial = 0
                warm = 20
                await _burst(redis, keys, serial, warm)
                serial += warm
                if not await wait_for(receiver, warm * config.alerting, config.drain_timeout):
                    raise RuntimeError(f"warm-up alerts did not arrive; service logs in {log_path}")

                burst_start = await _burst(redis, keys, serial, config.burst_events)
                serial += config.burst_events
                expected = (warm + config.burst_events) * config.alerting
                burst_done = await wait_for(receiver, expected, config.drain_timeout)
                records = await receiver.records()
                burst_seconds = max(r[1] for r in records) - burst_start

                rate_start = time.time()
                offered, offer_seconds = await _offer(redis, keys, serial, config.rate,
                                                      config.rate_seconds)
                expected += offered * config.alerting
                rate_done = await wait_for(receiver, expected, config.drain_timeout)
                records = await receiver.records()
            memory_peaks, cpu_s = dict(memory.peaks), dict(memory.cpu_s)
            events = config.burst_events + offered
    finally:
        if stack is not None:
            stack.stop()
        await receiver.close()
        await redis.aclose()

    latencies = sorted((r[1] - r[2]) * 1000 for r in records if r[2] >= rate_start)
    ids = [r[0] for r in records]
    return {
        "shape": {
            "subscribers": config.subscribers,
            "reached_per_event": config.per_element,
            "alerted_per_event": config.alerting,
            "hit_elements": len(workload.HIT),
            "text_chars": len(workload.event(0).text),
            "note": (f"each event is a control on one of {len(workload.HIT)} elements, "
                     f"{len(workload.HIT)} of them to an announcement number (one incident); it "
                     f"reaches {config.per_element} subscribers "
                     f"({100 * config.per_element / config.subscribers:.1f}%), of whom "
                     f"{config.alerting} score above their threshold"),
        },
        "burst": {
            "events": config.burst_events,
            "alerts": config.burst_events * config.alerting,
            "complete": burst_done,
            "seconds": round(burst_seconds, 3),
            "events_per_s": round(config.burst_events / burst_seconds, 1),
            "alerts_per_s": round(config.burst_events * config.alerting / burst_seconds, 1),
        },
        "latency": {
            "offered_rate": config.rate,
            "achieved_offer_rate": round(offered / offer_seconds, 1),
            "events": offered,
            "alerts": len(latencies),
            "complete": rate_done,
            "p50_ms": round(_percentile(latencies, 0.50), 1),
            "p95_ms": round(_percentile(latencies, 0.95), 1),
            "p99_ms": round(_percentile(latencies, 0.99), 1),
            "max_ms": round(latencies[-1], 1) if latencies else float("nan"),
        },
        "duplicates": len(ids) - len(set(ids)),
        "peak_rss_mb": {name: round(rss / 2**20, 1) for name, rss in memory_peaks.items()},
        # CPU time of each service over the burst and the latency phase, per event.
        "cpu_ms_per_event": {name: round(1000 * s / events, 2) for name, s in cpu_s.items()},
        "log": str(log_path),
    }
