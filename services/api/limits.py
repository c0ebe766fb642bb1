"""Limits that protect the API: request body size on every route, and requests per principal
(the admin, a subscriber, a publisher) per minute, whichever key it uses."""

from __future__ import annotations

import json
import math
import time

import redis.asyncio as aioredis
from fastapi import HTTPException, status

from chokewatch.shared.names import Names


class BodyLimit:
    """ASGI middleware: 413 for any body over `limit` bytes, declared or streamed (chunked).

    A body without a Content-Length is read here first (at most `limit` bytes are held) and
    replayed to the app, so the refusal never depends on how a route reads its body.
    """

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            # The server never hands the app more than the declared length.
            if declared.isdigit() and int(declared) > self.limit:
                await self._refuse(send)
                return
            await self.app(scope, receive, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                await self._refuse(send)
                return
            if not message.get("more_body", False):
                break
        whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([whole], receive), send)

    def _words(self) -> str:
        return f"request body over {self.limit} bytes"

    async def _refuse(self, send) -> None:
        body = json.dumps({"detail": self._words()}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _replay(messages: list[dict], receive):
    async def replayed():
        return messages.pop(0) if messages else await receive()

    return replayed


class RateLimit:
    """A fixed one-minute window per principal: simple, one round trip, shared by every replica."""

    def __init__(self, redis: aioredis.Redis, names: Names, per_minute: int) -> None:
        self.redis = redis
        self.names = names
        self.per_minute = per_minute

    async def hit(self, who: str) -> None:
        now = time.time()
        window = int(now // 60)
        key = self.names.rate(who, window)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 120)  # outlives its minute a little, then Redis drops it
            count, _ = await pipe.execute()
        if int(count) > self.per_minute:
            retry_after = max(1, math.ceil((window + 1) * 60 - now))
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                detail=f"over {self.per_minute} requests per minute for this principal",
                headers={"Retry-After": str(retry_after)},
            )
