"""Incidents: one id for the same real-world development, whoever reports it and when.

State lives in Redis so every classify worker agrees. The decision itself (which candidate a
text joins, when the revision rises) is the pure `incident_policy.decide`, the same one
`chokewatch classify --incidents` and `chokewatch evaluate` run in memory; this store only finds
the candidates (indexes by element, by event type for element-less measures and by strong
anchor, over the last RECENT_DAYS) and keeps the records, under a lock so two workers never
open twin incidents at once.

Each event's membership (its incident, the revision and the course it got) is stored with it,
so a redelivered event gets exactly the answer it got the first time. Everything is bounded by
age (`keep_s`, CHOKEWATCH_INCIDENT_KEEP_DAYS): memberships expire, and an incident not written
for that long is dropped with its index entries.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.core.reading.incident_policy import (
    MAX_CANDIDATES,
    IncidentDecision,
    buckets,
    decide,
    likeliest,
    member,
    window_start,
)
from chokewatch.shared.core.reading.incident_reasons import why_joined
from chokewatch.shared.incident_views import MAX_REPORTS
from chokewatch.shared.messages import Classification
from chokewatch.shared.names import Names

__all__ = ["IncidentDecision", "IncidentStore"]


KEEP_S = 400 * 86_400

# Drops incidents not written since a cutoff: each record, its entries in the indexes it was
# filed under and its place in the write order. KEYS: the write-order zset; ARGV: cutoff (epoch
# seconds), most incidents dropped, the record, index and course key prefixes; then (for the
# readers' views) KEYS[2] the recent zset, ARGV[6] and ARGV[7] the report cards' and texts' prefixes.
_TRIM = """
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(old) do
  local raw = redis.call('GET', ARGV[3] .. id)
  if raw then
    local ok, record = pcall(cjson.decode, raw)
    if ok and type(record['buckets']) == 'table' then
      for _, bucket in ipairs(record['buckets']) do
        redis.call('ZREM', ARGV[4] .. bucket, id)
      end
    end
    redis.call('DEL', ARGV[3] .. id)
  end
  redis.call('DEL', ARGV[5] .. id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('DEL', ARGV[6] .. id, ARGV[7] .. id)
  redis.call('ZREM', KEYS[2], id)
end
return #old
"""


# Files one report's card and text (KEYS: the incident's cards, its texts) unless the incident
# has MAX_REPORTS already; a redelivered report keeps the card it got first (a redelivery reads
# as a join, whether or not it opened the incident). ARGV: event id, card JSON, text, most
# cards, ttl (s).
_FILE_REPORT = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 1
"""


def _new_id() -> str:
    return "inc_" + uuid.uuid4().hex[:16]


class IncidentStore:
    def __init__(self, redis: aioredis.Redis, names: Names, keep_s: float = KEEP_S) -> None:
        self.redis = redis
        self.names = names
        self.keep_s = keep_s
        self._trim = redis.register_script(_TRIM)

    async def assign(
        self,
        event_id: str,
        c: Classification,
        text: str,
        title: str,
        published_at: datetime | None = None,
    ) -> IncidentDecision:
        """Give the event its incident. Commentary and unrelated texts get one too: a report the
        classifier misreads as commentary still belongs with its development, and the alert
        service sends nothing for them whatever their incident."""
        m = member(c, text, title, published_at or datetime.now(UTC))
        async with _RedisLock(self.redis, self.names.incident_lock):
            # A redelivered event gets the answer it got the first time: incident, revision
            # and course, whatever the incident went through since.
            known = await self.redis.get(self.names.incident_member(event_id))
            if known:
                first = json.loads(known)
                return IncidentDecision(first["incident_id"], int(first["revision"]), False,
                                        tuple(first.get("course", ())))
            decision, record = decide(c, m, await self._candidates(m), _new_id)
            await self._save(record, event_id, decision, buckets(m))
            return decision

    async def trim(self, now: float | None = None, limit: int = 100) -> int:
        """Drop up to `limit` incidents not written for `keep_s`; returns how many."""
        now = datetime.now(UTC).timestamp() if now is None else now
        prefix = self.names.incident("")
        index_prefix = self.names.incident_index("")
        course_prefix = self.names.incident_course("")
        return int(await self._trim(keys=[self.names.incident_written, self.names.incident_recent],
                                    args=[now - self.keep_s, limit, prefix, index_prefix,
                                          course_prefix, self.names.incident_reports(""),
                                          self.names.incident_texts("")]))

    async def _candidates(self, m: dict) -> list[dict]:
        """The records worth comparing (`likeliest`): one round trip for the indexes, one for
        at most MAX_COMPARED records."""
        at = datetime.fromisoformat(m["at"])
        async with self.redis.pipeline(transaction=False) as pipe:
            for bucket in buckets(m):
                pipe.zrevrangebyscore(self.names.incident_index(bucket), "+inf",
                                      window_start(at, bucket), start=0, num=MAX_CANDIDATES,
                                      withscores=True)
            found = [(i, score) for pairs in await pipe.execute() for i, score in pairs]
        ids = likeliest(found)
        if not ids:
            return []
        raws = await self.redis.mget([self.names.incident(i) for i in ids])
        return [json.loads(raw) for raw in raws if raw]

    async def _save(
        self, record: dict, event_id: str, decision: IncidentDecision, buckets: set[str]
    ) -> None:
        keep = max(1, int(self.keep_s))
        # Every index the incident is filed under, so trimming finds them all again.
        record = {**record, "buckets": sorted(set(record.get("buckets", ())) | buckets)}
        first = {"incident_id": decision.incident_id, "revision": decision.revision,
                 "course": list(decision.course)}
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.names.incident(record["id"]), json.dumps(record), ex=keep)
            pipe.set(self.names.incident_member(event_id), json.dumps(first), ex=keep)
            # The whole course so far, for an alert decided late to tell what came after it.
            pipe.set(self.names.incident_course(record["id"]), json.dumps(record.get("course", [])),
                     ex=keep)
            pipe.zadd(self.names.incident_written, {record["id"]: datetime.now(UTC).timestamp()})
            # Newest first for readers, by the latest publication among its reports.
            pipe.zadd(self.names.incident_recent,
                      {record["id"]: record.get("last_seen") or datetime.now(UTC).timestamp()})
            for bucket in buckets:
                pipe.zadd(self.names.incident_index(bucket), {record["id"]: record["last_seen"]})
                pipe.expire(self.names.incident_index(bucket), keep)
            await pipe.execute()

    async def file_report(self, decision: IncidentDecision, event_id: str, card: dict,
                          c: Classification, text: str, title: str, published_at: datetime) -> None:
        """Keep a report's card and text with its incident for readers (the API, the console),
        with why it joined: the ties to the member it is most firmly tied to. Decides nothing, so it runs
        after `assign`, outside the lock."""
        if not decision.is_new:
            raw = await self.redis.get(self.names.incident(decision.incident_id))
            m = json.loads(json.dumps(member(c, text, title, published_at)))
            others = [x for x in json.loads(raw)["members"] if x != m] if raw else []
            card = {**card, "joined": why_joined(m, others)}
        # The text apart, so a list of incidents reads only the cards.
        text = card.pop("text", "")
        await self.redis.eval(_FILE_REPORT, 2, self.names.incident_reports(decision.incident_id),
                              self.names.incident_texts(decision.incident_id), event_id,
                              json.dumps(card), text, MAX_REPORTS, max(1, int(self.keep_s)))


class _RedisLock:
    """A short mutual-exclusion lease, so two workers never open twin incidents at once."""

    def __init__(self, redis: aioredis.Redis, key: str, ttl_ms: int = 5_000) -> None:
        self.redis, self.key, self.ttl_ms = redis, key, ttl_ms
        self.token = uuid.uuid4().hex

    async def __aenter__(self) -> None:
        # Polling is right here: the holder is another process, not a task of ours.
        while not await self.redis.set(self.key, self.token, nx=True, px=self.ttl_ms):  # noqa: ASYNC110
            await asyncio.sleep(0.005)

    async def __aexit__(self, *exc: object) -> None:
        # Release only our own lease (it may have expired and been taken by another worker).
        await self.redis.eval(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end"
            " return 0",
            1, self.key, self.token,
        )


