"""Bearer-key authentication: the admin key manages everything, a subscriber key only itself."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import HTTPException, Request, status


@dataclass(frozen=True, slots=True)
class Principal:
    admin: bool
    subscriber_id: str | None = None

    def can_see(self, subscriber_id: str) -> bool:
        return self.admin or self.subscriber_id == subscriber_id


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
        return Principal(admin=True)
    subscriber_id = await state.store.subscriber_for_key(token)
    if subscriber_id is None:
        raise _unauthorised("unknown or revoked API key")
    return Principal(admin=False, subscriber_id=subscriber_id)


def require_admin(who: Principal) -> None:
    if not who.admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="this needs the admin key")
