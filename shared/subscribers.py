"""Subscribers in Redis: profiles, the element index, API keys and alert history.

The API writes here and the alert service reads, so a profile change is seen by every alert
worker on its next event. Each subscriber's keys are separate, so one subscriber's data is only
ever read through its own id.
"""

from __future__ import annotations

import hashlib
import json
import secrets

import redis.asyncio as aioredis

from .names import Names
from .profiles import Subscriber


def hash_key(api_key: str) -> str:
    # API keys are 32 random bytes, so a plain SHA-256 is enough to make the stored form useless.
    return hashlib.sha256(api_key.encode()).hexdigest()


def announce_change(pipe, names: Names, subscriber_id: str) -> None:
    """Tell every alert worker, in the same transaction as the change, to re-read a profile."""
    pipe.xadd(names.subscriber_changes, {"id": subscriber_id}, maxlen=100_000, approximate=True)


def new_api_key() -> str:
    return "cwk_" + secrets.token_urlsafe(32)


class SubscriberStore:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    async def get(self, subscriber_id: str) -> Subscriber | None:
        raw = await self.redis.hget(self.names.subscribers, subscriber_id)
        return Subscriber.model_validate_json(raw) if raw else None

    async def get_many(self, ids: list[str]) -> list[Subscriber]:
        if not ids:
            return []
        raws = await self.redis.hmget(self.names.subscribers, ids)
        return [Subscriber.model_validate_json(r) for r in raws if r]

    async def put(self, sub: Subscriber, previous: Subscriber | None = None) -> None:
        """Store a profile and move its index entries, in one transaction."""
        names = self.names
        old = previous.exposed_elements() if previous else set()
        new = sub.exposed_elements()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(names.subscribers, sub.id, sub.storable())
            pipe.zadd(names.subscriber_order, {sub.id: 0})
            for element in old - new:
                pipe.srem(names.element_index(element), sub.id)
            for element in new:
                pipe.sadd(names.element_index(element), sub.id)
            announce_change(pipe, names, sub.id)
            await pipe.execute()

    async def delete(self, sub: Subscriber) -> None:
        names = self.names
        key_hash = await self.redis.hget(names.subscriber_keys, sub.id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hdel(names.subscribers, sub.id)
            pipe.zrem(names.subscriber_order, sub.id)
            for element in sub.exposed_elements():
                pipe.srem(names.element_index(element), sub.id)
            if key_hash:
                pipe.hdel(names.api_keys, key_hash)
            pipe.hdel(names.subscriber_keys, sub.id)
            pipe.delete(names.alerted(sub.id), names.history(sub.id), names.history_order(sub.id))
            announce_change(pipe, names, sub.id)
            await pipe.execute()

    async def list_ids(self, after: str | None, limit: int) -> list[str]:
        """Ids in lexical order, after a cursor (the last id of the previous page)."""
        start = f"({after}" if after else "-"
        return await self.redis.zrangebylex(
            self.names.subscriber_order, start, "+", start=0, num=limit
        )

    async def count(self) -> int:
        return int(await self.redis.hlen(self.names.subscribers))

    async def candidates(self, elements: list[str]) -> list[str]:
        """Subscribers exposed to any of these elements: the cost is the exposed set only."""
        if not elements:
            return []
        ids = await self.redis.sunion([self.names.element_index(e) for e in elements])
        return sorted(ids)

    # API keys
    async def issue_key(self, subscriber_id: str) -> str:
        """A new key for the subscriber; the previous one stops working at once."""
        key = new_api_key()
        names = self.names
        old = await self.redis.hget(names.subscriber_keys, subscriber_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            if old:
                pipe.hdel(names.api_keys, old)
            pipe.hset(names.api_keys, hash_key(key), subscriber_id)
            pipe.hset(names.subscriber_keys, subscriber_id, hash_key(key))
            await pipe.execute()
        return key

    async def subscriber_for_key(self, api_key: str) -> str | None:
        return await self.redis.hget(self.names.api_keys, hash_key(api_key))

    # history
    async def history(self, subscriber_id: str, limit: int, before: float | None) -> list[dict]:
        """Alert records, newest first; `before` is the decided-at timestamp cursor."""
        names = self.names
        top = f"({before}" if before is not None else "+inf"
        ids = await self.redis.zrevrangebyscore(
            names.history_order(subscriber_id), top, "-inf", start=0, num=limit
        )
        if not ids:
            return []
        raws = await self.redis.hmget(names.history(subscriber_id), ids)
        return [json.loads(r) for r in raws if r]
