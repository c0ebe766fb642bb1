"""Event submission: validated, size-limited, and idempotent by the client's Idempotency-Key."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent, new_id, utcnow
from chokewatch.shared.names import SUBMITTED

from .auth import PUBLISH, Principal, principal, require_scope
from .errors import AUTH, BODY, from_validation
from .models import EventAccepted, EventIn, Problem

router = APIRouter(tags=["events"])
Who = Annotated[Principal, Depends(principal)]

# Long enough to cover a client's retries after an outage, short enough to bound the key count.
IDEMPOTENCY_TTL_S = 24 * 3600

_EVENT_SCHEMA = EventIn.model_json_schema()
_BODY = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": _EVENT_SCHEMA, "examples": {"notice": {"value": _EVENT_SCHEMA["examples"][0]}}}}}}
_REPLAYED = {"Idempotent-Replayed": {"description": "true when this Idempotency-Key was seen before",
                                     "schema": {"type": "string"}}}


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@router.post(
    "/v1/events", status_code=202, response_model=EventAccepted, openapi_extra=_BODY,
    responses={**AUTH, **BODY, 202: {"headers": _REPLAYED},
               403: {"model": Problem, "description": "needs the admin key or a publisher key"},
               409: {"model": Problem, "description": "Idempotency-Key already used for another body"},
               415: {"model": Problem, "description": "body is not application/json"}},
)
async def submit_event(
    request: Request, who: Who,
    idempotency_key: Annotated[str | None, Header(
        min_length=1, max_length=200,
        description="repeat a submission safely: the same key gives the same event id and "
        f"nothing is submitted twice (remembered {IDEMPOTENCY_TTL_S // 3600} h)",
    )] = None,
) -> Any:
    """Submit a text for classification and alerting (the admin key, or a key with the `publish`
    scope: a publisher's). The event records who submitted it."""
    require_scope(who, PUBLISH)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, detail="send the event as application/json")
    body = await request.body()  # the size limit is enforced while this is read (limits.py)
    if len(body) > request.app.state.settings.max_event_bytes:
        raise HTTPException(413, detail=f"event body over {request.app.state.settings.max_event_bytes} bytes")
    try:
        event_in = EventIn.model_validate_json(body)
    except ValidationError as exc:
        raise from_validation(exc) from None

    state = request.app.state
    eid = new_id()
    try:
        event = RawEvent(id=eid, correlation_id=eid, ingested_at=utcnow(),
                         source="api" if who.admin else f"api:{who.publisher}",
                         submitted_by=who.actor, **event_in.model_dump())
    except ValidationError as exc:  # the message's own limits (text length) are stricter
        raise from_validation(exc) from None
    if idempotency_key is not None:
        # Claimed before publishing, so two concurrent retries cannot both submit.
        key = state.names.idempotency(_digest(who.actor, idempotency_key))
        mapping = json.dumps({"event_id": eid, "body": _digest(body)})
        for _ in range(2):  # a mapping that expires between SET NX and GET is simply claimed again
            if await state.redis.set(key, mapping, nx=True, ex=IDEMPOTENCY_TTL_S):
                break
            held = await state.redis.get(key)
            if held is None:
                continue
            prior = json.loads(held)
            if prior["body"] != _digest(body):
                raise HTTPException(409, detail="this Idempotency-Key was used for a different body")
            return JSONResponse(
                {"event_id": prior["event_id"], "correlation_id": prior["event_id"], "status": "duplicate"},
                status_code=202, headers={"Idempotent-Replayed": "true"},
            )

    try:
        await streams.publish(state.redis, state.names.stream(SUBMITTED), event)
    except Exception:
        if idempotency_key is not None:  # nothing was submitted: let the client's retry go through
            await state.redis.delete(state.names.idempotency(_digest(who.actor, idempotency_key)))
        raise
    return {"event_id": eid, "correlation_id": eid, "status": "accepted"}
