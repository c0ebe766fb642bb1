"""Bearer-key authentication: the admin key manages everything, a subscriber key only itself,
a publisher key (scope `publish`) only submits events.

Every authenticated request also counts against its principal's per-minute rate limit: the
admin, one subscriber or one publisher, whichever key it currently uses.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import HTTPException, Request, status

PUBLISH = "publish"


@dataclass(frozen=True, slots=True)
class Principal:
    admin: bool
    subscriber_id: str | None = None
    publisher: str | None = None
    scopes: frozenset[str] = frozenset()

    def can_see(self, subscriber_id: str) -> bool:
        return self.admin or (self.subscriber_id is not None and self.subscriber_id == subscriber_id)

    def can(self, scope: str) -> bool:
        return self.admin or scope in self.scopes

    @property
    def actor(self) -> str:
        """How the audit trail, idempotency keys, events and rate limits name who acted."""
        if self.admin:
            return "admin"
        if self.publisher is not None:
            return f"publisher:{self.publisher}"
        return str(self.subscriber_id)


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


async def principal(request: Request) -> Principal:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorised("missing bearer API key (Authorization: Bearer <key>)")
    token = token.strip()
    state = request.app.state
    admin_key = state.settings.resolved_admin_key()
    if admin_key and hmac.compare_digest(token.encode(), admin_key.encode()):
        who = Principal(admin=True)
    elif (subscriber_id := await state.store.subscriber_for_key(token)) is not None:
        who = Principal(admin=False, subscriber_id=subscriber_id)
    elif (publisher := await state.publishers.for_key(token)) is not None:
        who = Principal(admin=False, publisher=publisher.name, scopes=frozenset(publisher.scopes))
    else:
        raise _unauthorised("unknown or revoked API key")
    # Counted only once the key is known, so guessing keys cannot fill Redis with counters; and
    # per principal, so a new key (a rotation) does not start a fresh count.
    await state.rate_limit.hit(who.actor)
    return who


def require_admin(who: Principal) -> None:
    if not who.admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="this needs the admin key")


def require_scope(who: Principal, scope: str) -> None:
    if not who.can(scope):
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            detail=f"this needs the admin key or a key with the {scope!r} scope")

