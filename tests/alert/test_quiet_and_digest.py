"""Quiet hours hold alerts; digests send one message per period (real Redis, real receiver)."""

from __future__ import annotations

import datetime as dt

import pytest

from chokewatch.services.alert.deliver import Deliverer
from chokewatch.services.alert.digest import DigestFlusher, digest_id
from chokewatch.shared.messages import utcnow
from chokewatch.shared.worker import Retryable, Runtime
from tests.alert.test_delivery import NEW, add_subscriber, history_status, make_alert
from tests.conftest import seed_subscriber_for_test


async def test_quiet_hours_hold_the_alert_without_using_an_attempt(settings, redis, names, receiver):
    now = utcnow()
    start = (now - dt.timedelta(hours=1)).time().replace(microsecond=0)
    end = (now + dt.timedelta(hours=2)).time().replace(microsecond=0)
    await add_subscriber(redis, names, "q", [{"type": "webhook", "url": receiver.url("/q")}])
    await _set(redis, names, "q", quiet_hours={"start": start.isoformat(), "end": end.isoformat()})
    deliverer = Deliverer(Runtime(settings, redis, names))
    alert = make_alert("q")
    with pytest.raises(Retryable) as held:
        await deliverer.on_alert(alert)
    assert held.value.counts is False and 2 * 3600 - 60 < held.value.after_s <= 2 * 3600
    assert receiver.received("/q") == []
    assert await history_status(redis, names, alert) == "held"

    test_alert = make_alert("q", kind="test")
    await deliverer.on_alert(test_alert)  # a test alert checks the channels now
    assert len(receiver.received("/q")) == 1


async def test_digest_collects_then_sends_one_message(settings, redis, names, receiver):
    receiver.secrets["/d"] = NEW
    await add_subscriber(redis, names, "d", [{"type": "webhook", "url": receiver.url("/d"),
                                              "secret": NEW}])
    await _set(redis, names, "d", digest={"every_minutes": 60})
    rt = Runtime(settings, redis, names)
    deliverer = Deliverer(rt)
    flush_due = DigestFlusher(rt, deliverer.sender).flush_due
    alerts = [make_alert("d", n) for n in range(3)]
    for alert in alerts + alerts[:1]:  # the first one redelivered
        await deliverer.on_alert(alert)
    assert receiver.received("/d") == []
    assert await history_status(redis, names, alerts[0]) == "in digest"

    assert await flush_due(utcnow() + dt.timedelta(minutes=30)) == 0
    assert await flush_due(utcnow() + dt.timedelta(minutes=61)) == 1
    [digest] = receiver.received("/d")
    assert digest.verified and digest.body["type"] == "alert.digest"
    assert digest.webhook_id == digest_id(alerts)
    assert sorted(a["alert_id"] for a in digest.body["alerts"]) == sorted(a.alert_id for a in alerts)
    for alert in alerts:
        assert await history_status(redis, names, alert) == "delivered"
    assert await flush_due(utcnow() + dt.timedelta(days=1)) == 0
    assert not await redis.smembers(names.digest_pending)


async def _set(redis, names, sid: str, **fields) -> None:
    from chokewatch.shared.subscribers import SubscriberStore

    store = SubscriberStore(redis, names)
    old = await store.get(sid)
    changed = old.model_copy(update={k: _model(k, v) for k, v in fields.items()})
    await seed_subscriber_for_test(store, changed, old)


def _model(field: str, value: dict):
    from chokewatch.shared.profiles import Digest, QuietHours

    return {"quiet_hours": QuietHours, "digest": Digest}[field].model_validate(value)
