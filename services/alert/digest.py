"""Digests: a subscriber that asks for one message per period gets its alerts collected here.

An alert is buffered once per subscriber (a redelivered alert is recognised by its id), and a
loop in the alert service sends each subscriber's buffer when its period, counted from the first
alert in it, has passed and quiet hours allow. A per-subscriber lease keeps two alert workers
from sending the same digest; a digest's id is derived from the alerts in it, so one that is
sent again after a crash carries the same `webhook-id`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from datetime import datetime

import redis.asyncio as aioredis

from chokewatch.shared.messages import Alert, utcnow
from chokewatch.shared.names import Names
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import log

from . import slack, webhook
from .schedule import digest_due, quiet_wait

MAX_PER_DIGEST = 200
LEASE_MS = 120_000

# Buffer an alert unless this subscriber's buffer already holds it.
# KEYS: ids set, buffer list. ARGV: alert id, item JSON. Returns 1 if buffered.
_ADD = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
return 1
"""


class DigestBox:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names
        self._add = redis.register_script(_ADD)

    async def add(self, alert: Alert) -> bool:
        sid = self.names
        # Pending first: a subscriber marked pending with an empty buffer is simply skipped.
        await self.redis.sadd(sid.digest_pending, alert.subscriber_id)
        item = json.dumps({"at": utcnow().isoformat(), "alert": alert.model_dump(mode="json")})
        added = await self._add(
            keys=[sid.digest_ids(alert.subscriber_id), sid.digest(alert.subscriber_id)],
            args=[alert.alert_id, item],
        )
        return bool(added)

    async def buffered(self, subscriber_id: str) -> list[dict]:
        raws = await self.redis.lrange(self.names.digest(subscriber_id), 0, MAX_PER_DIGEST - 1)
        return [json.loads(r) for r in raws]

    async def remove_sent(self, subscriber_id: str, items: list[dict]) -> None:
        names = self.names
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.ltrim(names.digest(subscriber_id), len(items), -1)
            pipe.srem(names.digest_ids(subscriber_id), *[i["alert"]["alert_id"] for i in items])
            await pipe.execute()
        if not await self.redis.llen(names.digest(subscriber_id)):
            await self.redis.srem(names.digest_pending, subscriber_id)


def digest_id(alerts: list[Alert]) -> str:
    digest = hashlib.sha256("|".join(sorted(a.alert_id for a in alerts)).encode()).hexdigest()
    return "dgst_" + digest[:24]


async def flush_due(deliverer, now: datetime | None = None) -> int:
    """Send every digest whose period has passed; returns how many were sent in full."""
    rt = deliverer.rt
    box: DigestBox = deliverer.digests
    store = SubscriberStore(rt.redis, rt.names)
    now = now or utcnow()
    sent = 0
    for sid in sorted(await rt.redis.smembers(rt.names.digest_pending)):
        sub = await store.get(sid)
        items = await box.buffered(sid)
        if sub is None or not items:
            await rt.redis.srem(rt.names.digest_pending, sid)
            continue
        first = datetime.fromisoformat(items[0]["at"])
        if sub.digest is not None and not digest_due(sub.digest, first, now):
            continue  # (a subscriber who turned digests off gets what is buffered at once)
        if quiet_wait(sub.quiet_hours, now) is not None:
            continue
        lease = rt.names.digest_lease(sid)
        token = uuid.uuid4().hex
        if not await rt.redis.set(lease, token, nx=True, px=LEASE_MS):
            continue  # another worker is sending it
        try:
            if await _send(deliverer, sub, [Alert.model_validate(i["alert"]) for i in items]):
                await box.remove_sent(sid, items)
                sent += 1
        finally:
            if await rt.redis.get(lease) == token:
                await rt.redis.delete(lease)
    return sent


async def _send(deliverer, sub, alerts: list[Alert]) -> bool:
    """True when every channel has the digest or refused it for good."""
    did = digest_id(alerts)
    done = await deliverer.history.delivered_channels(did)
    complete = True
    report = []
    for index, channel in enumerate(sub.channels):
        name = f"{index}:{channel.type}"
        if name in done:
            continue
        outcome = await deliverer.send_message(
            channel, did,
            lambda: webhook.digest_payload(did, sub.id, alerts),
            lambda: slack.digest_body(alerts),
        )
        if outcome.delivered:
            await deliverer.history.mark_channel_delivered(did, name)
            report.append({"channel": name, "outcome": "delivered", "digest": did})
        elif outcome.retry:
            complete = False
            report.append({"channel": name, "outcome": "retrying", "reason": outcome.reason})
        else:
            report.append({"channel": name, "outcome": "failed", "reason": outcome.reason})
    if complete:
        failed = any(r["outcome"] == "failed" for r in report)
        for alert in alerts:
            await deliverer.history.record_delivery(alert, "failed" if failed else "delivered", report)
    return complete


async def flush_forever(deliverer, stop: asyncio.Event, interval_s: float = 15.0) -> None:
    while not stop.is_set():
        try:
            await flush_due(deliverer)
        except Exception as exc:  # noqa: BLE001 - Redis or an endpoint away: next round
            log.warning("digest round failed", error=repr(exc))
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except TimeoutError:
            pass
