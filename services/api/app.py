"""The HTTP API (FastAPI). Run it with `chokewatch run api`; OpenAPI at /openapi.json, /docs.

This module wires the app: state, middleware (request ids, body size) and the routers of
subscribers.py, alerts.py, events.py and operations.py.
"""

from __future__ import annotations

import re
import time
import uuid
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from chokewatch.shared import channelurls, secretbox
from chokewatch.shared.names import Names
from chokewatch.shared.profiles import ProfileSpec
from chokewatch.shared.redis import connect, ensure_streams
from chokewatch.shared.settings import Settings
from chokewatch.shared.ssrf import Guard
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import SUBSCRIBERS

from . import (
    alerts,
    asyncapi,
    console,
    deadletters,
    docs,
    events,
    incidents,
    operations,
    publishers,
    redrive,
    subscribers,
    webhooks,
)
from . import sources as sources_api
from .audit import AuditLog
from .errors import REQUEST_ID
from .heavy import HeavyWork
from .limits import BodyLimit, RateLimit
from .methods import Methods
from .nesting import DepthLimit

log = structlog.get_logger("chokewatch.api")
# A client's request id is reused only if it is short and plain, so it cannot forge log lines.
_CLIENT_RID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

DESCRIPTION = """Subscribers, their exposure profiles and alerts; event submission.

Authenticate with `Authorization: Bearer <key>`: the admin key manages everything, a
subscriber's own key (returned once when it is created) reads and changes only that subscriber,
and a publisher's key (scope `publish`, made by the admin) only submits events.
Secrets (webhook signing secrets, Slack URLs) are write-only: reads show them masked, and a
change that sends a masked value back, or leaves it out, keeps the stored one."""


# Operation ids a client generator turns into method names: the handler's name in camelCase,
# or one of these where the handler's name reads badly out of its module.
OPERATION_IDS = {
    "read_subscriber": "getSubscriber",
    "patch_subscriber": "updateSubscriber",
    "rotate_key": "rotateSubscriberKey",
    "revoke_key": "revokeSubscriberKey",
    "alert_history": "listAlerts",
    "test_alert": "sendTestAlert",
    "backtest_profile": "backtestSubscriber",
    "preview_alert": "previewAlert",
    "healthz": "checkLiveness",
    "readyz": "checkReadiness",
    "metrics": "getMetrics",
    "audit_trail": "listAuditEntries",
    "read_source": "getSource",
    "change_source": "updateSource",
    "source_items": "listSourceItems",
    "redrive_dead_letters": "redriveDeadLetters",
    "list_incidents": "listIncidents",
    "get_incident": "getIncident",
    "redrive_failed_alert": "redriveAlert",
}


def operation_id(route: APIRoute) -> str:
    """`create_subscriber` -> `createSubscriber`; see OPERATION_IDS."""
    name = route.endpoint.__name__
    if name in OPERATION_IDS:
        return OPERATION_IDS[name]
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if not settings.redis_url:
            raise RuntimeError("CHOKEWATCH_REDIS_URL is not set")
        if not secretbox.configure(settings):
            log.warning("CHOKEWATCH_SECRETS_KEY is not set: webhook secrets and Slack URLs are kept "
                        "in Redis in clear")
        redis = connect(settings.redis_url, settings.redis_cluster)
        names = Names(settings.namespace)
        await ensure_streams(redis, names)
        state = app.state
        state.settings = settings
        state.redis = redis
        state.names = names
        state.store = SubscriberStore(redis, names)
        state.publishers = publishers.PublisherStore(redis, names)
        state.audit = AuditLog(redis, names)
        state.rate_limit = RateLimit(redis, names, settings.api_rate_per_minute)
        state.guard = channelurls.guard_for(settings)  # the guard the patterns are built from
        state.fetch_guard = Guard(settings.fetch_allow_hosts, allow_http=True)
        state.heavy = HeavyWork(settings.api_heavy_concurrency, settings.api_heavy_timeout_s)
        SUBSCRIBERS.set(await state.store.count())
        yield
        state.heavy.close()
        await redis.aclose()

    # One schema per model (not -Input/-Output pairs), so routes that parse their own body can
    # point at the same component names the models have.
    app = FastAPI(title="chokewatch", version="1", description=DESCRIPTION, lifespan=lifespan,
                  separate_input_output_schemas=False, docs_url=None, redoc_url=None,
                  generate_unique_id_function=operation_id)
    # Channel URLs: one pattern per kind from the settings, served and enforced alike.
    app.state.url_patterns = {"webhook": channelurls.webhook_pattern(settings),
                              "slack": channelurls.slack_pattern(settings)}
    app.include_router(docs.router)  # /docs and /redoc, their assets served from the package
    app.include_router(asyncapi.router)  # /asyncapi.json and /asyncapi: the streams between services
    app.webhooks.include_router(webhooks.router)  # what a subscriber's receiver gets
    for module in (subscribers, alerts, incidents, events, publishers, operations, deadletters):
        app.include_router(module.router)
    app.include_router(sources_api.router)
    app.include_router(redrive.router)
    console.install(app)  # the analysts' pages under /console, outside the OpenAPI document

    @app.middleware("http")
    async def request_id(request: Request, call_next):
        given = request.headers.get("x-request-id", "")
        rid = given if _CLIENT_RID.match(given) else uuid.uuid4().hex
        request.state.request_id = rid
        started = time.perf_counter()
        with structlog.contextvars.bound_contextvars(request_id=rid):
            response = await call_next(request)
            log.info("request", method=request.method, path=request.url.path,
                     status=response.status_code, ms=round((time.perf_counter() - started) * 1000, 1))
        response.headers["x-request-id"] = rid
        return response

    app.add_middleware(DepthLimit)  # inside the body limit: it looks at bodies within the limit
    app.add_middleware(Methods, fastapi=app)  # OPTIONS and 405 with the resource's whole Allow
    # Outermost, so an oversized body is refused before anything reads it.
    app.add_middleware(BodyLimit, limit=settings.max_event_bytes)

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes, webhooks=app.webhooks.routes,
                                 separate_input_output_schemas=False)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            # The profile's own schemas, for the routes that parse their body themselves.
            spec = ProfileSpec.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in spec.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components.setdefault("ProfileSpec", spec)
            for kind, model in (("webhook", "WebhookChannel"), ("slack", "SlackChannel")):
                components[model]["properties"]["url"]["pattern"] = app.state.url_patterns[kind]
            problem = {"$ref": "#/components/schemas/Problem"}
            for path in schema["paths"].values():
                for operation in path.values():
                    responses = operation.get("responses", {})
                    if "401" in responses:
                        operation["security"] = [{"bearer": []}]
                    if "requestBody" in operation:  # a body that is not JSON at all
                        responses.setdefault("400", {"description": "the body is not valid JSON",
                                                     "content": {"application/json": {"schema": problem}}})
                    for code, reply in responses.items():
                        # Errors are JSON whatever the route's own content type (e.g. /metrics).
                        content = reply.get("content", {})
                        if code[0] in "45" and "application/json" not in content:
                            reply["content"] = {"application/json": content.get("text/plain")
                                                or {"schema": problem}}
                    for reply in operation.get("responses", {}).values():
                        reply.setdefault("headers", {}).update(REQUEST_ID)
            schema["components"]["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "admin or subscriber API key"}
            }
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
    return app
