"""Each alert worker's view of who is exposed to what, kept current from Redis.

At start the worker indexes every stored profile; before scoring each event it applies the
profile changes announced since (the API writes them to a stream in the same transaction as the
change), so no worker ever scores against a stale index and none needs a restart. The index
holds ids only; the candidates' profiles are read from Redis for each event.
"""

from __future__ import annotations

from collections import OrderedDict

import redis.asyncio as aioredis

from chokewatch.shared.messages import Classification
from chokewatch.shared.names import Names
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore

from .index import ExposureIndex


class ExposureView:
    def __init__(self, redis: aioredis.Redis, names: Names, cache_size: int = 20_000) -> None:
        self.redis = redis
        self.names = names
        self.store = SubscriberStore(redis, names)
        self.index = ExposureIndex()
        self.cursor = "0-0"
        # Parsed profiles of recently exposed subscribers. Validating a profile costs more than
        # scoring it, and the change stream says exactly when one must be read again.
        self.cache: OrderedDict[str, Subscriber] = OrderedDict()
        self.cache_size = cache_size

    async def load(self) -> int:
        """Index every stored profile; changes made meanwhile are replayed by follow()."""
        last = await self.redis.xrevrange(self.names.subscriber_changes, count=1)
        self.cursor = last[0][0] if last else "0-0"
        async for sub_id, raw in self.redis.hscan_iter(self.names.subscribers, count=1_000):
            self.index.add(sub_id, Subscriber.from_stored(raw))
        return len(self.index)

    async def apply_changes(self) -> int:
        """Re-read every profile changed since the last call; returns how many changes."""
        changed = 0
        while True:
            reply = await self.redis.xread({self.names.subscriber_changes: self.cursor}, count=500)
            entries = reply[0][1] if reply else []
            for entry_id, fields in entries:
                await self._refresh(fields.get("id", ""))
                self.cursor = entry_id
            changed += len(entries)
            if len(entries) < 500:
                return changed

    async def _refresh(self, subscriber_id: str) -> None:
        self.cache.pop(subscriber_id, None)
        sub = await self.store.get(subscriber_id)
        if sub is None:
            self.index.remove(subscriber_id)
        else:
            self.index.add(subscriber_id, sub)

    async def exposed(self, c: Classification) -> list[Subscriber]:
        await self.apply_changes()
        ids = sorted(self.index.candidates(c, companies=c.companies))
        missing = [i for i in ids if i not in self.cache]
        for sub in await self.store.get_many(missing):
            self.cache[sub.id] = sub
        found = []
        for i in ids:
            sub = self.cache.get(i)
            if sub is not None:
                self.cache.move_to_end(i)
                found.append(sub)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return found
