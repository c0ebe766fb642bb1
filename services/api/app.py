"""The HTTP API (FastAPI). Run it with `chokewatch run api`; OpenAPI at /openapi.json, /docs."""

from __future__ import annotations

import json
import uuid
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, EventType, RawEvent, new_id, utcnow
from chokewatch.shared.names import ALERTS, SUBMITTED, Names
from chokewatch.shared.profiles import ProfileSpec, Subscriber, WebhookChannel
from chokewatch.shared.redis import connect, ensure_streams
from chokewatch.shared.settings import Settings
from chokewatch.shared.ssrf import Guard, UnsafeTarget
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import SUBSCRIBERS
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import make_asgi_app
from pydantic import ValidationError

from .auth import Principal, principal, require_admin
from .models import (
    AlertPage,
    EventAccepted,
    EventIn,
    KeyIssued,
    Problem,
    SubscriberCreated,
    SubscriberOut,
    SubscriberPage,
)

Who = Annotated[Principal, Depends(principal)]
ERRORS = {
    401: {"model": Problem, "description": "missing or unknown API key"},
    404: {"model": Problem, "description": "no such subscriber (or not yours)"},
    422: {"description": "invalid body: each error names its field"},
}


def _field_error(loc: list[str], msg: str) -> HTTPException:
    return HTTPException(422, detail=[{"loc": ["body", *loc], "msg": msg, "type": "value_error"}])


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if not settings.redis_url:
            raise RuntimeError("CHOKEWATCH_REDIS_URL is not set")
        redis = connect(settings.redis_url)
        names = Names(settings.namespace)
        await ensure_streams(redis, names)
        app.state.settings = settings
        app.state.redis = redis
        app.state.names = names
        app.state.store = SubscriberStore(redis, names)
        app.state.guard = Guard(settings.webhook_allow_hosts, settings.webhook_allow_http)
        SUBSCRIBERS.set(await app.state.store.count())
        yield
        await redis.aclose()

    app = FastAPI(
        title="chokewatch",
        version="1",
        description="Subscribers, their exposure profiles and alerts; event submission.",
        lifespan=lifespan,
    )
    app.mount("/metrics", make_asgi_app())

    @app.middleware("http")
    async def request_id(request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        response = await call_next(request)
        response.headers["x-request-id"] = rid
        return response

    async def load(request: Request, who: Principal, subscriber_id: str) -> Subscriber:
        # Someone else's subscriber answers exactly like a missing one: existence is not leaked.
        sub = await request.app.state.store.get(subscriber_id) if who.can_see(subscriber_id) else None
        if sub is None:
            raise HTTPException(404, detail=f"no subscriber {subscriber_id!r}")
        return sub

    def check_channels(request: Request, spec: ProfileSpec) -> None:
        guard: Guard = request.app.state.guard
        for index, channel in enumerate(spec.channels):
            url = channel.url if isinstance(channel, WebhookChannel) else channel.url.get_secret_value()
            try:
                guard.check_literal(url)  # host names are resolved and checked at every send
            except UnsafeTarget as exc:
                raise _field_error(["channels", str(index), "url"], str(exc)) from None

    @app.get("/healthz", tags=["operations"])
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], responses={503: {"model": Problem}})
    async def readyz(request: Request) -> dict:
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

    @app.post("/v1/subscribers", status_code=201, response_model=SubscriberCreated,
              responses=ERRORS, tags=["subscribers"])
    async def create_subscriber(spec: ProfileSpec, request: Request, who: Who) -> Any:
        require_admin(who)
        check_channels(request, spec)
        store: SubscriberStore = request.app.state.store
        now = datetime.now(UTC)
        sub = Subscriber(id="sub_" + uuid.uuid4().hex[:16], created_at=now, updated_at=now,
                         **spec.model_dump(context={"reveal": True}))
        await store.put(sub)
        key = await store.issue_key(sub.id)
        SUBSCRIBERS.set(await store.count())
        return {"subscriber": sub.public(), "api_key": key}

    @app.get("/v1/subscribers", response_model=SubscriberPage, responses=ERRORS,
             tags=["subscribers"])
    async def list_subscribers(
        request: Request, who: Who,
        cursor: str | None = Query(default=None, description="next_cursor of the previous page"),
        limit: int = Query(default=50, ge=1, le=500),
    ) -> Any:
        store: SubscriberStore = request.app.state.store
        if not who.admin:
            sub = await store.get(who.subscriber_id)
            return {"items": [sub.public()] if sub and cursor is None else [], "next_cursor": None}
        ids = await store.list_ids(cursor, limit)
        subs = await store.get_many(ids)
        return {"items": [s.public() for s in subs],
                "next_cursor": ids[-1] if len(ids) == limit else None}

    @app.get("/v1/subscribers/{subscriber_id}", response_model=SubscriberOut, responses=ERRORS,
             tags=["subscribers"])
    async def read_subscriber(subscriber_id: str, request: Request, who: Who) -> Any:
        return {"subscriber": (await load(request, who, subscriber_id)).public()}

    @app.put("/v1/subscribers/{subscriber_id}", response_model=SubscriberOut, responses=ERRORS,
             tags=["subscribers"])
    async def replace_subscriber(
        subscriber_id: str, spec: ProfileSpec, request: Request, who: Who
    ) -> Any:
        old = await load(request, who, subscriber_id)
        check_channels(request, spec)
        return {"subscriber": (await _save(request, old, spec)).public()}

    @app.patch("/v1/subscribers/{subscriber_id}", response_model=SubscriberOut, responses=ERRORS,
               tags=["subscribers"])
    async def patch_subscriber(
        subscriber_id: str, patch: dict[str, Any], request: Request, who: Who
    ) -> Any:
        old = await load(request, who, subscriber_id)
        current = json.loads(old.storable())
        unknown = sorted(set(patch) - set(ProfileSpec.model_fields))
        if unknown:
            allowed = sorted(ProfileSpec.model_fields)
            raise _field_error([unknown[0]], f"not a profile field; allowed: {allowed}")
        merged = {k: current[k] for k in ProfileSpec.model_fields} | patch
        try:
            spec = ProfileSpec.model_validate(merged)
        except ValidationError as exc:
            raise HTTPException(422, detail=[
                {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()
            ]) from None
        check_channels(request, spec)
        return {"subscriber": (await _save(request, old, spec)).public()}

    async def _save(request: Request, old: Subscriber, spec: ProfileSpec) -> Subscriber:
        new = Subscriber(id=old.id, created_at=old.created_at, updated_at=datetime.now(UTC),
                         version=old.version + 1, **spec.model_dump(context={"reveal": True}))
        await request.app.state.store.put(new, previous=old)
        return new

    @app.delete("/v1/subscribers/{subscriber_id}", status_code=204, responses=ERRORS,
                tags=["subscribers"])
    async def delete_subscriber(subscriber_id: str, request: Request, who: Who) -> Response:
        sub = await load(request, who, subscriber_id)
        await request.app.state.store.delete(sub)
        SUBSCRIBERS.set(await request.app.state.store.count())
        return Response(status_code=204)

    @app.post("/v1/subscribers/{subscriber_id}/keys", response_model=KeyIssued, responses=ERRORS,
              tags=["subscribers"])
    async def rotate_key(subscriber_id: str, request: Request, who: Who) -> Any:
        """A new key for the subscriber; the old one stops working at once."""
        await load(request, who, subscriber_id)
        return {"api_key": await request.app.state.store.issue_key(subscriber_id)}

    @app.get("/v1/subscribers/{subscriber_id}/alerts", response_model=AlertPage,
             responses=ERRORS, tags=["alerts"])
    async def alert_history(
        subscriber_id: str, request: Request, who: Who,
        cursor: float | None = Query(default=None, description="next_cursor of the previous page"),
        limit: int = Query(default=50, ge=1, le=500),
    ) -> Any:
        await load(request, who, subscriber_id)
        items = await request.app.state.store.history(subscriber_id, limit, cursor)
        nxt = None
        if len(items) == limit:
            nxt = datetime.fromisoformat(items[-1]["alert"]["decided_at"]).timestamp()
        return {"items": items, "next_cursor": nxt}

    @app.post("/v1/subscribers/{subscriber_id}/test-alert", status_code=202, responses=ERRORS,
              tags=["alerts"])
    async def test_alert(subscriber_id: str, request: Request, who: Who) -> dict:
        """Queue a clearly marked test alert to every channel of the subscriber."""
        sub = await load(request, who, subscriber_id)
        now = utcnow()
        cid = new_id()
        alert = Alert(
            correlation_id=cid, ingested_at=now, alert_id="alrt_test_" + uuid.uuid4().hex[:16],
            subscriber_id=sub.id, incident_id="test_" + cid[:12], event_id=cid,
            score=0, event_type=EventType.commentary, direction="neutral",
            title="chokewatch test alert", summary="This is a test of your alert channels.",
        )
        state = request.app.state
        await streams.publish(state.redis, state.names.stream(ALERTS), alert)
        return {"alert_id": alert.alert_id, "status": "queued"}

    @app.post("/v1/events", status_code=202, response_model=EventAccepted,
              responses={**ERRORS, 413: {"model": Problem}, 415: {"model": Problem}},
              tags=["events"])
    async def submit_event(request: Request, who: Who) -> Any:
        """Submit a text for classification and alerting."""
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise HTTPException(415, detail="send the event as application/json")
        limit = settings.max_event_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise HTTPException(413, detail=f"event body over {limit} bytes")
        body = await request.body()
        if len(body) > limit:
            raise HTTPException(413, detail=f"event body over {limit} bytes")
        try:
            event_in = EventIn.model_validate_json(body)
        except ValidationError as exc:
            raise HTTPException(422, detail=[
                {"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]} for e in exc.errors()
            ]) from None
        eid = new_id()
        event = RawEvent(id=eid, correlation_id=eid, ingested_at=utcnow(),
                         source="api" if who.admin else f"api:{who.subscriber_id}",
                         **event_in.model_dump())
        state = request.app.state
        await streams.publish(state.redis, state.names.stream(SUBMITTED), event)
        return {"event_id": eid, "correlation_id": eid}

    return app
