"""Politeness towards the sites chokewatch reads: one request at a time per host, across every
ingest process, and a pause between two requests to the same host.

The turn is a Redis lease with a token. Whoever finishes does not delete it but shortens it to
the pause, so the next request to that host, from any replica, waits out the pause too.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as aioredis

from chokewatch.shared.names import Names

# Ends a turn: only its holder may, and the key then lives on for the pause (or goes at once).
_END = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if tonumber(ARGV[2]) > 0 then
    return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  end
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class HostTurns:
    def __init__(self, redis: aioredis.Redis, names: Names, interval_ms: int, hold_ms: int) -> None:
        self.redis = redis
        self.names = names
        self.interval_ms = interval_ms
        self.hold_ms = hold_ms  # a replica that dies mid-request frees the host after this
        self._end = redis.register_script(_END)
        self._local: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def turn(self, host: str) -> AsyncIterator[None]:
        # In-process first, so this process's own sources queue without polling Redis.
        lock = self._local.setdefault(host, asyncio.Lock())
        async with lock:
            key = self.names.fetch_turn(host)
            token = uuid.uuid4().hex
            while not await self.redis.set(key, token, nx=True, px=self.hold_ms):
                left_ms = await self.redis.pttl(key)
                await asyncio.sleep(min(max(left_ms, 10), 200) / 1000)
            try:
                yield
            finally:
                await asyncio.shield(self._end(keys=[key], args=[token, self.interval_ms]))
