"""Test fixtures: a real Redis for the session, a fresh key namespace per test, real HTTP.

The session starts its own embedded server on a free port unless CHOKEWATCH_TEST_REDIS_URL
points at one, so the suite needs nothing beyond the project's own install.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis as syncredis

from chokewatch.services.demo.receiver import Receiver
from chokewatch.shared.embedded import EmbeddedRedis, free_port
from chokewatch.shared.names import Names
from chokewatch.shared.redis import connect
from chokewatch.shared.secretbox import new_key
from chokewatch.shared.settings import Settings


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("CHOKEWATCH_TEST_REDIS_URL")
    if given:
        yield given
        return
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture
def namespace() -> str:
    return "t" + secrets.token_hex(5)


@pytest.fixture
def names(namespace: str) -> Names:
    return Names(namespace)


SECRETS_KEY = new_key()  # subscribers' secrets are encrypted in Redis in every test


@pytest.fixture
def settings(redis_url: str, namespace: str) -> Settings:
    return Settings(
        redis_url=redis_url,
        namespace=namespace,
        secrets_key=SECRETS_KEY,
        claim_idle_ms=1_000,
        retry_base_ms=50,
        retry_max_ms=200,
        max_attempts=3,
        webhook_allow_hosts=["127.0.0.1"],
        webhook_allow_http=True,
    )


@pytest.fixture
async def redis(settings: Settings):
    client = connect(settings.redis_url)
    yield client
    await client.aclose()


@pytest.fixture
def sync_redis(redis_url: str) -> Iterator[syncredis.Redis]:
    client = syncredis.Redis.from_url(redis_url, decode_responses=True)
    yield client
    client.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


class Services:
    """Chokewatch services as real OS processes, as `chokewatch up` runs them."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, name: str, **extra_env: str) -> subprocess.Popen:
        env = {**self.env, **{f"CHOKEWATCH_{k.upper()}": v for k, v in extra_env.items()}}
        log = open(self.log_dir / f"{name}-{len(self.procs)}.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "chokewatch.services.cli", "run", name],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        self.procs.append(proc)
        return proc

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in self.log_dir.glob("*.log"))

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def services(settings: Settings, tmp_path: Path) -> Iterator[Services]:
    admin = secrets.token_urlsafe(16)
    env = dict(os.environ)
    env.update(
        CHOKEWATCH_REDIS_URL=settings.redis_url,
        CHOKEWATCH_NAMESPACE=settings.namespace,
        CHOKEWATCH_ADMIN_KEY=admin,
        CHOKEWATCH_API_PORT=str(free_port()),
        CHOKEWATCH_METRICS_PORT="0",
        CHOKEWATCH_CLAIM_IDLE_MS=str(settings.claim_idle_ms),
        CHOKEWATCH_RETRY_BASE_MS="50",
        CHOKEWATCH_RETRY_MAX_MS="200",
        CHOKEWATCH_WEBHOOK_ALLOW_HOSTS="127.0.0.1",
        CHOKEWATCH_WEBHOOK_ALLOW_HTTP="true",
        CHOKEWATCH_SECRETS_KEY=SECRETS_KEY,
    )
    env.pop("CHOKEWATCH_FAULT_HOLD_MS", None)
    running = Services(env, tmp_path)
    yield running
    running.stop_all()


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


async def seed_subscriber_for_test(store, sub, previous=None) -> None:
    """Store a profile by the API's own write (compare-and-set on the version it replaces)."""
    assert await store.replace(sub, previous), f"{sub.id} changed under the test"


@contextlib.asynccontextmanager
async def running_worker(settings, redis, names, stages):
    """A StreamWorker consuming in this process through FastStream, as a service runs it."""
    from chokewatch.shared.redis import broker as make_broker
    from chokewatch.shared.redis import ensure_streams
    from chokewatch.shared.worker import Runtime, StreamWorker

    await ensure_streams(redis, names)
    worker = StreamWorker(Runtime(settings, redis, names), stages)
    broker = make_broker(settings.redis_url)
    worker.attach(broker)
    stop = asyncio.Event()
    await broker.start()
    task = asyncio.create_task(worker.maintain_forever(stop))
    try:
        yield worker
    finally:
        stop.set()
        await broker.stop()
        await task


async def until(predicate, timeout: float = 15.0, what: str = "condition"):
    """Await an async predicate until it is true."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.05)
