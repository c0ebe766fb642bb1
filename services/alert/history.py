"""Each subscriber's alert history and the per-incident decision log, in Redis.

The decision log (what was last sent for an incident) is what makes decisions idempotent: a
redelivered event finds its alert already decided and sends nothing new. History records
carry the alert, its explanation and its delivery status.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.core.decide import Prior
from chokewatch.shared.messages import Alert
from chokewatch.shared.names import Names

RETENTION_S = 400 * 86_400  # about 13 months of history per subscriber


class History:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    async def priors(self, subscriber_ids: list[str], incident_id: str) -> list[dict | None]:
        """The last alert of each subscriber for one incident (a `Prior` and its `count`): one
        read for the incident, then one pipelined read for those alerted of it (usually none)."""
        if not subscriber_ids:
            return []
        alerted = await self.redis.smembers(self.names.incident_alerted(incident_id))
        known = [sid for sid in subscriber_ids if sid in alerted]
        found: dict[str, dict] = {}
        if known:
            async with self.redis.pipeline(transaction=False) as pipe:
                for sid in known:
                    pipe.hget(self.names.alerted(sid), incident_id)
                raws = await pipe.execute()
            found = {sid: json.loads(r) for sid, r in zip(known, raws, strict=True) if r}
        return [found.get(sid) for sid in subscriber_ids]

    async def record_decision(self, alert: Alert, sent: Prior, count: int) -> None:
        """Remember the alert decided for this incident (the `Prior` of its next revision, and
        how many alerts it has had) and open a pending history record."""
        names = self.names
        decision = {
            "alert_id": alert.alert_id,
            **sent.model_dump(mode="json"),
            "status": alert.status.value if alert.status else None,
            "count": count,
        }
        record = _record(alert, "pending", [])
        sub = alert.subscriber_id
        # Who was alerted of an incident, in its own slot: written first, so it never misses
        # anyone whose decision is recorded (an extra name only costs one more read).
        alerted = names.incident_alerted(alert.incident_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(alerted, sub)
            pipe.expire(alerted, RETENTION_S)
            await pipe.execute()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(names.alerted(sub), alert.incident_id, json.dumps(decision))
            # NX: delivery may already have written the final status.
            pipe.hsetnx(names.history(sub), alert.alert_id, json.dumps(record))
            pipe.zadd(names.history_order(sub), {alert.alert_id: alert.decided_at.timestamp()})
            await pipe.execute()

    async def record_delivery(self, alert: Alert, status: str, channels: list[dict]) -> None:
        names = self.names
        sub = alert.subscriber_id
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(names.history(sub), alert.alert_id, json.dumps(_record(alert, status, channels)))
            pipe.zadd(names.history_order(sub), {alert.alert_id: alert.decided_at.timestamp()})
            await pipe.execute()

    async def delivered_channels(self, alert_id: str) -> set[str]:
        return set(await self.redis.hkeys(self.names.delivered(alert_id)))

    async def mark_channel_delivered(self, alert_id: str, channel: str) -> None:
        key = self.names.delivered(alert_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, channel, datetime.now(UTC).isoformat())
            pipe.expire(key, RETENTION_S)
            await pipe.execute()


def _record(alert: Alert, status: str, channels: list[dict]) -> dict:
    return {
        "alert": alert.model_dump(mode="json"),
        "status": status,
        "channels": channels,
        "updated_at": datetime.now(UTC).isoformat(),
    }
