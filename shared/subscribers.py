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

# Compare-and-set of one profile: write only if the stored version is the one the caller read
# (0: only if absent), and move its element-index entries in the same atomic step.
# KEYS: subscribers hash, order zset, changes stream, then n_remove index keys, then the index
# keys to add. ARGV: id, expected version, profile JSON, n_remove. Returns 1 if written, 0 on a
# conflict. The changes stream tells every alert worker to re-read the profile.
_REPLACE = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local expected = tonumber(ARGV[2])
if expected == 0 then
  if raw then return 0 end
elseif not raw or cjson.decode(raw)['version'] ~= expected then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[2], 0, ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', 100000, '*', 'id', ARGV[1])
local n_remove = tonumber(ARGV[4])
for i = 4, #KEYS do
  if i < 4 + n_remove then
    redis.call('SREM', KEYS[i], ARGV[1])
  else
    redis.call('SADD', KEYS[i], ARGV[1])
  end
end
return 1
"""

# Delete one profile if its stored version is the expected one, with its key and index entries.
# KEYS: subscribers, order, api_keys, subscriber_keys, changes stream, then the index sets.
# ARGV: id, expected version. (Decisions and history live in the subscriber's own slot and are
# removed after, by `remove`.)
_DELETE = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw or cjson.decode(raw)['version'] ~= tonumber(ARGV[2]) then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local key_hash = redis.call('HGET', KEYS[4], ARGV[1])
if key_hash then redis.call('HDEL', KEYS[3], key_hash) end
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('XADD', KEYS[5], 'MAXLEN', '~', 100000, '*', 'id', ARGV[1])
for i = 6, #KEYS do redis.call('SREM', KEYS[i], ARGV[1]) end
return 1
"""

# Swap (or with an empty ARGV[2], revoke) a subscriber's key in one step, so two rotations at
# once cannot leave an orphaned hash that still authenticates. KEYS: api_keys, subscriber_keys.
_SET_KEY = """
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then redis.call('HDEL', KEYS[1], old) end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[2], ARGV[1])
  return old and 1 or 0
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
"""


def hash_key(api_key: str) -> str:
    # API keys are 32 random bytes, so a plain SHA-256 is enough to make the stored form useless.
    return hashlib.sha256(api_key.encode()).hexdigest()


def _bound(score: float) -> str | float:
    return "+inf" if score == float("inf") else "-inf" if score == float("-inf") else score


def _own_keys(names: Names, subscriber_id: str) -> list[str]:
    """A subscriber's decisions, history and digest: one slot, removed with the subscriber."""
    return [names.alerted(subscriber_id), names.alerted_order(subscriber_id), names.history(subscriber_id),
            names.history_order(subscriber_id), names.digest(subscriber_id),
            names.digest_ids(subscriber_id)]


def new_api_key() -> str:
    return "cwk_" + secrets.token_urlsafe(32)


class SubscriberStore:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names
        self._replace = redis.register_script(_REPLACE)
        self._delete = redis.register_script(_DELETE)
        self._set_key = redis.register_script(_SET_KEY)

    async def get(self, subscriber_id: str) -> Subscriber | None:
        raw = await self.redis.hget(self.names.subscribers, subscriber_id)
        return Subscriber.from_stored(raw) if raw else None

    async def get_many(self, ids: list[str]) -> list[Subscriber]:
        if not ids:
            return []
        raws = await self.redis.hmget(self.names.subscribers, ids)
        return [Subscriber.from_stored(r) for r in raws if r]

    async def replace(self, sub: Subscriber, previous: Subscriber | None) -> bool:
        """Store `sub` only if the stored profile is still `previous` (None: only if absent).

        False means someone else changed (or removed) it since it was read: nothing is written.
        """
        names = self.names
        old = previous.exposed_elements() if previous else set()
        new = sub.exposed_elements()
        remove = [names.element_index(e) for e in sorted(old - new)]
        add = [names.element_index(e) for e in sorted(new)]
        done = await self._replace(
            keys=[names.subscribers, names.subscriber_order, names.subscriber_changes,
                  *remove, *add],
            args=[sub.id, previous.version if previous else 0, sub.storable(), len(remove)],
        )
        return bool(done)

    async def remove(self, sub: Subscriber) -> bool:
        """Delete a subscriber and everything of it, only if it is still at `sub.version`."""
        names = self.names
        doomed = _own_keys(names, sub.id)
        index = [names.element_index(e) for e in sorted(sub.exposed_elements())]
        done = await self._delete(
            keys=[names.subscribers, names.subscriber_order, names.api_keys, names.subscriber_keys,
                  names.subscriber_changes, *index],
            args=[sub.id, sub.version],
        )
        if done:
            await self.redis.delete(*doomed)
        return bool(done)

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
    async def swap_key(self, subscriber_id: str) -> str:
        """A new key for the subscriber, swapped in atomically; the previous one stops at once."""
        key = new_api_key()
        names = self.names
        await self._set_key(keys=[names.api_keys, names.subscriber_keys], args=[subscriber_id, hash_key(key)])
        return key

    async def revoke_key(self, subscriber_id: str) -> bool:
        """Drop the subscriber's key: nothing authenticates as it until a new one is issued."""
        names = self.names
        done = await self._set_key(keys=[names.api_keys, names.subscriber_keys], args=[subscriber_id, ""])
        return bool(done)

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

    async def history_window(
        self, subscriber_id: str, top: float, skip: int, bottom: float, count: int
    ) -> list[tuple[dict | None, float]]:
        """Up to `count` records (with their time) from `top` down to `bottom`, newest first,
        skipping the first `skip` (records at `top` that an earlier page already returned).
        A record whose body is gone shows as None, so positions still count it."""
        names = self.names
        pairs = await self.redis.zrevrangebyscore(
            names.history_order(subscriber_id), _bound(top), _bound(bottom),
            start=skip, num=count, withscores=True,
        )
        if not pairs:
            return []
        raws = await self.redis.hmget(names.history(subscriber_id), [alert_id for alert_id, _ in pairs])
        return [(json.loads(raw) if raw else None, at) for raw, (_, at) in zip(raws, pairs, strict=True)]
