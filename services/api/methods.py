"""HTTP methods per resource, answered as RFC 9110 asks: OPTIONS lists them in `Allow` (204),
and a method a resource does not support gets 405 with the same `Allow`.

A resource's routes are registered one per method, so the router alone would name only the
first route that matched the path; this middleware looks at all of them.
"""

from __future__ import annotations

import json


def _routes(routes) -> list:
    """Every route with a path pattern and methods, through included routers."""
    out = []
    for route in routes:
        if hasattr(route, "effective_candidates"):  # a router included into the app
            out += _routes(route.effective_candidates())
        elif getattr(route, "path_regex", None) is not None and getattr(route, "methods", None):
            out.append(route)
    return out


def _allowed(routes: list, scope) -> list[str] | None:
    """The methods the resource at this path supports, or None when no route has the path."""
    methods: set[str] = set()
    for route in routes:
        if route.path_regex.match(scope["path"]):
            methods |= set(route.methods)
    if not methods:
        return None
    methods.discard("HEAD")  # implied by GET
    return sorted(methods | {"OPTIONS"})


class Methods:
    def __init__(self, app, fastapi) -> None:
        self.app = app
        self.fastapi = fastapi
        self._known: list | None = None  # the routes, read once the app is complete

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._known is None:
            self._known = _routes(self.fastapi.routes)
        allowed = _allowed(self._known, scope)
        if allowed is None:
            await self.app(scope, receive, send)
            return
        allow = ", ".join(allowed)
        method = scope["method"]
        if method == "OPTIONS":
            await send({"type": "http.response.start", "status": 204,
                        "headers": [(b"allow", allow.encode())]})
            await send({"type": "http.response.body", "body": b""})
            return
        if method not in allowed and not (method == "HEAD" and "GET" in allowed):
            body = json.dumps({"detail": f"{method} is not allowed here; allowed: {allow}"}).encode()
            await send({"type": "http.response.start", "status": 405,
                        "headers": [(b"allow", allow.encode()), (b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
