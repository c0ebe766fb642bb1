"""The profile editor: the form, saving with If-Match, and a preview or backtest of the form's
profile as it stands (saved or not), the backtest drawn as a chart."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import ValidationError

from chokewatch.shared import streams
from chokewatch.shared.core.decide import decide
from chokewatch.shared.core.preview import latest_per_incident, preview
from chokewatch.shared.core.score import score
from chokewatch.shared.messages import ClassifiedEvent, EventType
from chokewatch.shared.profiles import ZONES, ProfileSpec, Stage, Subscriber

from .. import alerts
from ..auth import Principal
from ..subscribers import change, etag, load, validated
from . import session
from .chart import chart
from .pages import see_other
from .profile_form import Fields, body_from, form_from, keep_rotation
from .render import page

router = APIRouter(prefix="/console", include_in_schema=False)
BACKTEST_DAYS = (7, 30, 90)
PREVIEW_CHARS = 200_000


def backtest_points(profile: ProfileSpec, raws: list[dict], deadline: float) -> dict:
    """Every incident of the events read with the profile's score for its newest revision
    (those scoring above zero), and whether a first alert would go out; until the deadline."""
    events: list[ClassifiedEvent] = []
    for fields in raws:
        try:
            events.append(ClassifiedEvent.model_validate_json(streams.payload_of(fields)))
        except (streams.BadEntry, ValidationError):
            continue
    points, cut = [], False
    for n, event in enumerate(latest_per_incident(events).values()):
        if n % 200 == 0 and time.monotonic() > deadline:
            cut = True
            break
        c = event.classification
        result = score(c, profile, companies=c.companies)
        if result.score <= 0:
            continue
        sent = decide(None, result, c, threshold=profile.threshold, muted=profile.muted_event_types)
        points.append({"incident_id": c.incident_id or event.event_id, "title": event.title,
                       "score": result.score, "would_alert": sent.send,
                       "published_at": event.published_at or event.ingested_at})
    points.sort(key=lambda p: p["published_at"])
    return {"points": points, "cut": cut}


def _context(who: Principal, csrf: str, sub: Subscriber, form: dict, **extra: Any) -> dict:
    return {"who": who, "csrf": csrf, "sub": sub, "form": form, "version": sub.version,
            "event_types": [t.value for t in EventType], "stages": [s.value for s in Stage],
            "zones": sorted(ZONES), "days_choices": BACKTEST_DAYS, "errors": [], "conflict": None,
            "saved": False, "preview": None, "backtest": None, "text": "", "title": "", "days": 30,
            **extra}


@router.get("/subscribers/{subscriber_id}/profile")
async def editor(subscriber_id: str, request: Request) -> Response:
    who, csrf = await session.current(request)
    sub = await load(request, who, subscriber_id)
    saved = request.query_params.get("saved") == "1"
    return page(request, "profile.html", **_context(who, csrf, sub, form_from(sub.public()), saved=saved))


def _errors(exc: HTTPException) -> list[str]:
    if isinstance(exc.detail, list):
        return [" → ".join(str(p) for p in e["loc"][1:]) + ": " + e["msg"] for e in exc.detail]
    return [str(exc.detail)]


@router.post("/subscribers/{subscriber_id}/profile")
async def act(subscriber_id: str, request: Request) -> Response:
    """Save (with the version the form was read at), preview a text, or backtest."""
    who, csrf, fields = await session.posted(request)
    sub = await load(request, who, subscriber_id)
    body = keep_rotation(body_from(fields), sub.revealed()["channels"])
    action = (fields.get("action") or ["save"])[0]
    shown = form_from(body, stored=sub.public()["channels"])
    context = _context(who, csrf, sub, shown, text=_one(fields, "text"),
                       title=_one(fields, "title"), days=_days(fields))
    context["version"] = _one(fields, "version") or sub.version
    try:
        spec = validated(body, sub)
    except HTTPException as exc:
        return page(request, "profile.html", http_status=422, **{**context, "errors": _errors(exc)})
    if action == "save":
        return await _save(request, who, sub, spec, body, context)
    if action == "preview":
        context["preview"] = await _preview(request, spec, context["text"], context["title"])
    elif action == "backtest":
        context["backtest"] = await _backtest(request, spec, context["days"])
    return page(request, "profile.html", **context)


def _one(fields: Fields, name: str) -> str:
    return (fields.get(name) or [""])[0]


def _days(fields: Fields) -> int:
    raw = _one(fields, "days")
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= 365 else 30


async def _save(request: Request, who: Principal, sub: Subscriber, spec: ProfileSpec, body: dict,
                context: dict) -> Response:
    version = str(context["version"])
    try:
        await change(request, who, sub.id, f'"{version}"', lambda old: validated(body, old),
                     "subscriber.replaced")
    except HTTPException as exc:
        if exc.status_code == 412:
            current = await load(request, who, sub.id)
            conflict = (f"This profile was changed elsewhere (now at version {current.version}, "
                        f"your form was read at version {version}). Nothing was saved. Reload "
                        f"to see the current profile, then make your change again.")
            return page(request, "profile.html", http_status=409,
                        **{**context, "conflict": conflict, "current_etag": etag(current)})
        if exc.status_code == 422:
            return page(request, "profile.html", http_status=422, **{**context, "errors": _errors(exc)})
        raise
    return see_other(f"/console/subscribers/{sub.id}/profile?saved=1")


async def _preview(request: Request, spec: ProfileSpec, text: str, title: str) -> dict | None:
    if not text.strip():
        return {"error": "Paste a text to preview."}
    if len(text) > PREVIEW_CHARS:
        return {"error": f"A preview takes at most {PREVIEW_CHARS:,} characters."}
    return await request.app.state.heavy.run(preview, spec, text=text, title=title)


async def _backtest(request: Request, spec: ProfileSpec, days: int) -> dict:
    heavy = request.app.state.heavy
    now = time.time()
    since_ms = int((now - days * 86_400) * 1000)
    raws, truncated = await alerts.classified_since(request, since_ms)
    done = await heavy.run(backtest_points, spec, raws, heavy.deadline())
    start, end = datetime.fromtimestamp(since_ms / 1000, UTC), datetime.fromtimestamp(now, UTC)
    points = done["points"]
    return {"days": days, "points": points, "alerted": sum(p["would_alert"] for p in points),
            "truncated": truncated or done["cut"], "svg": chart(points, spec.threshold, start, end)}
