"""Fixtures for source tests: a loopback site, settings with short limits, a poller, and
helpers that add sources and read back what reached the raw stream."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from chokewatch.services.ingest.poller import Poller
from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent
from chokewatch.shared.names import RAW
from chokewatch.shared.redis import ensure_streams
from chokewatch.shared.settings import Settings
from chokewatch.shared.sources import SourceSpec, SourceStore

from .site import Site


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest.fixture
def source_settings(settings: Settings, tmp_path) -> Settings:
    return settings.model_copy(update={
        "host_interval_ms": 0, "fetch_timeout_s": 1.0, "fetch_max_bytes": 50_000,
        "fetch_max_redirects": 2, "source_files_root": tmp_path, "user_agent": "chokewatch-test/1",
        "fetch_allow_hosts": ["127.0.0.1"],  # the loopback test site, let in explicitly
    })


@pytest.fixture
async def poller(source_settings, redis, names) -> AsyncIterator[Poller]:
    await ensure_streams(redis, names)
    running = Poller(source_settings, redis, names)
    yield running
    await running.fetcher.aclose()


@pytest.fixture
def store(redis, names) -> SourceStore:
    return SourceStore(redis, names)


async def add(store: SourceStore, name: str, kind: str, location: str, **fields) -> None:
    await store.create(SourceSpec(name=name, kind=kind, location=location,
                                  interval_s=fields.pop("interval_s", 60), **fields))


async def raw_events(redis, names) -> list[RawEvent]:
    entries = await redis.xrange(names.stream(RAW).stream)
    return [RawEvent.model_validate_json(streams.payload_of(fields)) for _id, fields in entries]


async def poll_due(poller: Poller) -> None:
    """One scheduling round of this poller, waited for."""
    await poller.tick()
    await poller.drain()
