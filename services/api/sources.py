"""Source routes (admin only): what chokewatch watches by itself, and how each source is doing.

Create, list, read, change (pause, interval, options, cut-off), delete, poll soon, and the
recent items a source produced. A source's poll state shows its last error while it fails.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from chokewatch.shared.fetchguard import UnsafeTarget
from chokewatch.shared.numbers import integer
from chokewatch.shared.patterns import FOLDER_LOCATION, HTTP_URL
from chokewatch.shared.sources import (
    EXAMPLE,
    NAME_PATTERN,
    OPTIONS,
    FolderOutsideRoot,
    PatternOutside,
    Source,
    SourceExists,
    SourceKind,
    SourcePatch,
    SourceSpec,
    SourceStore,
    check_pattern,
    folder_path,
    status_of,
)

from .auth import Principal, principal, require_admin
from .errors import ADMIN, AUTH, field_error, from_validation
from .models import Problem
from .timestamps import DateTime

router = APIRouter(tags=["sources"])
Who = Annotated[Principal, Depends(principal)]
SourceName = Annotated[str, Path(pattern=NAME_PATTERN, description="the source's name")]
FOLDERS_OFF = {403: {"model": Problem, "description": "needs the admin key; or a folder source "
                     "where CHOKEWATCH_SOURCE_FILES_ROOT is not set"}}
MISSING = {404: {"model": Problem, "description": "no such source"}}


class PollState(BaseModel):
    status: str = Field(description="new (never polled), ok, failing or paused")
    last_poll_at: AwareDatetime | None = None
    last_ok_at: AwareDatetime | None = None
    next_poll_at: AwareDatetime | None = None
    consecutive_failures: int = 0
    last_error: str | None = Field(default=None, description="why the last failed poll failed")
    last_error_reason: str | None = Field(
        default=None,
        description="timeout, connection, http_status, too_large, redirects, refused, invalid, config",
    )
    last_error_at: AwareDatetime | None = None
    last_item_error: str | None = None
    last_warning: str | None = None
    last_new: int = Field(default=0, description="events the last successful poll admitted")
    items_admitted: int = Field(default=0, description="events admitted since the source was created")


class SourceView(BaseModel):
    model_config = {"json_schema_extra": {"examples": [{
        "source": {**EXAMPLE, "alert_after": None, "paused": False, "created_at": "2025-10-09T08:00:00Z",
                   "updated_at": "2025-10-09T08:00:00Z"},
        "state": {"status": "ok", "consecutive_failures": 0, "last_new": 2, "items_admitted": 14},
        "cutoff": "2025-10-09T00:00:00Z"}]}}

    source: Source
    state: PollState
    cutoff: AwareDatetime = Field(description="events published earlier are stored but do not alert")


class SourceList(BaseModel):
    items: list[SourceView]


class SourceItem(BaseModel):
    at: AwareDatetime = Field(description="when the poll found it")
    title: str
    url: str | None = None
    published_at: AwareDatetime | None = None
    language: str | None = Field(default=None, description="ISO 639-1, detected from the text")
    outcome: str = Field(description="admitted, duplicate_url or duplicate_content")
    event_id: str | None = None


class SourceItems(BaseModel):
    items: list[SourceItem]


class PollQueued(BaseModel):
    status: str = "queued"


def _options_schema(kind: SourceKind, partial: bool = False) -> dict[str, Any]:
    schema = OPTIONS[kind].model_json_schema()
    schema.pop("title", None)
    if partial:
        schema.pop("required", None)
    return schema


def _kinds_schema(schema: dict[str, Any]) -> None:
    # What each kind takes: an http(s) URL (a host name; an address is checked when saved) or a
    # path under the folder root, and that kind's options.
    schema["oneOf"] = [
        {"properties": {
            "kind": {"const": kind.value},
            "location": {"pattern": FOLDER_LOCATION if kind is SourceKind.folder else HTTP_URL},
            "options": _options_schema(kind)},
         **({"required": ["options"]} if OPTIONS[kind].model_json_schema().get("required") else {})}
        for kind in SourceKind
    ]


class SourceIn(SourceSpec):
    """A source as its owner describes it (times strictly RFC 3339, numbers and flags as such)."""

    model_config = ConfigDict(json_schema_extra=lambda schema: (
        schema.update(examples=[EXAMPLE]), _kinds_schema(schema)))

    interval_s: integer(ge=1, le=7 * 86_400) = Field(default=900,
                                                     description="seconds between polls")
    backfill_days: integer(ge=0, le=365) = Field(
        default=0, description="days before the creation day read on the first poll")
    paused: bool = Field(default=False, strict=True)
    alert_after: DateTime | None = Field(
        default=None,
        description="events published earlier are stored but do not alert "
        "(default: the start of the day the source was created, UTC)",
    )


class SourceChange(SourcePatch):
    """The fields of a source that may change after it is created (times strictly RFC 3339,
    numbers and flags as such)."""

    paused: bool | None = Field(default=None, strict=True)
    interval_s: integer(ge=1, le=7 * 86_400) | None = None
    options: dict[str, Any] | None = Field(
        default=None, description="options of the source's kind to change; the others stay",
        json_schema_extra={"anyOf": [*(_options_schema(k, partial=True) for k in SourceKind),
                                     {"type": "null"}]},
    )
    alert_after: DateTime | None = Field(default=None, description="null: back to the default")


def _store(request: Request) -> SourceStore:
    return SourceStore(request.app.state.redis, request.app.state.names)


def _check_pattern(options: dict[str, Any]) -> None:
    try:
        check_pattern(str(options.get("pattern", "*")))
    except PatternOutside as exc:
        raise field_error(["options", "pattern"], str(exc)) from None


def _check_folder(request: Request, spec: SourceSpec) -> None:
    if spec.kind is SourceKind.folder:
        if request.app.state.settings.source_files_root is None:  # the operator's choice
            raise HTTPException(403, detail="folder sources are off on this server "
                                "(CHOKEWATCH_SOURCE_FILES_ROOT is not set)")
        if not re.match(FOLDER_LOCATION, spec.location):
            raise field_error(["location"], "must be a path inside CHOKEWATCH_SOURCE_FILES_ROOT: "
                              "no segment starting with '.', not absolute")
        try:
            folder_path(spec.location, request.app.state.settings)
        except FolderOutsideRoot as exc:
            raise field_error(["location"], str(exc)) from None
        _check_pattern(spec.options)
    else:  # an address is refused now; a host name is resolved and checked at every fetch
        try:
            request.app.state.fetch_guard.check_literal(spec.location)
        except UnsafeTarget as exc:
            raise field_error(["location"], str(exc)) from None


def _fits(kind: SourceKind, options: dict[str, Any]) -> bool:
    model = OPTIONS[kind]
    required = {name: "a" for name, field in model.model_fields.items() if field.is_required()}
    try:
        model.model_validate(required | options)
    except ValidationError:
        return False
    return True


def _fits_kind(current: Source, options: dict[str, Any]) -> None:
    """409 for options of another kind than the source's (valid for that kind, not for this)."""
    if not _fits(current.kind, options) and any(_fits(kind, options) for kind in SourceKind):
        raise HTTPException(409, detail=f"these options are not those of a {current.kind.value} "
                            f"source (see its options in the document)")


async def _view(store: SourceStore, source: Source) -> dict[str, Any]:
    state = await store.state(source.name)
    known = {k: v for k, v in state.items() if k in PollState.model_fields and v != ""}
    return {"source": source, "state": {**known, "status": status_of(source, state)},
            "cutoff": source.cutoff()}


async def _load(store: SourceStore, name: str) -> Source:
    source = await store.get(name)
    if source is None:
        raise HTTPException(404, detail=f"no source {name!r}")
    return source


@router.post("/v1/sources", status_code=201, response_model=SourceView,
             responses={**AUTH, **ADMIN, **FOLDERS_OFF,
                        409: {"model": Problem, "description": "name already taken"}})
async def create_source(request: Request, who: Who, spec: SourceIn) -> Any:
    """Start watching a source; its first poll comes at once (reading back `backfill_days`)."""
    require_admin(who)
    _check_folder(request, spec)
    store = _store(request)
    try:
        source = await store.create(spec)
    except SourceExists:
        raise HTTPException(409, detail=f"a source named {spec.name!r} exists") from None
    return await _view(store, source)


@router.get("/v1/sources", response_model=SourceList, responses={**AUTH, **ADMIN})
async def list_sources(request: Request, who: Who) -> Any:
    """Every source with its poll state, by name."""
    require_admin(who)
    store = _store(request)
    return {"items": [await _view(store, s) for s in await store.all()]}


@router.get("/v1/sources/{name}", response_model=SourceView, responses={**AUTH, **ADMIN, **MISSING})
async def read_source(name: SourceName, request: Request, who: Who) -> Any:
    """One source and its poll state: last poll, last error, next poll."""
    require_admin(who)
    store = _store(request)
    return await _view(store, await _load(store, name))


@router.patch("/v1/sources/{name}", response_model=SourceView, responses={
    **AUTH, **ADMIN, **MISSING,
    409: {"model": Problem, "description": "options of another kind than the source's"}})
async def change_source(name: SourceName, request: Request, who: Who, patch: SourceChange) -> Any:
    """Pause or resume, change the interval, some options, or the alert cut-off."""
    require_admin(who)
    store = _store(request)
    current = await _load(store, name)
    # null means "no change" for every field but the cut-off, where it means "the default".
    patch = SourcePatch(**{k: v for k, v in patch.model_dump(exclude_unset=True).items()
                           if v is not None or k == "alert_after"})
    if patch.options:
        _fits_kind(current, patch.options)
    if current.kind is SourceKind.folder and patch.options:
        _check_pattern(patch.options)
    try:
        source = await store.update(name, patch)
    except ValidationError as exc:
        raise from_validation(exc) from None
    if source is None:
        raise HTTPException(404, detail=f"no source {name!r}")
    return await _view(store, source)


@router.delete("/v1/sources/{name}", status_code=204, responses={**AUTH, **ADMIN, **MISSING})
async def delete_source(name: SourceName, request: Request, who: Who) -> Response:
    """Stop watching a source and forget its state (events it admitted stay)."""
    require_admin(who)
    if not await _store(request).delete(name):
        raise HTTPException(404, detail=f"no source {name!r}")
    return Response(status_code=204)


@router.post("/v1/sources/{name}/poll", status_code=202, response_model=PollQueued,
             responses={**AUTH, **ADMIN, **MISSING,
                        409: {"model": Problem, "description": "the source is paused"}})
async def poll_source(name: SourceName, request: Request, who: Who) -> Any:
    """Poll the source at the next opportunity instead of waiting for its interval."""
    require_admin(who)
    store = _store(request)
    source = await _load(store, name)
    if source.paused:
        raise HTTPException(409, detail=f"source {name!r} is paused; resume it first")
    await store.poll_soon(name)
    return {"status": "queued"}


@router.get("/v1/sources/{name}/items", response_model=SourceItems, responses={**AUTH, **ADMIN, **MISSING})
async def source_items(name: SourceName, request: Request, who: Who,
                       limit: int = Query(default=50, ge=1, le=100)) -> Any:
    """What the source's recent polls found, newest first."""
    require_admin(who)
    store = _store(request)
    await _load(store, name)
    return {"items": await store.recent(name, limit)}
