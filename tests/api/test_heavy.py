"""Previews and backtests run off the event loop, within bounds: the API keeps answering while
one is being scored, and a backtest past its limits answers with what it has, truncated."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pytest
from fastapi import HTTPException
from prometheus_client import REGISTRY

from chokewatch.services.api.alerts import backtest_job
from chokewatch.services.api.heavy import HeavyWork
from chokewatch.shared.names import CLASSIFIED
from chokewatch.shared.profiles import ProfileSpec
from tests.conftest import until

from .helpers import auth, create, dy_control, profile, store_classified

# The largest profile the schema accepts in suppliers: the one that used to stall the API.
SUPPLIERS = [{"name": f"Supplier Company Number {i} Holdings", "aliases": [f"SCN{i}", f"Alias {i} Ltd"],
              "country": "CN"} for i in range(500)]


def heavy_jobs() -> float:
    return REGISTRY.get_sample_value("chokewatch_api_heavy_jobs") or 0.0


def stored_events(sync_redis, names, n: int) -> None:
    for i in range(n):
        store_classified(sync_redis, names, dy_control(companies=[f"Supplier Company Number {i} Holdings"]),
                         incident=f"inc_{i}")


async def test_healthz_answers_while_a_heavy_backtest_is_scored(start_api, sync_redis, names):
    api = start_api(max_event_bytes=1_000_000)
    sid, key = create(api, suppliers=SUPPLIERS, threshold=1)
    stored_events(sync_redis, names, 400)
    finished: list[str] = []
    async with httpx.AsyncClient(base_url=str(api.base_url), timeout=120) as client:
        async def backtest() -> httpx.Response:
            reply = await client.post(f"/v1/subscribers/{sid}/backtest", headers=auth(key), json={"days": 1})
            finished.append("backtest")
            return reply

        running = asyncio.create_task(backtest())

        async def started() -> bool:
            return heavy_jobs() >= 1 or running.done()

        await until(started, timeout=60, what="the backtest to start scoring")
        health = await client.get("/healthz")
        finished.append("healthz")
        reply = await running
    assert health.status_code == 200
    assert reply.status_code == 200, reply.text
    assert reply.json()["incidents"] == 400 and not reply.json()["truncated"]
    # The backtest was still being scored when /healthz was asked, and /healthz came back first.
    assert finished == ["healthz", "backtest"]


def test_a_backtest_reads_at_most_its_event_limit(start_api, sync_redis, names):
    api = start_api(backtest_max_events=5)
    sid, key = create(api)
    stored_events(sync_redis, names, 8)
    body = api.post(f"/v1/subscribers/{sid}/backtest", headers=auth(key), json={"days": 1}).json()
    assert (body["events"], body["incidents"], body["truncated"]) == (5, 5, True)


def test_a_backtest_past_its_deadline_answers_with_what_it_scored(sync_redis, names):
    stored_events(sync_redis, names, 3)
    raws = [fields for _, fields in sync_redis.xrange(names.stream(CLASSIFIED).stream)]
    spec = ProfileSpec.model_validate(profile(suppliers=SUPPLIERS, threshold=1))
    late = backtest_job(spec, raws, deadline=time.monotonic() - 1)
    assert (late["events"], late["incidents"], late["lines"], late["cut"]) == (3, 3, [], True)
    in_time = backtest_job(spec, raws, deadline=time.monotonic() + 60)
    assert len(in_time["lines"]) == 3 and not in_time["cut"]


async def test_a_job_past_its_time_limit_is_a_503_and_keeps_its_slot_until_done():
    heavy = HeavyWork(concurrency=1, timeout_s=0.05, queue_wait_s=0.05)
    release = threading.Event()
    try:
        with pytest.raises(HTTPException) as late:
            await heavy.run(release.wait)
        assert late.value.status_code == 503 and late.value.headers["Retry-After"]
        with pytest.raises(HTTPException) as busy:  # the stuck thread still holds the only slot
            await heavy.run(lambda: "next")
        assert "busy" in busy.value.detail
        release.set()

        async def freed() -> bool:
            return not heavy._slots.locked()

        await until(freed, what="the slot to come back")
        assert await heavy.run(lambda: "next") == "next"
    finally:
        release.set()
        heavy.close()


def test_a_preview_text_is_bounded(start_api):
    api = start_api(max_event_bytes=1_000_000)
    sid, key = create(api)
    reply = api.post(f"/v1/subscribers/{sid}/preview", headers=auth(key), json={"text": "gallium " * 30_000})
    assert reply.status_code == 422 and reply.json()["detail"][0]["loc"] == ["body", "text"]
