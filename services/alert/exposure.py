"""Each alert worker's view of who is exposed to what, kept current from Redis.

At start the worker reads every stored profile's scoring fields (`ScoringProfile`: no channels,
so no secret is decrypted) into its index; before scoring each event it applies the profile
changes announced since (the API writes them to a stream in the same transaction as the
change), so no worker ever scores against a stale index and none needs a restart. The index
scores every subscriber from its packed columns; full profiles are read, in batches of one
HMGET, only for the subscribers an alert may go to.
"""

from __future__ import annotations

from collections import OrderedDict

import redis.asyncio as aioredis

from chokewatch.shared.core.exposure_table import ScoringProfile
from chokewatch.shared.messages import Classification
from chokewatch.shared.names import Names
from chokewatch.shared.profiles import Subscriber

from .index import ExposureIndex, Scored

READ_BATCH = 500  # profiles per HMGET


class ExposureView:
    def __init__(self, redis: aioredis.Redis, names: Names, cache_size: int = 2_000) -> None:
        self.redis = redis
        self.names = names
        self.index = ExposureIndex()
        self.cursor = "0-0"
        # Full profiles of recently alerted subscribers: validating one (and decrypting its
        # secrets) costs more than scoring it; the change stream says when one must be re-read.
        self.cache: OrderedDict[str, Subscriber] = OrderedDict()
        self.cache_size = cache_size

    async def load(self) -> int:
        """Index every stored profile; changes made meanwhile are replayed by follow()."""
        last = await self.redis.xrevrange(self.names.subscriber_changes, count=1)
        self.cursor = last[0][0] if last else "0-0"
        async for sub_id, raw in self.redis.hscan_iter(self.names.subscribers, count=1_000):
            self.index.add(sub_id, ScoringProfile.model_validate_json(raw))
        return len(self.index)

    async def apply_changes(self) -> int:
        """Re-read every profile changed since the last call; returns how many changes."""
        changed = 0
        while True:
            reply = await self.redis.xread({self.names.subscriber_changes: self.cursor}, count=500)
            entries = reply[0][1] if reply else []
            ids = list(dict.fromkeys(fields.get("id", "") for _, fields in entries))
            for start in range(0, len(ids), READ_BATCH):
                chunk = ids[start:start + READ_BATCH]
                raws = await self.redis.hmget(self.names.subscribers, chunk)
                for subscriber_id, raw in zip(chunk, raws, strict=True):
                    self._refresh(subscriber_id, raw)
            if entries:
                self.cursor = entries[-1][0]
            changed += len(entries)
            if len(entries) < 500:
                return changed

    def _refresh(self, subscriber_id: str, raw: str | None) -> None:
        self.cache.pop(subscriber_id, None)
        if raw is None:
            self.index.remove(subscriber_id)
        else:
            self.index.add(subscriber_id, ScoringProfile.model_validate_json(raw))

    async def score(self, c: Classification) -> Scored:
        """Every subscriber the event scores above 0, against the current profiles."""
        await self.apply_changes()
        return self.index.score(c, companies=c.companies)

    async def profiles(self, ids: list[str]) -> dict[str, Subscriber]:
        """The full profiles of `ids` (those still stored), from the cache or one HMGET."""
        found = {}
        for i in ids:
            sub = self.cache.get(i)
            if sub is not None:
                self.cache.move_to_end(i)
                found[i] = sub
        missing = [i for i in ids if i not in found]
        for start in range(0, len(missing), READ_BATCH):
            chunk = missing[start:start + READ_BATCH]
            for raw in await self.redis.hmget(self.names.subscribers, chunk):
                if raw:
                    sub = Subscriber.from_stored(raw)
                    found[sub.id] = self.cache[sub.id] = sub
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)
        return found

    async def exposed(self, c: Classification) -> list[Subscriber]:
        """The full profiles of every subscriber the event scores above 0, in id order."""
        scored = await self.score(c)
        found = await self.profiles(scored.ids)
        return [found[i] for i in sorted(scored.ids) if i in found]
