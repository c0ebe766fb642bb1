"""Each subscriber's alert history and the per-incident decision log, in Redis.

The decision log (what was last sent for an incident) is what makes decisions idempotent: a
redelivered event finds its alert already decided and sends nothing new. History records
carry the alert, its explanation and its delivery status.

A decision is recorded before its alert is published, in one script with the history record
that holds the alert's payload: the first payload recorded under an alert id is the one every
later decision of that id publishes, so one webhook-id never carries two payloads. Delivery
claims each (alert, channel) with a lease before sending and turns it into a permanent mark
once the channel took the alert, so two copies of one alert never both go out.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.core.decide import Prior
from chokewatch.shared.messages import Alert, CourseStep
from chokewatch.shared.names import Names

RETENTION_S = 400 * 86_400  # about 13 months of history per subscriber


# Drops a subscriber's history records older than a cutoff or beyond the newest N, from the
# record hash and the time index together: history hash, order zset, cutoff (epoch seconds),
# most records kept.
_TRIM_HISTORY = """
local function trim_history(hash, order, cutoff, most)
  local old = redis.call('ZRANGEBYSCORE', order, '-inf', '(' .. cutoff)
  local excess = redis.call('ZCARD', order) - #old - tonumber(most)
  local over = {}
  if excess > 0 then
    over = redis.call('ZRANGE', order, #old, #old + excess - 1)
  end
  local removed = 0
  for _, batch in ipairs({old, over}) do
    for i = 1, #batch, 500 do
      local part = {unpack(batch, i, math.min(i + 499, #batch))}
      redis.call('HDEL', hash, unpack(part))
      redis.call('ZREM', order, unpack(part))
      removed = removed + #part
    end
  end
  return removed
end
"""
# KEYS: history hash, order zset; ARGV: cutoff (epoch seconds), most records kept.
_TRIM = _TRIM_HISTORY + "return trim_history(KEYS[1], KEYS[2], ARGV[1], ARGV[2])"


# Records one decision unless its alert id is already recorded. KEYS: decision log hash, its
# order zset, history hash, history order zset; ARGV: incident id, alert id, decision JSON,
# history record JSON, decided at (epoch s), revision, decision log cutoff, now (epoch s),
# history cutoff (epoch s), most history records. Returns the history record already stored
# under the alert id (its first payload), else nil. The log never goes back to an older
# revision, and entries older than the cutoff leave it; the history is trimmed as it grows.
_DECIDE = _TRIM_HISTORY + """
local first = redis.call('HGET', KEYS[3], ARGV[2])
if first then return first end
local prior = redis.call('HGET', KEYS[1], ARGV[1])
local newer = true
if prior then
  local ok, p = pcall(cjson.decode, prior)
  if ok and tonumber(p['revision']) and tonumber(p['revision']) > tonumber(ARGV[6]) then
    newer = false
  end
end
if newer then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[8], ARGV[1])
end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2])
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[7], 'LIMIT', 0, 500)
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
end
trim_history(KEYS[3], KEYS[4], ARGV[9], ARGV[10])
return false
"""

# Claims one (alert, channel) for sending. KEYS: delivered hash, the channel's lease; ARGV:
# channel, token, lease ms. Returns 'done' (it arrived already), 'mine', or 'busy' (another
# sender holds the lease).
_CLAIM = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'done' end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 'mine' end
return 'busy'
"""

# Turns a claim into the permanent mark, or gives it up. KEYS: delivered hash, lease; ARGV:
# channel, token, 'done' or 'release', time, mark lifetime (s).
_SETTLE = """
if ARGV[3] == 'done' then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
end
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return 1
"""


class History:
    def __init__(
        self,
        redis: aioredis.Redis,
        names: Names,
        keep_s: float = RETENTION_S,
        keep_max: int = 5_000,
        decisions_keep_s: float = RETENTION_S,
    ) -> None:
        self.redis = redis
        self.names = names
        self.keep_s = keep_s
        self.keep_max = keep_max
        self.decisions_keep_s = decisions_keep_s  # decision log, who was alerted, delivery marks
        self._trim = redis.register_script(_TRIM)
        self._decide = redis.register_script(_DECIDE)
        self._claim = redis.register_script(_CLAIM)
        self._settle = redis.register_script(_SETTLE)

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

    async def record_decision(
        self, alert: Alert, sent: Prior, count: int, now: float | None = None
    ) -> Alert:
        """Remember the alert decided for this incident (the `Prior` of its next revision, and
        how many alerts it has had) and open a pending history record holding its payload.
        Returns the alert to publish: the one first recorded under its id, else this one with
        the incident's whole course (longer than the event's when it was decided late)."""
        names = self.names
        decision = {
            "alert_id": alert.alert_id,
            **sent.model_dump(mode="json"),
            "status": alert.status.value if alert.status else None,
            "count": count,
            "event_id": alert.event_id,
        }
        sub = alert.subscriber_id
        course = await self._mark_alerted(alert)
        if len(course) > len(alert.course):  # decided late: the incident has moved on since
            alert = alert.model_copy(update={"course": course})
        now = datetime.now(UTC).timestamp() if now is None else now
        # One script, not a pipeline: a cluster client runs no script inside a pipeline.
        first = await self._decide(
            keys=[names.alerted(sub), names.alerted_order(sub), names.history(sub),
                  names.history_order(sub)],
            args=[alert.incident_id, alert.alert_id, json.dumps(decision),
                  json.dumps(_record(alert, "pending", [])), alert.decided_at.timestamp(),
                  sent.revision, now - self.decisions_keep_s, now,
                  datetime.now(UTC).timestamp() - self.keep_s, self.keep_max],
        )
        return Alert.model_validate(json.loads(first)["alert"]) if first else alert

    async def _mark_alerted(self, alert: Alert) -> list[CourseStep]:
        """Note who was alerted of an incident, in its own slot, and read the incident's course
        as classify last stored it (in the same slot, so in the same round trip). Written first,
        so it never misses anyone whose decision is recorded (an extra name only costs a read)."""
        alerted = self.names.incident_alerted(alert.incident_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(alerted, alert.subscriber_id)
            pipe.expire(alerted, max(1, int(self.decisions_keep_s)))
            pipe.get(self.names.incident_course(alert.incident_id))
            _, _, raw = await pipe.execute()
        return [CourseStep.model_validate(step) for step in json.loads(raw)] if raw else []

    async def undelivered(self, subscriber_id: str, alert_id: str) -> Alert | None:
        """The alert decided under an id while delivery has not taken it up yet (its record is
        still pending): it may never have been published. None once delivery has seen it (held,
        in a digest, sent...), and for a late report's record, which holds no decided alert."""
        raw = await self.redis.hget(self.names.history(subscriber_id), alert_id)
        record = json.loads(raw) if raw else None
        if record is None or record.get("status") != "pending":
            return None
        return Alert.model_validate(record["alert"])

    async def record_late(self, alert: Alert, reason: str) -> bool:
        """Record a report that arrived after a later revision was alerted: in the history, not
        sent (the alert sent tells the incident's course). False when already recorded."""
        names = self.names
        sub = alert.subscriber_id
        record = _record(alert, "late", [{"channel": "*", "outcome": "not sent", "reason": reason}])
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(names.history(sub), alert.alert_id, json.dumps(record))
            pipe.zadd(names.history_order(sub), {alert.alert_id: alert.decided_at.timestamp()},
                      nx=True)
            added, _ = await pipe.execute()
        return bool(added)

    async def record_delivery(self, alert: Alert, status: str, channels: list[dict]) -> None:
        names = self.names
        sub = alert.subscriber_id
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(names.history(sub), alert.alert_id, json.dumps(_record(alert, status, channels)))
            pipe.zadd(names.history_order(sub), {alert.alert_id: alert.decided_at.timestamp()})
            await pipe.execute()

    async def delivered_channels(self, alert_id: str) -> set[str]:
        return set(await self.redis.hkeys(self.names.delivered(alert_id)))

    async def claim_channel(self, alert_id: str, channel: str, token: str, lease_ms: int) -> str:
        """'mine' when this sender may send the alert to the channel now (for `lease_ms` at
        most), 'done' when it arrived already, 'busy' when another sender is on it."""
        keys = [self.names.delivered(alert_id), self.names.delivering(alert_id, channel)]
        return _text(await self._claim(keys=keys, args=[channel, token, lease_ms]))

    async def settle_channel(self, alert_id: str, channel: str, token: str, delivered: bool) -> None:
        """After a send: mark the channel delivered for good, or give the claim up."""
        keys = [self.names.delivered(alert_id), self.names.delivering(alert_id, channel)]
        await self._settle(keys=keys, args=[channel, token, "done" if delivered else "release",
                                            datetime.now(UTC).isoformat(),
                                            max(1, int(self.decisions_keep_s))])

    async def mark_channel_delivered(self, alert_id: str, channel: str) -> None:
        key = self.names.delivered(alert_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, channel, datetime.now(UTC).isoformat())
            pipe.expire(key, max(1, int(self.decisions_keep_s)))
            await pipe.execute()


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _record(alert: Alert, status: str, channels: list[dict]) -> dict:
    return {
        "alert": alert.model_dump(mode="json"),
        "status": status,
        "channels": channels,
        "updated_at": datetime.now(UTC).isoformat(),
    }
