"""Incident routes: the incidents classify found, newest first, and one with its reports.

Incidents are public news, so every key reads them; what a key sees of alerts is its own. The
admin sees who was alerted of each, with their scores and delivery; a subscriber key sees only
its own score and alerts, never who else was alerted nor anyone else's score.
"""

from __future__ import annotations

import json
import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field, ValidationError

from chokewatch.shared.elements import IDENTIFIER_PATTERN
from chokewatch.shared.incident_views import (
    IncidentDetail,
    IncidentFilter,
    IncidentReader,
    IncidentSummary,
    summarise,
)
from chokewatch.shared.messages import Direction, EventType, ScorePart, Status

from .auth import Principal, principal
from .errors import AUTH
from .models import Problem
from .paging import parse_cursor
from .timestamps import DateTime

router = APIRouter(tags=["incidents"])
Who = Annotated[Principal, Depends(principal)]
IncidentId = Annotated[str, Path(min_length=1, max_length=200, description="the incident's id")]
CURSOR = r"^-?\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,2})?:\d{1,9}$"
SCAN_BATCH = 200  # incidents read per Redis round while filtering
SCAN_MAX = 2_000  # incidents one page may examine; past it the page ends with a cursor
MISSING = {404: {"model": Problem, "description": "no such incident (or it has been trimmed)"}}
READERS = {403: {"model": Problem, "description": "a publisher's key only submits events"}}


def require_reader(who: Principal) -> None:
    """The admin and subscribers read incidents; a publisher's key only submits events."""
    if not (who.admin or who.subscriber_id):
        raise HTTPException(403, detail="this needs the admin key or a subscriber's key")


class AlertSeen(BaseModel):
    """An alert of the incident: the latest one a subscriber got of it."""

    subscriber_id: str
    subscriber_name: str | None = None
    alert_id: str
    revision: int
    score: float
    parts: list[ScorePart] = Field(default_factory=list, description="the score, explained")
    status: str | None = Field(default=None, description="delivery: pending, delivered, failed...")
    channels: list[dict] = Field(default_factory=list, description="each channel's outcome")
    decided_at: str | None = None


class IncidentItem(IncidentSummary):
    score: float | None = Field(
        default=None, description="a subscriber key's own score (its latest alert of it); "
        "null when it was not alerted, and for the admin")
    alerted: int | None = Field(
        default=None, description="how many subscribers were alerted (admin only; null otherwise)")


class IncidentPage(BaseModel):
    items: list[IncidentItem]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null at the end")


class IncidentOut(IncidentDetail):
    alerts: list[AlertSeen] = Field(
        default_factory=list, description="the admin: every subscriber alerted; a subscriber "
        "key: its own alert only")


async def _decisions(request: Request, pairs: list[tuple[str, str]]) -> list[dict | None]:
    """The latest decision of each (subscriber, incident): its alert id, score and revision."""
    state = request.app.state
    if not pairs:
        return []
    async with state.redis.pipeline(transaction=False) as pipe:
        for sid, incident_id in pairs:
            pipe.hget(state.names.alerted(sid), incident_id)
        raws = await pipe.execute()
    return [json.loads(r) if r else None for r in raws]


async def page(request: Request, who: Principal, wanted: IncidentFilter, cursor: str | None,
               limit: int) -> dict:
    """One page of incidents (newest first) as `who` may see them; shared with the console."""
    require_reader(who)
    reader = IncidentReader(request.app.state.redis, request.app.state.names)
    top, skip = parse_cursor(cursor) if cursor else (
        wanted.until.timestamp() if wanted.until else math.inf, 0)
    bottom = wanted.since.timestamp() if wanted.since else -math.inf
    items: list[IncidentSummary] = []
    # Unfiltered (time bounds aside), every incident read is shown: read no more than a page.
    narrowed = any(getattr(wanted, f) for f in ("element", "event_type", "direction", "status",
                                                 "issuer", "q"))
    batch = SCAN_BATCH if narrowed else limit
    scanned, next_cursor = 0, None
    while next_cursor is None:
        window = await reader.window(top, skip, bottom, batch)
        loaded = await reader.load([i for i, _ in window])
        for (_, at), found in zip(window, loaded, strict=True):
            scanned += 1
            skip = skip + 1 if at == top else 1
            top = at
            if found is None:
                continue  # trimmed meanwhile
            summary = summarise(*found)
            if wanted.keeps(summary, [r.title for r in found[1]]):
                items.append(summary)
                if len(items) == limit:
                    next_cursor = f"{top!r}:{skip}"
                    break
        if len(window) < batch:
            break
        if scanned >= SCAN_MAX and next_cursor is None:
            next_cursor = f"{top!r}:{skip}"  # a filtered page may end short of `limit`
    return {"items": await _with_viewer(request, who, items), "next_cursor": next_cursor}


async def _with_viewer(request: Request, who: Principal, items: list[IncidentSummary]) -> list[dict]:
    state = request.app.state
    out = [IncidentItem(**s.model_dump()).model_dump(mode="json") for s in items]
    if who.admin:
        async with state.redis.pipeline(transaction=False) as pipe:
            for s in items:
                pipe.scard(state.names.incident_alerted(s.id))
            counts = await pipe.execute()
        for item, count in zip(out, counts, strict=True):
            item["alerted"] = int(count)
    elif who.subscriber_id:
        found = await _decisions(request, [(who.subscriber_id, s.id) for s in items])
        for item, decision in zip(out, found, strict=True):
            item["score"] = decision.get("score") if decision else None
    return out


async def alerts_seen(request: Request, who: Principal, incident_id: str) -> list[dict]:
    """The alerts of an incident `who` may see: everyone's for the admin, else its own."""
    state = request.app.state
    if who.admin:
        subscriber_ids = await IncidentReader(state.redis, state.names).alerted(incident_id)
    elif who.subscriber_id:
        subscriber_ids = [who.subscriber_id]
    else:
        return []
    decisions = await _decisions(request, [(sid, incident_id) for sid in subscriber_ids])
    known = [(sid, d) for sid, d in zip(subscriber_ids, decisions, strict=True) if d]
    if not known:
        return []
    async with state.redis.pipeline(transaction=False) as pipe:
        for sid, d in known:
            pipe.hget(state.names.history(sid), d["alert_id"])
        records = await pipe.execute()
    subs = {s.id: s for s in await state.store.get_many([sid for sid, _ in known])}
    out = []
    for (sid, d), raw in zip(known, records, strict=True):
        record = json.loads(raw) if raw else {}
        alert = record.get("alert") or {}
        out.append(AlertSeen(
            subscriber_id=sid, subscriber_name=subs[sid].name if sid in subs else None,
            alert_id=d["alert_id"], revision=int(d.get("revision", 1)),
            score=float(alert.get("score", d.get("score", 0))), parts=alert.get("parts", []),
            status=record.get("status"), channels=record.get("channels", []),
            decided_at=alert.get("decided_at"),
        ).model_dump(mode="json"))
    out.sort(key=lambda a: (-a["score"], a["subscriber_id"]))
    return out


async def one(request: Request, who: Principal, incident_id: str) -> dict:
    """One incident with its reports and the alerts `who` may see; 404 when it is unknown."""
    require_reader(who)
    state = request.app.state
    found = await IncidentReader(state.redis, state.names).one(incident_id)
    if found is None:
        raise HTTPException(404, detail=f"no incident {incident_id!r}")
    return {**found.model_dump(mode="json"), "alerts": await alerts_seen(request, who, incident_id)}


@router.get("/v1/incidents", response_model=IncidentPage, responses={**AUTH, **READERS})
async def list_incidents(
    request: Request, who: Who,
    element: str | None = Query(default=None, max_length=40, pattern=IDENTIFIER_PATTERN,
                                description="an element's symbol or name, any case: Dy, dysprosium"),
    event_type: EventType | None = Query(default=None),
    direction: Direction | None = Query(default=None),
    status: Status | None = Query(default=None),
    issuer: str | None = Query(default=None, max_length=20, description="ISO code, EU or multiple"),
    since: DateTime | None = Query(default=None, description="latest report published at or after"),
    until: DateTime | None = Query(default=None, description="latest report published at or before"),
    q: str | None = Query(default=None, max_length=200, description="words all in one report's title"),
    cursor: str | None = Query(default=None, max_length=100, pattern=CURSOR,
                               description="next_cursor of the previous page"),
    limit: int = Query(default=50, ge=1, le=200),
) -> Any:
    """Incidents, the most recently reported first, optionally filtered; paginated by cursor.
    A subscriber key gets its own score on each; the admin, how many were alerted."""
    try:
        wanted = IncidentFilter(element=element, event_type=event_type, direction=direction,
                                status=status, issuer=issuer, since=since, until=until, q=q)
    except ValidationError as exc:  # an element the catalogue does not know
        raise HTTPException(422, detail=[{"loc": ["query", *e["loc"]], "msg": e["msg"],
                                          "type": e["type"]} for e in exc.errors()]) from None
    return await page(request, who, wanted, cursor, limit)


@router.get("/v1/incidents/{incident_id}", response_model=IncidentOut,
            responses={**AUTH, **READERS, **MISSING})
async def get_incident(incident_id: IncidentId, request: Request, who: Who) -> Any:
    """One incident: each report's text with outlet, link and publication time, its
    classification and evidence, why it joined; the revisions (when it escalated or eased);
    and the alerts the key may see."""
    return await one(request, who, incident_id)
