"""One fault drill: a private Valkey with its append-only file, the services as processes,
subscribers with webhooks to local receivers, and events fed mid-fault.

Every event alerts a known pair of subscribers (those of its element), so what must arrive is
known in advance: one delivery per (event, subscriber), each with its own webhook-id.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis as syncredis

from chokewatch.services.bench import workload
from chokewatch.services.demo.receiver import Receiver
from chokewatch.services.demo.run import wait_drained
from chokewatch.shared import secretbox, streams
from chokewatch.shared.embedded import EmbeddedRedis
from chokewatch.shared.names import SUBMITTED, Names
from chokewatch.shared.redis import connect, ensure_streams
from chokewatch.shared.subscribers import SubscriberStore
from tests.conftest import Services, seed_subscriber_for_test, wait_for

PIPELINE = ("ingest", "classify", "alert")
# Each hit element reaches 3 subscribers and alerts 2; 30 more watch elements no event touches.
SIZE, PER_ELEMENT, ALERTING = 60, 3, 2


@dataclass
class Row:
    fault: str
    sent: int
    expected: int
    received: int = 0
    duplicated: int = 0
    dead_lettered: dict[str, int] = field(default_factory=dict)
    missing: int = 0
    seconds: float = 0.0
    note: str = ""


class Drill:
    def __init__(self, tmp_path: Path, fault: str) -> None:
        self.tmp_path = tmp_path
        self.started = time.monotonic()
        self.server = EmbeddedRedis(tmp_path / "redis")
        self.server.start()
        self.redis = syncredis.Redis.from_url(self.server.url, decode_responses=True)
        self.names = Names("f" + secrets.token_hex(4))
        self.receivers: dict[str, list[Receiver]] = {}  # base name -> the instances it has had
        self.receiver = self.new_receiver("main")
        env = dict(os.environ)
        env.update(
            CHOKEWATCH_REDIS_URL=self.server.url,
            CHOKEWATCH_NAMESPACE=self.names.namespace,
            CHOKEWATCH_METRICS_PORT="0",
            CHOKEWATCH_CLAIM_IDLE_MS="1000",
            CHOKEWATCH_RETRY_BASE_MS="100",
            CHOKEWATCH_RETRY_MAX_MS="1000",
            CHOKEWATCH_MAX_ATTEMPTS="3",
            CHOKEWATCH_DELIVERY_RETRY_BASE_MS="200",
            CHOKEWATCH_DELIVERY_RETRY_MAX_MS="1000",
            CHOKEWATCH_DELIVERY_MAX_ATTEMPTS="200",
            CHOKEWATCH_BREAKER_OPEN_S="0.5",
            CHOKEWATCH_WEBHOOK_TIMEOUT_S="2",
            CHOKEWATCH_WEBHOOK_ALLOW_HOSTS="127.0.0.1",
            CHOKEWATCH_WEBHOOK_ALLOW_HTTP="true",
        )
        env.pop("CHOKEWATCH_FAULT_HOLD_MS", None)
        secretbox.configure_env(env)  # subscribers stored here are read by the services
        log_dir = tmp_path / "logs"
        log_dir.mkdir()
        self.services = Services(env, log_dir)
        self.procs: dict[str, object] = {}
        self.population = workload.population(SIZE, PER_ELEMENT, ALERTING, self.receiver.base_url)
        self.events: list = []
        self.row = Row(fault, 0, 0)

    # set-up
    def new_receiver(self, name: str, port: int = 0) -> Receiver:
        receiver = Receiver(port=port).__enter__()
        self.receivers.setdefault(name, []).append(receiver)
        return receiver

    def store_subscribers(self, hook_base: dict[str, str] | None = None) -> None:
        """Store the population; `hook_base` sends some subscribers to another receiver."""
        async def put() -> None:
            redis = connect(self.server.url)
            try:
                await ensure_streams(redis, self.names)
                store = SubscriberStore(redis, self.names)
                for sub in self.population.subscribers:
                    base = (hook_base or {}).get(sub.id)
                    if base:
                        url = f"{base}/hooks/{sub.id}"
                        sub = sub.model_copy(update={"channels": [
                            sub.channels[0].model_copy(update={"url": url})]})
                    await seed_subscriber_for_test(store, sub)
            finally:
                await redis.aclose()

        asyncio.run(put())
        for receivers in self.receivers.values():
            for r in receivers:
                for sub in self.population.subscribers:
                    r.secrets[f"/hooks/{sub.id}"] = workload.secret_for(sub.id)

    def start(self, name: str) -> None:
        self.procs[name] = self.services.start(name)

    def start_all(self) -> None:
        for name in PIPELINE:
            self.start(name)

    def kill(self, name: str) -> None:
        proc = self.procs[name]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)

    # traffic
    def feed(self, count: int) -> None:
        keys = self.names.stream(SUBMITTED)
        first = len(self.events)
        pipe = self.redis.pipeline(transaction=False)
        for serial in range(first, first + count):
            event = workload.event(serial)
            self.events.append(event)
            pipe.xadd(keys.stream, streams.encode(event))
        pipe.execute()

    def expected(self, skip: set[str] = frozenset()) -> set[tuple[str, str]]:
        return {(e.id, sub) for e in self.events for sub in self.population.expected(e)
                if sub not in skip}

    def deliveries(self) -> list:
        return [d for rs in self.receivers.values() for r in rs for d in r.received()]

    def arrived(self) -> set[tuple[str, str]]:
        return {(d.body["alert"]["event_id"], d.body["alert"]["subscriber_id"])
                for d in self.deliveries()}

    def wait_arrived(self, fraction: float = 1.0, timeout: float = 120,
                     skip: set[str] = frozenset()) -> None:
        want = self.expected(skip)
        goal = int(len(want) * fraction)
        wait_for(lambda: len(self.arrived() & want) >= goal, timeout=timeout, interval=0.2,
                 what=f"{goal} of {len(want)} alerts; logs:\n{self.services.logs()}")

    def drained(self, timeout: float = 60) -> bool:
        return asyncio.run(wait_drained(self.server.url, self.names.namespace, timeout))

    def finish(self, skip: set[str] = frozenset(), settle: float = 1.5) -> Row:
        """Count what arrived (after a pause in which a duplicate would show up)."""
        time.sleep(settle)
        want = self.expected(skip)
        deliveries = [d for d in self.deliveries()
                      if d.body["alert"]["subscriber_id"] not in skip]
        ids = [d.webhook_id for d in deliveries]
        row = self.row
        row.sent = len(self.events)
        row.expected = len(want)
        row.received = len(set(ids))
        row.duplicated = len(ids) - len(set(ids))
        row.missing = len(want - self.arrived())
        row.dead_lettered = {
            keys.group: n for keys in self.names.all_streams() if (n := self.redis.xlen(keys.dead))
        }
        row.seconds = time.monotonic() - self.started
        assert all(d.verified for d in deliveries), "a delivery failed signature verification"
        return row

    def close(self) -> None:
        self.services.stop_all()
        for receivers in self.receivers.values():
            for r in receivers:
                try:
                    r.__exit__(None, None, None)
                except OSError:
                    pass
        self.redis.close()
        self.server.stop()
