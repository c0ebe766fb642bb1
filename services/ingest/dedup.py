"""Exact-duplicate detection and admission of events onto the raw stream.

Two events are exact duplicates when their texts are equal after folding case and whitespace,
or when they point at the same canonical URL (tracking parameters and fragments removed). The
marks and the stream entry are written by one Lua call, so a crash cannot leave a mark without
its event (which would drop the event for good). Near-duplicates (the same story told by two
outlets) pass: classify clusters them into one incident.
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum

import redis.asyncio as aioredis

from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent
from chokewatch.shared.names import RAW, Names

from .normalise import canonical_url, url_hash

_SPACE = re.compile(r"\s+")


def content_hash(event: RawEvent) -> str:
    folded = _SPACE.sub(" ", f"{event.title}\n{event.text}").strip().casefold()
    return hashlib.sha256(folded.encode()).hexdigest()


class Admission(StrEnum):
    admitted = "admitted"
    duplicate_content = "content"
    duplicate_url = "url"


# KEYS: content mark, raw stream, URL mark (the content mark again when the event has no URL).
_ADMIT = """
local has_url = ARGV[4] == '1'
if has_url and redis.call('EXISTS', KEYS[3]) == 1 then
  return 'url'
end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', tonumber(ARGV[2])) then
  return 'content'
end
if has_url then
  redis.call('SET', KEYS[3], ARGV[1], 'EX', tonumber(ARGV[2]))
end
return redis.call('XADD', KEYS[2], '*', '__data__', ARGV[3], 'attempts', '0')
"""


class Admitter:
    def __init__(self, redis: aioredis.Redis, names: Names, ttl_days: float) -> None:
        self.names = names
        self.ttl = max(1, int(ttl_days * 86_400))  # whole seconds, as SET EX takes
        self._script = redis.register_script(_ADMIT)

    async def admit(self, event: RawEvent) -> bool:
        """Write the event to the raw stream unless an exact duplicate was seen. True if new."""
        return await self.check(event) is Admission.admitted

    async def check(self, event: RawEvent) -> Admission:
        """Admit the event, or say which mark it matched."""
        digest = content_hash(event)
        event = event.model_copy(update={"content_hash": digest})
        keys = self.names.stream(RAW)
        # A polled source shows the same item on every poll: its URL identifies it. A pushed event
        # may be an updated article at the same address, so only its content counts.
        url = canonical_url(event.source_url) if event.source.startswith("feed:") else None
        content_key = self.names.seen(digest)
        url_key = self.names.seen_url(url_hash(url)) if url else content_key
        reply = await self._script(
            keys=[content_key, keys.stream, url_key],
            args=[event.id, self.ttl, streams.encode(event)[streams.DATA], "1" if url else "0"],
        )
        if reply == "url":
            return Admission.duplicate_url
        if reply == "content":
            return Admission.duplicate_content
        return Admission.admitted
