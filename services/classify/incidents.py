"""Incidents: one id for the same real-world development, whoever reports it and when.

State lives in Redis so every classify worker agrees: each incident keeps its facts (issuer,
type, elements, direction, status) and a text signature, and is indexed by element for the
last RECENT_DAYS. A new text joins the best-matching recent incident or opens a new one. A
later text that raises the status or flips the direction bumps the incident's revision, which
is what lets the alert service send an update.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass

import redis.asyncio as aioredis
from chokewatch.shared.messages import Classification, Direction, EventType, Status
from chokewatch.shared.names import Names

from .incident_match import IncidentFacts, match_score
from .similarity import signature

RECENT_DAYS = 45
MAX_CANDIDATES = 200
MATCH_THRESHOLD = 0.5
STATUS_RANK = {None: 0, Status.speculation: 1, Status.announced: 2, Status.enacted: 3}


@dataclass(frozen=True, slots=True)
class IncidentDecision:
    incident_id: str
    revision: int
    is_new: bool


def _buckets(c: Classification) -> list[str]:
    # Events without elements (a pure chip rule) are bucketed by type so they can still cluster.
    return list(c.elements) or [f"type:{c.event_type.value}"]


class IncidentStore:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    async def assign(
        self, event_id: str, c: Classification, text: str, title: str, seen_at: float | None = None
    ) -> IncidentDecision | None:
        """Give the event its incident; None for texts that are no event."""
        if c.event_type in (EventType.not_relevant, EventType.commentary):
            return None
        now = seen_at if seen_at is not None else time.time()
        facts = IncidentFacts.of(c, signature(text, title))
        async with self._lock():
            # A redelivered event gets the answer it got the first time.
            known = await self.redis.hget(self.names.incident_members, event_id)
            if known:
                record = json.loads(await self.redis.get(self.names.incident(known)) or "{}")
                return IncidentDecision(known, int(record.get("revision", 1)), False)

            best, best_score = None, 0.0
            for record in await self._candidates(c, now):
                s = match_score(IncidentFacts.from_record(record), facts)
                if s > best_score:
                    best, best_score = record, s
            if best is not None and best_score >= MATCH_THRESHOLD:
                decision, record = self._update(best, c, now)
            else:
                decision, record = self._open(c, facts, now)
            await self._save(record, event_id, c, now)
            return decision

    def _open(self, c: Classification, facts: IncidentFacts, now: float):
        incident_id = "inc_" + uuid.uuid4().hex[:16]
        record = {
            "id": incident_id,
            "revision": 1,
            "first_seen": now,
            "last_seen": now,
            **facts.to_record(),
        }
        return IncidentDecision(incident_id, 1, True), record

    def _update(self, record: dict, c: Classification, now: float):
        escalated = STATUS_RANK[c.status] > STATUS_RANK[_status(record.get("status"))]
        flipped = (
            c.direction != Direction.neutral
            and record.get("direction") not in (None, Direction.neutral.value, c.direction.value)
        )
        if escalated or flipped:
            record["revision"] = int(record["revision"]) + 1
            record["status"] = c.status.value if c.status else None
            record["direction"] = c.direction.value
        # An incident's elements grow as reports add detail; they never shrink.
        record["elements"] = sorted(set(record.get("elements", [])) | set(c.elements))
        record["last_seen"] = now
        return IncidentDecision(record["id"], int(record["revision"]), False), record

    async def _candidates(self, c: Classification, now: float) -> list[dict]:
        since = now - RECENT_DAYS * 86_400
        ids: set[str] = set()
        for bucket in _buckets(c):
            ids.update(
                await self.redis.zrevrangebyscore(
                    self.names.incident_index(bucket), "+inf", since, start=0, num=MAX_CANDIDATES
                )
            )
        if not ids:
            return []
        raws = await self.redis.mget([self.names.incident(i) for i in sorted(ids)])
        return [json.loads(r) for r in raws if r]

    async def _save(self, record: dict, event_id: str, c: Classification, now: float) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.names.incident(record["id"]), json.dumps(record))
            pipe.hset(self.names.incident_members, event_id, record["id"])
            for bucket in set(_buckets(c)) | set(record.get("elements", [])):
                pipe.zadd(self.names.incident_index(bucket), {record["id"]: now})
            await pipe.execute()

    def _lock(self) -> _RedisLock:
        return _RedisLock(self.redis, self.names.incident_lock)


def _status(value: str | None) -> Status | None:
    return Status(value) if value else None


class _RedisLock:
    """A short mutual-exclusion lease, so two workers never open twin incidents at once."""

    def __init__(self, redis: aioredis.Redis, key: str, ttl_ms: int = 5_000) -> None:
        self.redis, self.key, self.ttl_ms = redis, key, ttl_ms
        self.token = uuid.uuid4().hex

    async def __aenter__(self) -> None:
        while not await self.redis.set(self.key, self.token, nx=True, px=self.ttl_ms):  # noqa: ASYNC110 - the holder is another process
            await asyncio.sleep(0.005)

    async def __aexit__(self, *exc: object) -> None:
        # Release only our own lease (it may have expired and been taken by another worker).
        await self.redis.eval(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end"
            " return 0",
            1, self.key, self.token,
        )
