"""Dead letters for operators: why entries failed, and sending them through again (admin only)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from chokewatch.shared import streams
from chokewatch.shared.names import GROUPS

from .auth import Principal, principal, require_admin
from .errors import ADMIN, AUTH

router = APIRouter(tags=["operations"])
Who = Annotated[Principal, Depends(principal)]
Stream = Literal["submitted", "raw", "classified", "alerts"]
assert set(Stream.__args__) == set(GROUPS)  # the path's choices are exactly the streams


class DeadLetter(BaseModel):
    entry_id: str
    reason: str
    source_id: str | None = None
    attempts: int = 0


class DeadLetters(BaseModel):
    stream: str
    total: int
    items: list[DeadLetter]


class Redriven(BaseModel):
    stream: str
    redriven: int


@router.get("/v1/dead-letters/{stream}", response_model=DeadLetters, responses={**AUTH, **ADMIN})
async def list_dead_letters(
    stream: Stream, request: Request, who: Who,
    limit: int = Query(default=50, ge=1, le=1_000),
) -> Any:
    """The newest dead letters of a stream, each with the reason it failed."""
    require_admin(who)
    state = request.app.state
    keys = state.names.stream(stream)
    entries = await state.redis.xrevrange(keys.dead, count=limit)
    return {
        "stream": stream,
        "total": await state.redis.xlen(keys.dead),
        "items": [{"entry_id": entry_id, "reason": fields.get("reason", ""),
                   "source_id": fields.get("source_id"),
                   "attempts": streams.attempts_of(fields)} for entry_id, fields in entries],
    }


@router.post("/v1/dead-letters/{stream}/redrive", response_model=Redriven,
             responses={**AUTH, **ADMIN})
async def redrive_dead_letters(
    stream: Stream, request: Request, who: Who,
    limit: int = Query(default=1_000, ge=1, le=100_000),
) -> Any:
    """Send up to `limit` dead letters through their stream again, with fresh attempts (after
    the cause is fixed: an endpoint back up, a bug deployed). Entries that were never valid
    messages stay where they are."""
    require_admin(who)
    state = request.app.state
    moved = await streams.redrive(state.redis, state.names.stream(stream), limit)
    return {"stream": stream, "redriven": moved}
