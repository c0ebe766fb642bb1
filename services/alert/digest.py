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
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import log
from chokewatch.shared.worker import Runtime

from .channels import channel_name
from .history import History
from .schedule import digest_due, quiet_wait
from .sender import Sender

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
    """Each subscriber's buffer of alerts waiting for its digest."""

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


class DigestFlusher:
    """Sends the digests that are due, through the same sender and channels as single alerts."""

    def __init__(self, rt: Runtime, sender: Sender) -> None:
        self.rt = rt
        self.sender = sender
        self.box = DigestBox(rt.redis, rt.names)
        self.store = SubscriberStore(rt.redis, rt.names)
        self.history = History(rt.redis, rt.names)

    async def flush_due(self, now: datetime | None = None) -> int:
        """Send every digest whose period has passed; returns how many were sent in full."""
        redis, names = self.rt.redis, self.rt.names
        now = now or utcnow()
        sent = 0
        for sid in sorted(await redis.smembers(names.digest_pending)):
            sub = await self.store.get(sid)
            items = await self.box.buffered(sid)
            if sub is None or not items:
                await redis.srem(names.digest_pending, sid)
                continue
            first = datetime.fromisoformat(items[0]["at"])
            if sub.digest is not None and not digest_due(sub.digest, first, now):
                continue  # (a subscriber who turned digests off gets what is buffered at once)
            if quiet_wait(sub.quiet_hours, now) is not None:
                continue
            lease = names.digest_lease(sid)
            token = uuid.uuid4().hex
            if not await redis.set(lease, token, nx=True, px=LEASE_MS):
                continue  # another worker is sending it
            try:
                if await self._send(sub, [Alert.model_validate(i["alert"]) for i in items]):
                    await self.box.remove_sent(sid, items)
                    sent += 1
            finally:
                if await redis.get(lease) == token:
                    await redis.delete(lease)
        return sent

    async def _send(self, sub: Subscriber, alerts: list[Alert]) -> bool:
        """True when every channel has the digest or refused it for good."""
        did = digest_id(alerts)
        done = await self.history.delivered_channels(did)
        complete = True
        report = []
        for index, config in enumerate(sub.channels):
            name = channel_name(index, config.type)
            if name in done:
                continue
            channel = self.sender.channel(config)
            outcome = await self.sender.send(channel, channel.digest(did, sub.id, alerts))
            if outcome.delivered:
                await self.history.mark_channel_delivered(did, name)
                report.append({"channel": name, "outcome": "delivered", "digest": did})
            elif outcome.retry:
                complete = False
                report.append({"channel": name, "outcome": "retrying", "reason": outcome.reason})
            else:
                report.append({"channel": name, "outcome": "failed", "reason": outcome.reason})
        if complete:
            failed = any(r["outcome"] == "failed" for r in report)
            for alert in alerts:
                await self.history.record_delivery(alert, "failed" if failed else "delivered", report)
        return complete


async def flush_forever(flusher: DigestFlusher, stop: asyncio.Event, interval_s: float = 15.0) -> None:
    while not stop.is_set():
        try:
            await flusher.flush_due()
        except Exception as exc:  # noqa: BLE001 - Redis or an endpoint away: next round
            log.warning("digest round failed", error=repr(exc))
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except TimeoutError:
            pass
