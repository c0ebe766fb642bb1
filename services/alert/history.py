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


# Drops a subscriber's history records older than a cutoff or beyond the newest N, from the
# record hash and the time index together. KEYS: history hash, order zset; ARGV: cutoff (epoch
# seconds), most records kept.
_TRIM = """
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - #old - tonumber(ARGV[2])
local over = {}
if excess > 0 then
  over = redis.call('ZRANGE', KEYS[2], #old, #old + excess - 1)
end
local removed = 0
for _, batch in ipairs({old, over}) do
  for i = 1, #batch, 500 do
    local part = {unpack(batch, i, math.min(i + 499, #batch))}
    redis.call('HDEL', KEYS[1], unpack(part))
    redis.call('ZREM', KEYS[2], unpack(part))
    removed = removed + #part
  end
end
return removed
"""


class History:
    def __init__(
        self,
        redis: aioredis.Redis,
        names: Names,
        keep_s: float = RETENTION_S,
        keep_max: int = 5_000,
    ) -> None:
        self.redis = redis
        self.names = names
        self.keep_s = keep_s
        self.keep_max = keep_max
        self._trim = redis.register_script(_TRIM)

    async def trim(self, subscriber_id: str, now: float | None = None) -> int:
        """Bound one subscriber's history by age and count; returns the records removed."""
        now = datetime.now(UTC).timestamp() if now is None else now
        names = self.names
        return int(await self._trim(
            keys=[names.history(subscriber_id), names.history_order(subscriber_id)],
            args=[now - self.keep_s, self.keep_max],
        ))

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
            await self._trim(  # bounded as it grows: queued in the same round trip
                keys=[names.history(sub), names.history_order(sub)],
                args=[datetime.now(UTC).timestamp() - self.keep_s, self.keep_max],
                client=pipe,
            )
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
