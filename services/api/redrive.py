"""Sending one failed alert again (admin): its recorded payload goes back on the alerts stream.

Delivery skips the channels that already took the alert (their permanent marks), so only the
channels that failed are tried again, under the same alert id (the receiver's webhook-id).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from pydantic import BaseModel

from chokewatch.shared import streams
from chokewatch.shared.messages import Alert
from chokewatch.shared.names import ALERTS

from .auth import Principal, principal, require_admin
from .errors import ADMIN, AUTH
from .models import Problem
from .subscribers import SubscriberId, load

router = APIRouter(tags=["alerts"])
Who = Annotated[Principal, Depends(principal)]
AlertId = Annotated[str, Path(min_length=1, max_length=200, description="the alert's id")]
REDRIVABLE = ("failed",)


class AlertRedriven(BaseModel):
    alert_id: str
    status: str = "queued"


async def redrive_alert(request: Request, who: Principal, subscriber_id: str, alert_id: str) -> dict:
    """Queue a failed alert of a subscriber for delivery again; 404 unknown, 409 not failed."""
    require_admin(who)
    await load(request, who, subscriber_id)
    state = request.app.state
    raw = await state.redis.hget(state.names.history(subscriber_id), alert_id)
    if raw is None:
        raise HTTPException(404, detail=f"no alert {alert_id!r} in this subscriber's history")
    record = json.loads(raw)
    if record.get("status") not in REDRIVABLE:
        raise HTTPException(409, detail=f"the alert is {record.get('status')!r}; only a failed "
                            "alert is sent again")
    alert = Alert.model_validate(record["alert"])
    await streams.publish(state.redis, state.names.stream(ALERTS), alert)
    return {"alert_id": alert.alert_id, "status": "queued"}


@router.post("/v1/subscribers/{subscriber_id}/alerts/{alert_id}/redrive", status_code=202,
             response_model=AlertRedriven, responses={
                 **AUTH, **ADMIN,
                 404: {"model": Problem, "description": "no such subscriber or alert"},
                 409: {"model": Problem, "description": "the alert has not failed"}})
async def redrive_failed_alert(subscriber_id: SubscriberId, alert_id: AlertId, request: Request,
                               who: Who) -> Any:
    """Send a failed alert again (admin): only the channels that did not take it are tried."""
    return await redrive_alert(request, who, subscriber_id, alert_id)
