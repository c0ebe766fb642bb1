"""Console sign-in: an API key exchanged for a session cookie, sessions in Redis, CSRF checks.

The cookie holds a random session id (HttpOnly, SameSite=Strict, Secure behind https); Redis
holds, under the id's hash, who signed in, the key's hash and the session's CSRF token, for
CHOKEWATCH_CONSOLE_SESSION_HOURS. A session lasts only while its key does: a rotated or revoked
subscriber key, or a changed admin key, ends it at the next request. Every form carries the
session's token, and every POST must come from the console's own origin.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from urllib.parse import parse_qs, urlsplit

from fastapi import HTTPException, Request, Response

from chokewatch.shared.subscribers import hash_key

from ..auth import Principal

COOKIE = "cw_console"
PATH = "/console"


class SignedOut(Exception):
    """No valid session: the page sends the browser to the sign-in form."""


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


async def identify(request: Request, key: str) -> Principal | None:
    """Who an API key is, as the API would authenticate it (publisher keys have no console)."""
    state = request.app.state
    admin_key = state.settings.resolved_admin_key()
    if admin_key and hmac.compare_digest(key.encode(), admin_key.encode()):
        return Principal(admin=True)
    subscriber_id = await state.store.subscriber_for_key(key)
    return Principal(admin=False, subscriber_id=subscriber_id) if subscriber_id else None


async def open_session(request: Request, response: Response, key: str, who: Principal) -> None:
    state = request.app.state
    session_id = secrets.token_urlsafe(32)
    record = {"admin": who.admin, "subscriber_id": who.subscriber_id, "key": hash_key(key),
              "csrf": secrets.token_urlsafe(32)}
    ttl = int(state.settings.console_session_hours * 3600)
    await state.redis.set(state.names.console_session(_digest(session_id)), json.dumps(record), ex=ttl)
    response.set_cookie(COOKIE, session_id, max_age=ttl, path=PATH, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")


async def close_session(request: Request, response: Response) -> None:
    session_id = request.cookies.get(COOKIE)
    if session_id:
        state = request.app.state
        await state.redis.delete(state.names.console_session(_digest(session_id)))
    response.delete_cookie(COOKIE, path=PATH, httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")


async def _still_valid(request: Request, record: dict) -> bool:
    """The key the session was opened with still authenticates as the same principal."""
    state = request.app.state
    if record.get("admin"):
        admin_key = state.settings.resolved_admin_key()
        return bool(admin_key) and hmac.compare_digest(hash_key(admin_key), record.get("key", ""))
    holder = await state.redis.hget(state.names.api_keys, record.get("key", ""))
    return holder is not None and holder == record.get("subscriber_id")


async def peek(request: Request) -> tuple[Principal, str] | None:
    """The signed-in principal and its CSRF token, None without a live session (not counted)."""
    session_id = request.cookies.get(COOKIE)
    if not session_id:
        return None
    state = request.app.state
    raw = await state.redis.get(state.names.console_session(_digest(session_id)))
    record = json.loads(raw) if raw else None
    if record is None or not await _still_valid(request, record):
        return None
    return Principal(admin=bool(record["admin"]), subscriber_id=record.get("subscriber_id")), record["csrf"]


async def current(request: Request) -> tuple[Principal, str]:
    """The signed-in principal and its CSRF token; SignedOut without a live session. Counts
    against the principal's rate limit like an API request."""
    found = await peek(request)
    if found is None:
        raise SignedOut
    await request.app.state.rate_limit.hit(found[0].actor)
    return found


def same_origin(request: Request) -> bool:
    """The request says it comes from this console's own origin (Origin, else Referer)."""
    own = f"{request.url.scheme}://{request.url.netloc}"
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if not referer:
            return False
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin == own


async def form(request: Request) -> dict[str, list[str]]:
    """A url-encoded form body (its size already bounded by the body limit)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, detail="send the form as application/x-www-form-urlencoded")
    try:
        return parse_qs((await request.body()).decode(), keep_blank_values=True)
    except UnicodeDecodeError:
        raise HTTPException(400, detail="the form is not UTF-8") from None


async def posted(request: Request) -> tuple[Principal, str, dict[str, list[str]]]:
    """A form posted by a signed-in viewer from the console itself, with the session's CSRF
    token: (who, the token, the form's fields)."""
    if not same_origin(request):
        raise HTTPException(403, detail="this form was not sent from the console's own pages")
    who, token = await current(request)
    fields = await form(request)
    sent = (fields.get("csrf") or [""])[0]
    if not hmac.compare_digest(sent.encode(), token.encode()):
        raise HTTPException(403, detail="the form's security token is missing or stale; "
                            "reload the page and try again")
    return who, token, fields
