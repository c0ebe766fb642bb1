"""How a message is written to a stream, retried later, dead-lettered, or reclaimed.

An entry is {"__data__": <JSON envelope FastStream parses>, "attempts": "<n>"}. The envelope
(`{"data": ..., "headers": {...}}`) keeps entries readable with redis-cli and lets us write
them from Lua and pipelines as well as through FastStream.

Every move of an entry (to the retry schedule, to the dead letters, back onto the stream) is
one MULTI or Lua call together with the XACK of the original, so nothing is lost in between.
"""

from __future__ import annotations

import json
import random

import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from .messages import Message
from .names import StreamKeys

DATA = "__data__"
ATTEMPTS = "attempts"


def encode(message: Message, attempts: int = 0) -> dict[str, str]:
    envelope = {
        "data": message.model_dump_json(),
        "headers": {
            "content-type": "application/json",
            "correlation_id": message.correlation_id,
            "message_id": message.id,
        },
    }
    return {DATA: json.dumps(envelope, separators=(",", ":")), ATTEMPTS: str(attempts)}


class BadEntry(ValueError):
    """An entry whose fields are not a chokewatch envelope."""


def payload_of(fields: dict[str, str]) -> str:
    """The message JSON inside an entry's envelope."""
    raw = fields.get(DATA)
    if raw is None:
        raise BadEntry(f"entry has no {DATA!r} field (fields: {sorted(fields)[:10]})")
    try:
        envelope = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadEntry(f"envelope is not JSON: {exc}") from None
    data = envelope.get("data") if isinstance(envelope, dict) else None
    if not isinstance(data, str):
        raise BadEntry("envelope has no string 'data'")
    return data


def attempts_of(fields: dict[str, str]) -> int:
    try:
        return max(0, int(fields.get(ATTEMPTS, "0")))
    except ValueError:
        return 0


async def publish(redis: aioredis.Redis, keys: StreamKeys, message: Message) -> str:
    return await redis.xadd(keys.stream, encode(message))


async def publish_many(redis: aioredis.Redis, keys: StreamKeys, messages: list[Message]) -> list[str]:
    """Write messages in order in one pipelined round trip (one stream: one slot in a cluster)."""
    if not messages:
        return []
    async with redis.pipeline(transaction=False) as pipe:
        for message in messages:
            pipe.xadd(keys.stream, encode(message))
        return await pipe.execute()


# Acknowledge, and write the dead letter only if this call took the entry off the pending list:
# an entry another worker reclaimed while this one was still at it is dead-lettered once.
_DEAD_LETTER = """
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
  return 1
end
return 0
"""


async def dead_letter(
    redis: aioredis.Redis, keys: StreamKeys, entry_id: str, fields: dict[str, str], reason: str
) -> bool:
    """Move an entry to the dead-letter stream with its reason, and acknowledge it. False when
    it was no longer pending (already acknowledged by another worker): nothing is written."""
    record = {
        **{k: v for k, v in fields.items() if k in (DATA, ATTEMPTS)},
        "reason": reason[:4_000],
        "source_stream": keys.stream,
        "source_id": entry_id,
    }
    if DATA not in fields:  # keep whatever the poison entry carried, for diagnosis
        record["original"] = json.dumps(fields)[:100_000]
    flat = [part for pair in record.items() for part in pair]
    moved = await redis.eval(_DEAD_LETTER, 2, keys.stream, keys.dead, keys.group, entry_id, *flat)
    return bool(moved)


def backoff_ms(attempt: int, base_ms: int, max_ms: int) -> int:
    """Exponential backoff with full jitter: attempt 1 waits up to base, then 2x, 4x ..."""
    ceiling = min(max_ms, base_ms * 2 ** max(0, attempt - 1))
    return random.randint(ceiling // 2, ceiling)


async def schedule_retry(
    redis: aioredis.Redis,
    keys: StreamKeys,
    entry_id: str,
    fields: dict[str, str],
    attempts: int,
    due_ms: int,
) -> None:
    """Park an entry in the retry schedule until due_ms (epoch ms), and acknowledge it."""
    member = json.dumps({"id": entry_id, DATA: fields[DATA], ATTEMPTS: attempts})
    async with redis.pipeline(transaction=True) as pipe:
        pipe.zadd(keys.retry, {member: due_ms})
        pipe.xack(keys.stream, keys.group, entry_id)
        await pipe.execute()


# Moves due entries from the retry schedule back onto the stream, atomically.
_MOVE_DUE = """
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  local item = cjson.decode(member)
  redis.call('XADD', KEYS[2], '*', '__data__', item['__data__'], 'attempts', tostring(item['attempts']))
  redis.call('ZREM', KEYS[1], member)
end
return #due
"""


class Mover:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._script = redis.register_script(_MOVE_DUE)

    async def move_due(self, keys: StreamKeys, now_ms: int, limit: int = 500) -> int:
        return int(await self._script(keys=[keys.retry, keys.stream], args=[now_ms, limit]))


async def requeue(
    redis: aioredis.Redis, keys: StreamKeys, entry_id: str, fields: dict[str, str], attempts: int
) -> None:
    """Put a claimed entry back at the stream's end with its attempt count, and acknowledge it."""
    async with redis.pipeline(transaction=True) as pipe:
        pipe.xadd(keys.stream, {DATA: fields.get(DATA, ""), ATTEMPTS: str(attempts)})
        pipe.xack(keys.stream, keys.group, entry_id)
        await pipe.execute()


async def claim_idle(
    redis: aioredis.Redis, keys: StreamKeys, consumer: str, min_idle_ms: int, count: int = 100
) -> list[tuple[str, dict[str, str]]]:
    """Take over entries left pending longer than min_idle_ms (their consumer died or hung)."""
    claimed: list[tuple[str, dict[str, str]]] = []
    start = "0-0"
    while True:
        reply = await redis.xautoclaim(
            keys.stream, keys.group, consumer, min_idle_ms, start_id=start, count=count
        )
        start, entries = reply[0], reply[1]
        deleted = reply[2] if len(reply) > 2 else []
        claimed.extend((eid, fields) for eid, fields in entries if fields is not None)
        if deleted:  # trimmed from the stream while pending: nothing left to process
            await redis.xack(keys.stream, keys.group, *deleted)
        if start == "0-0" or len(claimed) >= count:
            return claimed


async def backlog(redis: aioredis.Redis, all_keys: list[StreamKeys]) -> dict[str, int]:
    """Entries not yet finished per stream: unread, pending, or waiting for a retry."""
    out: dict[str, int] = {}
    for keys in all_keys:
        waiting = int(await redis.zcard(keys.retry))
        for group in await redis.xinfo_groups(keys.stream):
            if group["name"] == keys.group:
                lag = group.get("lag")
                if lag is None:  # unknown after some deletions: fall back to a full count
                    lag = int(await redis.xlen(keys.stream))
                waiting += int(lag) + int(group["pending"])
        out[keys.stream] = waiting
    return out


# Moves dead letters back onto their stream with a fresh attempt count, atomically. Entries
# that were never valid envelopes stay where they are: sending them again cannot help.
_REDRIVE = """
local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', tonumber(ARGV[1]))
local moved = 0
for _, entry in ipairs(entries) do
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == '__data__' then
      redis.call('XADD', KEYS[2], '*', '__data__', fields[i + 1], 'attempts', '0')
      redis.call('XDEL', KEYS[1], entry[1])
      moved = moved + 1
      break
    end
  end
end
return moved
"""


async def redrive(redis: aioredis.Redis, keys: StreamKeys, limit: int = 1_000) -> int:
    """Send up to `limit` dead letters of a stream through it again; returns how many."""
    return int(await redis.eval(_REDRIVE, 2, keys.dead, keys.stream, limit))


async def read_since(
    redis: aioredis.Redis, stream: str, model: type[Message], since_ms: int, limit: int
) -> tuple[list[Message], bool]:
    """Valid messages of a stream written since `since_ms` (epoch ms), at most `limit` entries
    read; the flag says whether the limit cut the reading short. Invalid entries are skipped."""
    from pydantic import ValidationError

    out: list[Message] = []
    start, read = f"{since_ms}-0", 0
    while read < limit:
        count = min(1_000, limit - read)
        batch = await redis.xrange(stream, start, "+", count=count)
        for _, fields in batch:
            try:
                out.append(model.model_validate_json(payload_of(fields)))
            except (BadEntry, ValidationError):
                continue
        read += len(batch)
        if len(batch) < count:
            return out, False
        start = f"({batch[-1][0]}"
    return out, bool(await redis.xrange(stream, start, "+", count=1))


def id_after(entry_id: str) -> str:
    """The smallest stream id greater than entry_id."""
    ms, _, seq = entry_id.partition("-")
    return f"{ms}-{int(seq or 0) + 1}"


def older_id(a: str, b: str) -> str:
    pa, pb = (tuple(int(p) for p in x.split("-")) for x in (a, b))
    return a if pa <= pb else b


async def safe_trim_point(redis: aioredis.Redis, stream: str) -> str | None:
    """The id below which every consumer group of `stream` has read and acknowledged every
    entry: the oldest entry still pending in some group, or the first one some group has not
    read yet. None when the stream has no group (nobody has read it: nothing may go)."""
    try:
        groups = await redis.xinfo_groups(stream)
    except ResponseError:  # no such stream
        return None
    if not groups:
        return None
    point: str | None = None
    for group in groups:
        name = _str(group["name"])
        first_unread = id_after(_str(group["last-delivered-id"]))
        if int(group["pending"]):
            summary = await redis.xpending(stream, name)
            oldest = _str(summary["min"]) if summary.get("min") else first_unread
            first_unread = older_id(oldest, first_unread)
        point = first_unread if point is None else older_id(point, first_unread)
    return point


async def trim(
    redis: aioredis.Redis,
    keys: StreamKeys,
    now_ms: int,
    keep_ms: int,
    dead_keep_ms: int,
    dead_max: int,
) -> tuple[int, int]:
    """Drop stream entries older than keep_ms that every group has finished with, and dead
    letters older than dead_keep_ms or beyond the newest dead_max. Returns (entries, dead
    letters) removed. An entry some group has not yet acknowledged is never removed, however
    old: the cut is the older of the age limit and `safe_trim_point`."""
    removed = 0
    point = await safe_trim_point(redis, keys.stream)
    if point is not None:
        cut = older_id(point, f"{max(0, now_ms - keep_ms)}-0")
        removed = int(await redis.xtrim(keys.stream, minid=cut, approximate=False))
    dead = int(await redis.xtrim(keys.dead, maxlen=dead_max, approximate=False))
    dead += int(
        await redis.xtrim(keys.dead, minid=f"{max(0, now_ms - dead_keep_ms)}-0", approximate=False)
    )
    return removed, dead


def _str(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
