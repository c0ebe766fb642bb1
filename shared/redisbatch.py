"""Redis work of many concurrent tasks carried in shared pipelines: one round trip for a batch.

A task hands `Batcher.run` an operation (the few commands of one logical step, e.g. settle an
alert's channels and write its history record) and awaits that operation's replies. Operations
queued while a pipeline is on the wire go out together in the next one, so under load dozens of
alerts share each round trip, and a lone operation waits for nothing but its own.

A pipeline here is not a transaction: an operation that must be atomic is one Lua script
(`Command.script`), which a pipeline carries like any command. A script the server has
forgotten (a restart, a failover) is loaded and run again for the commands that met NOSCRIPT.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript
from redis.exceptions import NoScriptError

MAX_BATCH = 512  # operations per pipeline: bounds one reply's size and one flush's latency


@dataclass(frozen=True, slots=True)
class Command:
    """One command of an operation: plain (`args`), or a registered script with keys and args."""

    args: tuple = ()
    script: AsyncScript | None = None
    keys: tuple = ()

    @classmethod
    def call(cls, script: AsyncScript, keys: Sequence, args: Sequence) -> Command:
        return cls(tuple(args), script, tuple(keys))


async def pipelined(redis: aioredis.Redis, commands: Sequence[Command]) -> list:
    """Run commands in one non-transactional pipeline; returns each reply, in order, or raises
    the first error a command met."""
    replies = await _replies(redis, list(commands))
    for reply in replies:
        if isinstance(reply, Exception):
            raise reply
    return replies


async def _replies(redis: aioredis.Redis, commands: list[Command]) -> list:
    """Replies in order, an error in its command's place (so only its operation fails); a script
    the server had forgotten is loaded and run again."""
    if not commands:
        return []
    async with redis.pipeline(transaction=False) as pipe:
        for c in commands:
            if c.script is None:
                pipe.execute_command(*c.args)
            else:
                pipe.execute_command("EVALSHA", c.script.sha, len(c.keys), *c.keys, *c.args)
        replies = await pipe.execute(raise_on_error=False)
    for i, (c, reply) in enumerate(zip(commands, replies, strict=True)):
        if isinstance(reply, NoScriptError) and c.script is not None:
            try:
                replies[i] = await c.script(keys=list(c.keys), args=list(c.args))  # loads it
            except Exception as exc:  # noqa: BLE001 - kept in place, like the pipeline's own
                replies[i] = exc
    return replies


class Batcher:
    """Coalesces the operations of concurrent tasks into shared pipelines (see the module)."""

    def __init__(self, redis: aioredis.Redis, max_batch: int = MAX_BATCH) -> None:
        self.redis = redis
        self.max_batch = max_batch
        self._queue: list[tuple[list[Command], asyncio.Future]] = []
        self._flusher: asyncio.Task | None = None

    async def run(self, commands: Sequence[Command]) -> list:
        """The replies to these commands, sent with whatever else is queued meanwhile."""
        future = asyncio.get_running_loop().create_future()
        self._queue.append((list(commands), future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        await asyncio.sleep(0)  # tasks made ready with this one queue theirs first
        while self._queue:
            batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch:]
            await self._send(batch)

    async def _send(self, batch: list[tuple[list[Command], asyncio.Future]]) -> None:
        flat = [c for commands, _ in batch for c in commands]
        try:
            replies = await _replies(self.redis, flat)
        except BaseException as exc:  # noqa: BLE001 - every waiting task learns what happened
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc if isinstance(exc, Exception) else ConnectionError(repr(exc)))
            if not isinstance(exc, Exception):
                raise
            return
        at = 0
        for commands, future in batch:
            mine = replies[at: at + len(commands)]
            at += len(commands)
            if future.done():  # its task was cancelled meanwhile
                continue
            error = next((r for r in mine if isinstance(r, Exception)), None)
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(mine)
