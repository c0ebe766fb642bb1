"""Bearer-key authentication: the admin key manages everything, a subscriber key only itself.

Every authenticated request also counts against its key's per-minute rate limit.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import HTTPException, Request, status

from chokewatch.shared.subscribers import hash_key


@dataclass(frozen=True, slots=True)
class Principal:
    admin: bool
    subscriber_id: str | None = None

    def can_see(self, subscriber_id: str) -> bool:
        return self.admin or self.subscriber_id == subscriber_id

    @property
    def actor(self) -> str:
        """How the audit trail and idempotency keys name who acted."""
        return "admin" if self.admin else str(self.subscriber_id)


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
    else:
        subscriber_id = await state.store.subscriber_for_key(token)
        if subscriber_id is None:
            raise _unauthorised("unknown or revoked API key")
        who = Principal(admin=False, subscriber_id=subscriber_id)
    # Counted only once the key is known, so guessing keys cannot fill Redis with counters.
    await state.rate_limit.hit(hash_key(token))
    return who


def require_admin(who: Principal) -> None:
    if not who.admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="this needs the admin key")
