"""Console pages for reading: sign-in and out, the incidents feed, one incident, subscribers and
their alert history. Every read goes through the API's own functions with the signed-in
principal, so the console shows exactly what that key may see through the API."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from chokewatch.shared.incident_views import IncidentFilter
from chokewatch.shared.messages import Direction, EventType, Status

from .. import alerts, incidents, redrive
from ..subscribers import load
from . import session
from .render import page

router = APIRouter(prefix="/console", include_in_schema=False)
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILTERS = ("element", "event_type", "direction", "status", "issuer", "since", "until", "q")
CHOICES = {"event_type": [t.value for t in EventType], "direction": [d.value for d in Direction],
           "status": [s.value for s in Status]}


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _next(raw: str | None) -> str:
    # Only a path of the console itself, so the sign-in form cannot send anyone elsewhere.
    if raw and raw.startswith("/console/") and not raw.startswith("/console//") and "\\" not in raw:
        return raw
    return "/console/incidents"


@router.get("")
@router.get("/")
async def home() -> Response:
    return see_other("/console/incidents")


@router.get("/signin")
async def signin_form(request: Request, next: str | None = None) -> Response:  # noqa: A002
    try:
        await session.current(request)
        return see_other(_next(next))  # signed in already
    except session.SignedOut:
        return page(request, "signin.html", next=_next(next), error=None)


@router.post("/signin")
async def signin(request: Request) -> Response:
    if not session.same_origin(request):
        raise HTTPException(403, detail="this form was not sent from the console's own pages")
    fields = await session.form(request)
    key = (fields.get("api_key") or [""])[0].strip()
    target = _next((fields.get("next") or [""])[0])
    who = await session.identify(request, key) if key else None
    if who is None:
        return page(request, "signin.html", http_status=401, next=target,
                    error="That key is not an admin or subscriber key, or it has been revoked.")
    response = see_other(target)
    await session.open_session(request, response, key, who)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    await session.posted(request)
    response = see_other("/console/signin")
    await session.close_session(request, response)
    return response


def _filter(request: Request) -> tuple[IncidentFilter, dict[str, str]]:
    given = {k: v for k in FILTERS if (v := request.query_params.get(k, "").strip())}
    wanted = dict(given)
    for name, clock in (("since", "00:00:00"), ("until", "23:59:59")):
        if DAY.match(wanted.get(name, "")):  # a date picker's day, whole, in UTC
            wanted[name] = f"{wanted[name]}T{clock}Z"
    try:
        return IncidentFilter.model_validate(wanted), given
    except ValidationError as exc:
        wrong = ", ".join(str(e["loc"][0]) for e in exc.errors())
        raise HTTPException(422, detail=f"these filters are not valid: {wrong}") from None


@router.get("/incidents")
async def incident_feed(request: Request, cursor: str | None = None) -> Response:
    who, csrf = await session.current(request)
    wanted, given = _filter(request)
    _check_cursor(cursor, incidents.CURSOR)
    found = await incidents.page(request, who, wanted, cursor, 50)
    more = f"?{urlencode({**given, 'cursor': found['next_cursor']})}" if found["next_cursor"] else None
    newest = max((datetime.fromisoformat(i["last_seen"]).timestamp() for i in found["items"]
                  if i["last_seen"]), default=None)
    return page(request, "incidents.html", who=who, csrf=csrf, items=found["items"], given=given,
                choices=CHOICES, more=more, newest=newest, first_page=cursor is None)


def _check_cursor(cursor: str | None, pattern: str) -> None:
    if cursor is not None and not re.match(pattern, cursor):
        raise HTTPException(422, detail="not a cursor this console gave")


@router.get("/updates")
async def updates(request: Request, after: str = "") -> Response:
    """How many incidents were reported after a time (the feed's script asks every few seconds)."""
    await session.current(request)
    state = request.app.state
    try:
        since = float(after) if after else None
    except ValueError:
        since = None
    count = await state.redis.zcount(state.names.incident_recent, f"({since}", "+inf") if since else 0
    return JSONResponse({"new": int(count)}, headers={"Cache-Control": "no-store"})


@router.get("/incidents/{incident_id}")
async def incident_page(incident_id: str, request: Request) -> Response:
    who, csrf = await session.current(request)
    found = await incidents.one(request, who, incident_id)
    return page(request, "incident.html", who=who, csrf=csrf, incident=found)


@router.get("/subscribers")
async def subscriber_list(request: Request) -> Response:
    who, csrf = await session.current(request)
    if not who.admin:
        return see_other(f"/console/subscribers/{who.subscriber_id}/alerts")
    store = request.app.state.store
    subs = await store.get_many(await store.list_ids(None, 500))
    return page(request, "subscribers.html", who=who, csrf=csrf, subscribers=subs)


async def _history(request: Request, who: Any, subscriber_id: str, status: str | None,
                   cursor: str | None) -> dict:
    _check_cursor(cursor, alerts.CURSOR)
    return await alerts.alert_history(subscriber_id, request, who, since=None, until=None,
                                      status=status or None, incident_id=None, cursor=cursor, limit=50)


@router.get("/subscribers/{subscriber_id}/alerts")
async def alert_page(subscriber_id: str, request: Request, status: str | None = None,
                     cursor: str | None = None) -> Response:
    who, csrf = await session.current(request)
    sub = await load(request, who, subscriber_id)
    found = await _history(request, who, subscriber_id, status, cursor)
    query = {k: v for k, v in (("status", status), ("cursor", found["next_cursor"])) if v}
    more = f"?{urlencode(query)}" if found["next_cursor"] else None
    return page(request, "alerts.html", who=who, csrf=csrf, sub=sub, items=found["items"],
                status=status or "", more=more, notice=request.query_params.get("notice"))


@router.get("/subscribers/{subscriber_id}/alerts.json")
async def alert_statuses(subscriber_id: str, request: Request) -> Response:
    """Each listed alert's delivery status now, for the history page's script."""
    who, _ = await session.current(request)
    found = await _history(request, who, subscriber_id, None, None)
    return JSONResponse({"items": [{"alert_id": r["alert"]["alert_id"], "status": r["status"],
                                    "channels": r.get("channels", [])} for r in found["items"]]},
                        headers={"Cache-Control": "no-store"})


@router.post("/subscribers/{subscriber_id}/alerts/{alert_id}/redrive")
async def redrive_one(subscriber_id: str, alert_id: str, request: Request) -> Response:
    who, _, _ = await session.posted(request)
    await redrive.redrive_alert(request, who, subscriber_id, alert_id)
    return see_other(f"/console/subscribers/{subscriber_id}/alerts?notice=redriven")
