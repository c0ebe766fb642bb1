"""Operations routes: liveness, readiness, Prometheus metrics (admin), and the audit trail."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from .auth import Principal, principal, require_admin
from .errors import ADMIN, AUTH
from .models import AuditPage, Health, Problem, Ready

router = APIRouter(tags=["operations"])
Who = Annotated[Principal, Depends(principal)]
_ENTRY_ID = re.compile(r"^\d{1,19}-\d{1,19}$")


@router.get("/healthz", response_model=Health)
async def healthz() -> Any:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz", response_model=Ready,
            responses={503: {"model": Problem,
                             "description": "Redis unreachable or a stream or group missing"}})
async def readyz(request: Request) -> Any:
    """Redis answers and every stream has its consumer group."""
    state = request.app.state
    try:
        await state.redis.ping()
        for keys in state.names.all_streams():
            groups = await state.redis.xinfo_groups(keys.stream)
            if not any(g["name"] == keys.group for g in groups):
                raise RuntimeError(f"group {keys.group} missing on {keys.stream}")
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        return JSONResponse({"detail": f"not ready: {exc}"}, status_code=503)
    return {"status": "ready"}


_METRICS = {"content": {"text/plain": {"schema": {"type": "string"}}},
            "description": "Prometheus text exposition format"}


@router.get("/metrics", response_class=PlainTextResponse, responses={200: _METRICS, **AUTH, **ADMIN})
async def metrics(who: Who) -> PlainTextResponse:
    """Prometheus metrics of this API process (admin). Prometheus scrapes them without a key
    from the separate metrics port, when CHOKEWATCH_METRICS_PORT is set."""
    require_admin(who)
    return PlainTextResponse(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@router.get("/metrics/", response_class=PlainTextResponse, include_in_schema=False)
async def metrics_slash(who: Who) -> PlainTextResponse:
    return await metrics(who)


@router.get("/v1/audit", response_model=AuditPage, responses={**AUTH, **ADMIN})
async def audit_trail(
    request: Request, who: Who,
    cursor: str | None = Query(default=None, max_length=50, pattern=r"^\d{1,19}-\d{1,19}$",
                               description="next_cursor of the previous page"),
    limit: int = Query(default=100, ge=1, le=1_000),
) -> Any:
    """Configuration changes, newest first (admin): who, when, which fields, the new version."""
    require_admin(who)
    if cursor is not None and not _ENTRY_ID.match(cursor):
        raise HTTPException(422, detail=[{"loc": ["query", "cursor"], "type": "value_error",
                                          "msg": "not a cursor this API returned"}])
    items, nxt = await request.app.state.audit.page(cursor, limit)
    return {"items": items, "next_cursor": nxt}
