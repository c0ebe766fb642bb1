"""Subscriber routes: create, list, read, replace, patch, delete; rotate and revoke keys.

Changes are compare-and-set on the stored version (the ETag), so two concurrent edits never
silently overwrite each other: with If-Match the loser gets 412, without it the change is
re-applied to the newer profile.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query, Request, Response
from pydantic import ValidationError

from chokewatch.shared import channelurls
from chokewatch.shared.profiles import ProfileSpec, Subscriber, WebhookChannel
from chokewatch.shared.ssrf import Guard, UnsafeTarget
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.telemetry import SUBSCRIBERS

from .audit import changed_fields
from .auth import Principal, principal, require_admin
from .errors import ADMIN, AUTH, BODY, CONDITIONAL, MINE, field_error, from_validation
from .masking import MaskedMismatch, restore_secrets
from .models import PROFILE_EXAMPLE, KeyIssued, Problem, SubscriberCreated, SubscriberOut, SubscriberPage

router = APIRouter(tags=["subscribers"])
Who = Annotated[Principal, Depends(principal)]
SubscriberId = Annotated[str, Path(min_length=1, max_length=200, description="the subscriber's id")]
IfMatch = Annotated[str | None, Header(
    max_length=500, description="the ETag of the version this change was based on; 412 if it moved on"
)]
ETAG = {"ETag": {"description": "the subscriber's version, for If-Match", "schema": {"type": "string"}}}
JSON_BODY = {415: {"model": Problem, "description": "body is not application/json"}}
CONFLICT = {409: {"model": Problem, "description": "changed by others too often while retrying"}}
PATCH_CONFLICT = {409: {"model": Problem, "description": "changed by others too often while retrying, "
                        "or the change would leave the profile without any element or supplier"}}
CAS_ATTEMPTS = 20  # a change loses the race only to another change of the same subscriber


async def _back_off(attempt: int) -> None:
    # Jittered, so racing writers spread out instead of colliding again in lockstep.
    await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))


def _json_body(schema: dict, examples: dict) -> dict:
    """openapi_extra for routes that parse their JSON body themselves."""
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": schema, "examples": examples}}}}


def _patch_schema() -> dict:
    schema = ProfileSpec.model_json_schema(ref_template="#/components/schemas/{model}")
    schema.pop("$defs", None)
    schema.pop("required", None)
    schema.pop("anyOf", None)  # what the patch leaves out keeps its stored value (else 409)
    schema["title"] = "ProfilePatch"
    schema["description"] = "Any profile fields; the others keep their stored values."
    return schema


_EXAMPLES = {"profile": {"summary": "a magnet maker's exposure", "value": PROFILE_EXAMPLE}}
PUT_BODY = _json_body({"$ref": "#/components/schemas/ProfileSpec"}, _EXAMPLES)
PATCH_BODY = _json_body(_patch_schema(), {"threshold": {"summary": "raise the threshold",
                                                        "value": {"threshold": 55}}})


def etag(sub: Subscriber) -> str:
    return f'"{sub.version}"'


def _matches(if_match: str, sub: Subscriber) -> bool:
    tags = [t.strip().removeprefix("W/") for t in if_match.split(",")]
    return "*" in tags or etag(sub) in tags


async def load(request: Request, who: Principal, subscriber_id: str) -> Subscriber:
    # Someone else's subscriber answers exactly like a missing one: existence is not leaked.
    sub = await request.app.state.store.get(subscriber_id) if who.can_see(subscriber_id) else None
    if sub is None:
        raise HTTPException(404, detail=f"no subscriber {subscriber_id!r}")
    return sub


def check_channels(request: Request, spec: ProfileSpec) -> None:
    """Each channel URL against the pattern the document shows and the guard (channelurls.py)."""
    state = request.app.state
    guard: Guard = state.guard
    for index, channel in enumerate(spec.channels):
        try:
            if isinstance(channel, WebhookChannel):
                channelurls.check(channel.url, state.url_patterns["webhook"], guard)
            else:
                channelurls.check(channel.url.get_secret_value(), state.url_patterns["slack"],
                                  guard, state.settings.slack_hosts)
        except UnsafeTarget as exc:
            raise field_error(["channels", index, "url"], str(exc)) from None


async def read_json(request: Request) -> Any:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/json", "application/merge-patch+json"):
        raise HTTPException(415, detail="send the body as application/json")
    try:
        return json.loads(await request.body())  # nesting already bounded (nesting.py)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(422, detail=[{"loc": ["body"], "msg": f"JSON decode error: {exc}",
                                          "type": "json_invalid"}]) from None


READ_ONLY = ("id", "created_at", "updated_at", "version")  # in a read; ignored in a change


def validated(body: Any, old: Subscriber) -> ProfileSpec:
    if isinstance(body, dict):  # so a client can PUT back what it read, edited
        body = {k: v for k, v in body.items() if k not in READ_ONLY}
    if isinstance(body, dict) and "channels" in body:
        try:
            body = {**body, "channels": restore_secrets(body["channels"], old)}
        except MaskedMismatch as exc:
            raise field_error(exc.loc, str(exc)) from None
    try:
        return ProfileSpec.model_validate(body)
    except ValidationError as exc:
        raise from_validation(exc) from None


async def audit(request: Request, who: Principal, action: str, sub_id: str,
                fields: list[str], version: int | None) -> None:
    await request.app.state.audit.record(
        actor=who.actor, action=action, subscriber_id=sub_id, fields=fields, version=version,
        request_id=request.state.request_id,
    )


async def change(request: Request, who: Principal, subscriber_id: str, if_match: str | None,
                 build: Callable[[Subscriber], ProfileSpec], action: str) -> Subscriber:
    store: SubscriberStore = request.app.state.store
    for attempt in range(CAS_ATTEMPTS):
        old = await load(request, who, subscriber_id)
        spec = build(old)  # an invalid change is invalid (422) whatever version it names
        check_channels(request, spec)
        if if_match is not None and not _matches(if_match, old):
            raise HTTPException(412, detail=f"subscriber is at {etag(old)}, not {if_match}")
        new = Subscriber(id=old.id, created_at=old.created_at, updated_at=datetime.now(UTC),
                         version=old.version + 1, **spec.model_dump(context={"reveal": True}))
        if await store.replace(new, previous=old):
            await audit(request, who, action, new.id, changed_fields(old, new), new.version)
            return new
        if if_match is not None:
            raise HTTPException(412, detail="subscriber changed while this change was applied")
        await _back_off(attempt)
    raise HTTPException(409, detail="subscriber keeps changing; try again")


@router.post("/v1/subscribers", status_code=201, response_model=SubscriberCreated,
             responses={**AUTH, **BODY, **ADMIN, 201: {"headers": ETAG}})
async def create_subscriber(
    spec: Annotated[ProfileSpec, Body(openapi_examples=_EXAMPLES)],
    request: Request, response: Response, who: Who,
) -> Any:
    """Create a subscriber (admin). The reply holds the subscriber's own API key, shown once."""
    require_admin(who)
    check_channels(request, spec)
    store: SubscriberStore = request.app.state.store
    now = datetime.now(UTC)
    sub = Subscriber(id="sub_" + uuid.uuid4().hex[:16], created_at=now, updated_at=now,
                     **spec.model_dump(context={"reveal": True}))
    await store.replace(sub, previous=None)
    key = await store.swap_key(sub.id)
    await audit(request, who, "subscriber.created", sub.id, changed_fields(None, sub), sub.version)
    SUBSCRIBERS.set(await store.count())
    response.headers["ETag"] = etag(sub)
    response.headers["Location"] = f"/v1/subscribers/{sub.id}"
    return {"subscriber": sub.public(), "api_key": key}


@router.get("/v1/subscribers", response_model=SubscriberPage, responses=AUTH)
async def list_subscribers(
    request: Request, who: Who,
    cursor: str | None = Query(default=None, max_length=200,
                               description="next_cursor of the previous page"),
    limit: int = Query(default=50, ge=1, le=500),
) -> Any:
    """Every subscriber for the admin, in id order; a subscriber key lists only itself."""
    store: SubscriberStore = request.app.state.store
    if not who.admin:
        sub = await store.get(str(who.subscriber_id))
        return {"items": [sub.public()] if sub and cursor is None else [], "next_cursor": None}
    ids = await store.list_ids(cursor, limit)
    subs = await store.get_many(ids)
    return {"items": [s.public() for s in subs], "next_cursor": ids[-1] if len(ids) == limit else None}


@router.get("/v1/subscribers/{subscriber_id}", response_model=SubscriberOut,
            responses={**AUTH, **MINE, 200: {"headers": ETAG}})
async def read_subscriber(subscriber_id: SubscriberId, request: Request, response: Response,
                          who: Who) -> Any:
    """One subscriber, secrets masked. The ETag header is its version, for If-Match."""
    sub = await load(request, who, subscriber_id)
    response.headers["ETag"] = etag(sub)
    return {"subscriber": sub.public()}


@router.put("/v1/subscribers/{subscriber_id}", response_model=SubscriberOut, openapi_extra=PUT_BODY,
            responses={**AUTH, **BODY, **MINE, **CONDITIONAL, **CONFLICT, **JSON_BODY,
                       200: {"headers": ETAG}})
async def replace_subscriber(subscriber_id: SubscriberId, request: Request, response: Response,
                             who: Who, if_match: IfMatch = None) -> Any:
    """Replace the whole profile. Masked or left-out secrets keep their stored values."""
    body = await read_json(request)
    sub = await change(request, who, subscriber_id, if_match,
                       lambda old: validated(body, old), "subscriber.replaced")
    response.headers["ETag"] = etag(sub)
    return {"subscriber": sub.public()}


@router.patch("/v1/subscribers/{subscriber_id}", response_model=SubscriberOut,
              openapi_extra=PATCH_BODY,
              responses={**AUTH, **BODY, **MINE, **CONDITIONAL, **JSON_BODY, **PATCH_CONFLICT,
                         200: {"headers": ETAG}})
async def patch_subscriber(subscriber_id: SubscriberId, request: Request, response: Response,
                           who: Who, if_match: IfMatch = None) -> Any:
    """Change some top-level profile fields; the others keep their stored values."""
    patch = await read_json(request)
    if not isinstance(patch, dict):
        raise field_error([], "send an object of profile fields", "dict_type")
    unknown = sorted(set(patch) - set(ProfileSpec.model_fields) - set(READ_ONLY))
    if unknown:
        allowed = sorted(ProfileSpec.model_fields)
        raise field_error([unknown[0]], f"not a profile field; allowed: {allowed}", "extra_forbidden")

    def merged(old: Subscriber) -> ProfileSpec:
        current = old.revealed()
        try:
            return validated({k: current[k] for k in ProfileSpec.model_fields}
                              | {k: v for k, v in patch.items() if k not in READ_ONLY}, old)
        except HTTPException as exc:
            # Valid in itself, but it would leave the stored profile without any exposure.
            if exc.status_code == 422 and all(e["loc"] == ["body"] for e in exc.detail):
                raise HTTPException(409, detail=exc.detail[0]["msg"].removeprefix("Value error, ")
                                    + " (after this change)") from None
            raise

    sub = await change(request, who, subscriber_id, if_match, merged, "subscriber.patched")
    response.headers["ETag"] = etag(sub)
    return {"subscriber": sub.public()}


@router.delete("/v1/subscribers/{subscriber_id}", status_code=204,
               responses={**AUTH, **MINE, **CONDITIONAL, **CONFLICT})
async def delete_subscriber(subscriber_id: SubscriberId, request: Request, who: Who,
                            if_match: IfMatch = None) -> Response:
    """Delete a subscriber with its key, decisions and alert history."""
    store: SubscriberStore = request.app.state.store
    for attempt in range(CAS_ATTEMPTS):
        sub = await load(request, who, subscriber_id)
        if if_match is not None and not _matches(if_match, sub):
            raise HTTPException(412, detail=f"subscriber is at {etag(sub)}, not {if_match}")
        if await store.remove(sub):
            await audit(request, who, "subscriber.deleted", sub.id, [], None)
            SUBSCRIBERS.set(await store.count())
            return Response(status_code=204)
        await _back_off(attempt)
    raise HTTPException(409, detail="subscriber keeps changing; try again")


@router.post("/v1/subscribers/{subscriber_id}/keys", response_model=KeyIssued,
             responses={**AUTH, **MINE})
async def rotate_key(subscriber_id: SubscriberId, request: Request, who: Who) -> Any:
    """A new key for the subscriber, shown once; the old one stops working at once."""
    await load(request, who, subscriber_id)
    key = await request.app.state.store.swap_key(subscriber_id)
    await audit(request, who, "key.rotated", subscriber_id, [], None)
    return {"api_key": key}


@router.delete("/v1/subscribers/{subscriber_id}/keys", status_code=204, responses={**AUTH, **MINE})
async def revoke_key(subscriber_id: SubscriberId, request: Request, who: Who) -> Response:
    """Revoke the subscriber's key: nothing authenticates as it until the admin rotates a new one."""
    await load(request, who, subscriber_id)
    await request.app.state.store.revoke_key(subscriber_id)
    await audit(request, who, "key.revoked", subscriber_id, [], None)
    return Response(status_code=204)
