"""Incidents: one id for the same real-world development, whoever reports it and when.

State lives in Redis so every classify worker agrees. An incident keeps its latest status and
direction, its revision, and its most recent member texts in compact form (facts, shingle
signature, anchors such as announcement numbers, publication time). A new text joins the recent
incident with the strongest tie to one of its members (`incident_rules.strength`, the policy
the evaluation measures with `assign`), else it opens a new one; incidents never merge.
Candidates come from indexes by element, by event type (for element-less measures) and by
strong anchor, over the last RECENT_DAYS.

A later text that raises the status or flips the direction bumps the incident's revision, which
is what lets the alert service send an update.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.core.reading.incident_rules import Item, strength
from chokewatch.shared.core.reading.similarity import signature
from chokewatch.shared.messages import Classification, Direction, EventType, Status
from chokewatch.shared.names import Names

RECENT_DAYS = 200  # a little over incident_rules.MAX_GAP_DAYS
MAX_CANDIDATES = 200
MAX_MEMBERS = 12  # texts kept per incident for matching; the newest are the most telling
STATUS_RANK = {None: 0, Status.speculation: 1, Status.announced: 2, Status.enacted: 3}
_FACTS = ("event_type", "issuer", "elements", "companies", "direction", "status", "chips_involved")


@dataclass(frozen=True, slots=True)
class IncidentDecision:
    incident_id: str
    revision: int
    is_new: bool


def _buckets(c: Classification, anchors: list[str]) -> set[str]:
    out = set(c.elements) or {f"type:{c.event_type.value}"}
    out.update(f"anchor:{a}" for a in anchors if not a.startswith("date:"))
    return out


def _member(c: Classification, sig: list[int], anchors: list[str], at: datetime) -> dict:
    facts = c.model_dump(mode="json", include=set(_FACTS))
    return {"facts": facts, "sig": sig, "anchors": anchors, "at": at.isoformat()}


def _item(member: dict) -> Item:
    return Item(
        classification=Classification(**member["facts"]),
        signature=member["sig"],
        published_at=datetime.fromisoformat(member["at"]),
        anchors=frozenset(member["anchors"]),
    )


class IncidentStore:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    async def assign(
        self,
        event_id: str,
        c: Classification,
        text: str,
        title: str,
        published_at: datetime | None = None,
    ) -> IncidentDecision | None:
        """Give the event its incident; None for texts that are no event."""
        if c.event_type in (EventType.not_relevant, EventType.commentary):
            return None
        at = published_at or datetime.now(UTC)
        anchors = list(c.evidence.get("anchors", []))
        member = _member(c, signature(text, title), anchors, at)
        new = _item(member)
        async with _RedisLock(self.redis, self.names.incident_lock):
            # A redelivered event gets the answer it got the first time.
            known = await self.redis.hget(self.names.incident_members, event_id)
            if known:
                record = json.loads(await self.redis.get(self.names.incident(known)) or "{}")
                return IncidentDecision(known, int(record.get("revision", 1)), False)
            # The incident with the strongest tie to one of its members, as evaluate.assign does.
            match, best = None, 0.0
            for record in await self._candidates(c, anchors, at.timestamp()):
                tie = max(strength(_item(m), new) for m in record["members"])
                if tie > best:
                    match, best = record, tie
            if match is None:
                decision, record = self._open(c, member, at.timestamp())
            else:
                decision, record = self._update(match, c, member, at.timestamp())
            await self._save(record, event_id, _buckets(c, anchors))
            return decision

    def _open(self, c: Classification, member: dict, now: float):
        incident_id = "inc_" + uuid.uuid4().hex[:16]
        record = {
            "id": incident_id,
            "revision": 1,
            "status": c.status.value if c.status else None,
            "direction": c.direction.value,
            "first_seen": now,
            "last_seen": now,
            "members": [member],
        }
        return IncidentDecision(incident_id, 1, True), record

    def _update(self, record: dict, c: Classification, member: dict, now: float):
        escalated = STATUS_RANK[c.status] > STATUS_RANK[_status(record.get("status"))]
        flipped = (
            c.direction != Direction.neutral
            and record.get("direction") not in (None, Direction.neutral.value, c.direction.value)
        )
        if escalated or flipped:
            record["revision"] = int(record["revision"]) + 1
            record["status"] = c.status.value if c.status else None
            record["direction"] = c.direction.value
        record["members"] = (record["members"] + [member])[-MAX_MEMBERS:]
        record["last_seen"] = max(float(record["last_seen"]), now)
        return IncidentDecision(record["id"], int(record["revision"]), False), record

    async def _candidates(self, c: Classification, anchors: list[str], now: float) -> list[dict]:
        since = now - RECENT_DAYS * 86_400
        ids: set[str] = set()
        for bucket in _buckets(c, anchors):
            ids.update(
                await self.redis.zrevrangebyscore(
                    self.names.incident_index(bucket), "+inf", since, start=0, num=MAX_CANDIDATES
                )
            )
        if not ids:
            return []
        raws = await self.redis.mget([self.names.incident(i) for i in sorted(ids)])
        records = [json.loads(r) for r in raws if r]
        # Most recently active first: a story still running is the likelier match.
        return sorted(records, key=lambda r: -float(r["last_seen"]))

    async def _save(self, record: dict, event_id: str, buckets: set[str]) -> None:
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.names.incident(record["id"]), json.dumps(record))
            pipe.hset(self.names.incident_members, event_id, record["id"])
            for bucket in buckets:
                pipe.zadd(self.names.incident_index(bucket), {record["id"]: record["last_seen"]})
            await pipe.execute()


def _status(value: str | None) -> Status | None:
    return Status(value) if value else None


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


