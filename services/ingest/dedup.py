"""Exact-duplicate detection and admission of events onto the raw stream.

Two texts are exact duplicates when they are equal after folding case and whitespace. The mark
and the stream entry are written by one Lua call, so a crash cannot leave a mark without its
event (which would drop the event for good).
"""

from __future__ import annotations

import hashlib
import re

import redis.asyncio as aioredis
from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent
from chokewatch.shared.names import RAW, Names

_SPACE = re.compile(r"\s+")


def content_hash(event: RawEvent) -> str:
    folded = _SPACE.sub(" ", f"{event.title}\n{event.text}").strip().casefold()
    return hashlib.sha256(folded.encode()).hexdigest()


_ADMIT = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', tonumber(ARGV[2])) then
  return redis.call('XADD', KEYS[2], '*', '__data__', ARGV[3], 'attempts', '0')
end
return false
"""


class Admitter:
    def __init__(self, redis: aioredis.Redis, names: Names, ttl_days: int) -> None:
        self.names = names
        self.ttl = ttl_days * 86_400
        self._script = redis.register_script(_ADMIT)

    async def admit(self, event: RawEvent) -> bool:
        """Write the event to the raw stream unless an exact duplicate was seen. True if new."""
        digest = content_hash(event)
        event = event.model_copy(update={"content_hash": digest})
        keys = self.names.stream(RAW)
        entry = await self._script(
            keys=[self.names.seen(digest), keys.stream],
            args=[event.id, self.ttl, streams.encode(event)[streams.DATA]],
        )
        return entry is not None
