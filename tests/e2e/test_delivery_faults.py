"""A real alert process killed while retries are pending: after a restart everything arrives."""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime

import pytest

from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, EventType, new_id, utcnow
from chokewatch.shared.names import ALERTS
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.redis import connect, ensure_streams
from chokewatch.shared.subscribers import SubscriberStore
from tests.conftest import seed_subscriber_for_test, wait_for

from .helpers import drained, new_secret

pytestmark = pytest.mark.slow
COUNT = 20


async def _seed(settings, names, url: str, secret: str) -> list[str]:
    redis = connect(settings.redis_url)
    try:
        await ensure_streams(redis, names)
        now = datetime.now(UTC)
        await seed_subscriber_for_test(SubscriberStore(redis, names), Subscriber(
            id="buyer", created_at=now, updated_at=now, name="buyer",
            elements={"Ga": {"weight": 0.8}},
            channels=[{"type": "webhook", "url": url, "secret": secret}]))
        ids = []
        for n in range(COUNT):
            cid = new_id()
            alert = Alert(correlation_id=cid, ingested_at=utcnow(), alert_id=f"alrt_fault_{n}",
                          subscriber_id="buyer", incident_id=f"inc_{n}", event_id=cid, score=60,
                          event_type=EventType.mineral_export_control, direction="tightening")
            await streams.publish(redis, names.stream(ALERTS), alert)
            ids.append(alert.alert_id)
        return ids
    finally:
        await redis.aclose()


def test_alert_process_killed_with_retries_pending(services, receiver, settings, names, sync_redis):
    secret = new_secret()
    receiver.secrets["/buyer"] = secret
    receiver.fail_next["/buyer"] = [503] * 100_000  # the endpoint is down
    ids = asyncio.run(_seed(settings, names, receiver.url("/buyer"), secret))
    # The circuit opens while the endpoint is down; a short open period keeps the test quick, and
    # a short request timeout a short claim lease (6 × the timeout, at least 5 s), which the
    # killed process leaves behind on the alerts it was sending.
    retry_env = dict(delivery_retry_base_ms="300", delivery_retry_max_ms="600",
                     delivery_max_attempts="50", breaker_open_s="1", webhook_timeout_s="1")
    first = services.start("alert", **retry_env)
    keys = names.stream(ALERTS)
    wait_for(lambda: sync_redis.zcard(keys.retry) >= COUNT // 2, what="retries to pile up")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)

    receiver.fail_next["/buyer"].clear()  # the endpoint is back
    services.start("alert", **retry_env)
    wait_for(lambda: len({d.webhook_id for d in receiver.received("/buyer")}) >= COUNT,
             timeout=60, what="every alert to arrive")
    assert drained(services)
    got = [d.webhook_id for d in receiver.received("/buyer")]
    assert sorted(set(got)) == sorted(ids)
    # Nothing was accepted before the kill, so nothing may arrive twice.
    assert len(got) == COUNT, f"{len(got) - COUNT} duplicates"
    assert all(d.verified for d in receiver.received("/buyer"))
