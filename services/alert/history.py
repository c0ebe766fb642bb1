"""Each subscriber's alert history and the per-incident decision log, in Redis.

The decision log (what was last sent for an incident) is what makes decisions idempotent: a
redelivered event finds its alert already decided and sends nothing new. History records
carry the alert, its explanation and its delivery status.

A decision is recorded before its alert is published, in one script with the history record
that holds the alert's payload: the first payload recorded under an alert id is the one every
later decision of that id publishes, so one webhook-id never carries two payloads. Delivery
claims each (alert, channel) with a lease before sending and turns it into a permanent mark
once the channel took the alert, so two copies of one alert never both go out. Decisions of one
event are recorded in shared pipelines, and delivery's claims, marks and records ride the alert
worker's `Batcher` with those of the other alerts in flight.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.core.decide import Prior
from chokewatch.shared.messages import Alert, CourseStep
from chokewatch.shared.names import Names
from chokewatch.shared.redisbatch import Batcher, Command, pipelined

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

# Claims an alert's channels for sending, all at once. KEYS: delivered hash, then each channel's
# lease; ARGV: token, lease ms, then each channel's name. Returns, per channel, 'done' (it
# arrived already), 'mine', or 'busy' (another sender holds its lease).
_CLAIM = """
local out = {}
for i = 2, #KEYS do
  if redis.call('HEXISTS', KEYS[1], ARGV[i + 1]) == 1 then
    out[i - 1] = 'done'
  elseif redis.call('SET', KEYS[i], ARGV[1], 'NX', 'PX', ARGV[2]) then
    out[i - 1] = 'mine'
  else
    out[i - 1] = 'busy'
  end
end
return out
"""

# After a send, marks the channels that took the alert delivered for good and gives up this
# sender's leases. KEYS: delivered hash, then each channel's lease; ARGV: token, time, mark
# lifetime (s), then per channel its name and 'done' or 'release'.
_SETTLE = """
local marked = false
for i = 2, #KEYS do
  local name, how = ARGV[2 * i], ARGV[2 * i + 1]
  if how == 'done' then
    redis.call('HSET', KEYS[1], name, ARGV[2])
    marked = true
  end
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
if marked then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return 1
"""

# Writes one history record and its place in the time index together. KEYS: history hash,
# history order zset; ARGV: alert id, record JSON, time (epoch s).
_RECORD = """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
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
        batcher: Batcher | None = None,
    ) -> None:
        self.redis = redis
        self.names = names
        self.keep_s = keep_s
        self.keep_max = keep_max
        self.decisions_keep_s = decisions_keep_s  # decision log, who was alerted, delivery marks
        self.batcher = batcher  # when given, writes share pipelines with concurrent deliveries
        self._trim = redis.register_script(_TRIM)
        self._decide = redis.register_script(_DECIDE)
        self._claim = redis.register_script(_CLAIM)
        self._settle = redis.register_script(_SETTLE)
        self._record = redis.register_script(_RECORD)

    async def _run(self, commands: list[Command]) -> list:
        if self.batcher is not None:
            return await self.batcher.run(commands)
        return await pipelined(self.redis, commands)

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
        [out] = await self.record_decisions([(alert, sent, count)], now)
        return out

    async def record_decisions(
        self, decided: list[tuple[Alert, Prior, int]], now: float | None = None
    ) -> list[Alert]:
        """`record_decision` for many alerts in two round trips: one notes who was alerted of
        each incident, one pipeline carries every subscriber's decision script."""
        if not decided:
            return []
        courses = await self._mark_alerted([alert for alert, _, _ in decided])
        now = datetime.now(UTC).timestamp() if now is None else now
        alerts, commands = [], []
        for alert, sent, count in decided:
            course = courses.get(alert.incident_id, [])
            if len(course) > len(alert.course):  # decided late: the incident has moved on since
                alert = alert.model_copy(update={"course": course})
            alerts.append(alert)
            commands.append(self._decide_command(alert, sent, count, now))
        # Scripts in a plain pipeline, not MULTI: a cluster routes each one to its slot.
        firsts = await pipelined(self.redis, commands)
        return [Alert.model_validate(json.loads(first)["alert"]) if first else alert
                for alert, first in zip(alerts, firsts, strict=True)]

    def _decide_command(self, alert: Alert, sent: Prior, count: int, now: float) -> Command:
        names, sub = self.names, alert.subscriber_id
        decision = {
            "alert_id": alert.alert_id,
            **sent.model_dump(mode="json"),
            "status": alert.status.value if alert.status else None,
            "count": count,
            "event_id": alert.event_id,
        }
        return Command.call(
            self._decide,
            keys=[names.alerted(sub), names.alerted_order(sub), names.history(sub),
                  names.history_order(sub)],
            args=[alert.incident_id, alert.alert_id, json.dumps(decision),
                  json.dumps(_record(alert, "pending", [])), alert.decided_at.timestamp(),
                  sent.revision, now - self.decisions_keep_s, now,
                  datetime.now(UTC).timestamp() - self.keep_s, self.keep_max],
        )

    async def _mark_alerted(self, alerts: list[Alert]) -> dict[str, list[CourseStep]]:
        """Note who was alerted of each incident, in its own slot, and read the incident's
        course as classify last stored it (one round trip for them all). Written first, so it
        never misses anyone whose decision is recorded (an extra name only costs a read)."""
        by_incident: dict[str, list[str]] = {}
        for alert in alerts:
            by_incident.setdefault(alert.incident_id, []).append(alert.subscriber_id)
        keep = max(1, int(self.decisions_keep_s))
        commands = []
        for incident_id, subscribers in by_incident.items():
            key = self.names.incident_alerted(incident_id)
            commands += [Command(("SADD", key, *subscribers)), Command(("EXPIRE", key, keep)),
                         Command(("GET", self.names.incident_course(incident_id)))]
        replies = await pipelined(self.redis, commands)
        raws = replies[2::3]
        return {incident_id: [CourseStep.model_validate(step) for step in json.loads(raw)]
                for incident_id, raw in zip(by_incident, raws, strict=True) if raw}

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

    def record_command(self, alert: Alert, status: str, channels: list[dict]) -> Command:
        """Writing an alert's history record, as a command a batch can carry (one script)."""
        names, sub = self.names, alert.subscriber_id
        return Command.call(self._record, keys=[names.history(sub), names.history_order(sub)],
                            args=[alert.alert_id, json.dumps(_record(alert, status, channels)),
                                  alert.decided_at.timestamp()])

    async def record_delivery(self, alert: Alert, status: str, channels: list[dict]) -> None:
        await self._run([self.record_command(alert, status, channels)])

    async def delivered_channels(self, alert_id: str) -> set[str]:
        return set(await self.redis.hkeys(self.names.delivered(alert_id)))

    async def claim_channels(
        self, alert_id: str, channels: list[str], token: str, lease_ms: int
    ) -> dict[str, str]:
        """Per channel: 'mine' when this sender may send the alert to it now (for `lease_ms` at
        most), 'done' when it arrived already, 'busy' when another sender is on it."""
        if not channels:
            return {}
        keys = [self.names.delivered(alert_id), *(self.names.delivering(alert_id, c) for c in channels)]
        [answers] = await self._run([Command.call(self._claim, keys, [token, lease_ms, *channels])])
        return {c: _text(a) for c, a in zip(channels, answers, strict=True)}

    def settle_command(self, alert_id: str, settled: dict[str, bool], token: str) -> Command:
        """After the sends: the channels that took the alert (True) marked delivered for good,
        every claim of this sender given up; as a command a batch can carry."""
        keys = [self.names.delivered(alert_id), *(self.names.delivering(alert_id, c) for c in settled)]
        args: list = [token, datetime.now(UTC).isoformat(), max(1, int(self.decisions_keep_s))]
        for channel, delivered in settled.items():
            args += [channel, "done" if delivered else "release"]
        return Command.call(self._settle, keys, args)

    async def settle_channels(self, alert_id: str, settled: dict[str, bool], token: str) -> None:
        if settled:
            await self._run([self.settle_command(alert_id, settled, token)])

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
