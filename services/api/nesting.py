"""Refusing JSON nested deeper than any real request needs, before anything parses it.

Python's JSON parser recurses once per level, so a body of a few kilobytes of brackets would
otherwise end in a RecursionError (a 500) or a vague 400. The check walks the body's tokens only
and names where the nesting went too deep, so the 422 can say which field it was.
"""

from __future__ import annotations

import json
import re

MAX_DEPTH = 32  # a profile is at most five levels deep
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]')


def too_deep(text: str, limit: int = MAX_DEPTH) -> list[str | int] | None:
    """The path (keys and indexes) at which `text` nests deeper than `limit`, or None."""
    if text.count("[") + text.count("{") <= limit:  # cannot be deeper: no need to walk
        return None
    path: list[str | int] = []
    kinds: list[str] = []
    last_string: str | None = None
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            kinds.append(token)
            if len(kinds) > limit:
                return path
            path.append(0 if token == "[" else "")
        elif token in "]}":
            if kinds:
                kinds.pop()
                path.pop()
        elif token == ":":
            if kinds and kinds[-1] == "{" and last_string is not None:
                path[-1] = json.loads(last_string)
        elif token == ",":
            if kinds and kinds[-1] == "[":
                path[-1] = int(path[-1]) + 1
        else:
            last_string = token
            continue
        last_string = None
    return None


def nesting_error(path: list[str | int]) -> dict:
    """The 422 detail entry for a body nested too deeply at `path`."""
    return {"loc": ["body", *path[:8]], "type": "json_invalid",
            "msg": f"JSON nested deeper than {MAX_DEPTH} levels"}


class DepthLimit:
    """ASGI middleware: 422 for a JSON request body nested deeper than MAX_DEPTH.

    Sits inside BodyLimit, so the body it holds to look at is already within the size limit.
    """

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        kind = dict(scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip()
        if not kind.endswith(b"json"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay([message], receive), send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        deep = too_deep(body.decode("utf-8", errors="replace"))
        if deep is not None:
            payload = json.dumps({"detail": [nesting_error(deep)]}).encode()
            await send({"type": "http.response.start", "status": 422,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(payload)).encode())]})
            await send({"type": "http.response.body", "body": payload})
            return
        whole = {"type": "http.request", "body": body, "more_body": False}
        await self.app(scope, _replay([whole], receive), send)


def _replay(messages: list[dict], receive):
    async def replayed():
        return messages.pop(0) if messages else await receive()

    return replayed
