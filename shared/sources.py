"""Sources as configuration: what to watch (a kind, a location, a poll interval, options), and
the Redis store that keeps them with their poll state, schedule and seen items.

A new source reads back `backfill_days` days before the day it was created; what it finds
published before its cut-off (`alert_after`, by default the start of that day, UTC) is
classified and stored but alerts no one: every event a source admits carries the cut-off in
`RawEvent.alert_after`, so nothing downstream needs to look it up.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import redis.asyncio as aioredis
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from chokewatch.shared.names import Names
from chokewatch.shared.patterns import CSS_SELECTOR, FILE_PATTERN
from chokewatch.shared.settings import Settings

NAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,62}$"
FEDERAL_REGISTER_API = "https://www.federalregister.gov/api/v1/documents.json"
SEEN_KEEP = 10_000  # item keys remembered per source; far more than any list shows at once
RECENT_KEEP = 100  # recent items kept per source for the API and CLI


class SourceKind(StrEnum):
    feed = "feed"  # RSS or Atom
    federal_register = "federal_register"  # the US Federal Register's documents API
    page = "page"  # a web page listing announcements, each linking to its own page
    folder = "folder"  # a file or folder of text, Markdown or JSON-lines files


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_items: int = Field(default=50, ge=1, le=500, description="new items taken per poll at most")


class FeedOptions(_Options):
    fetch_pages: bool = Field(
        default=False, description="read each new entry's linked page for its full text"
    )


AGENCY_PATTERN = r"^[A-Za-z0-9-]{1,100}$"


class FederalRegisterOptions(_Options):
    agencies: list[str] = Field(
        default_factory=list, max_length=20,
        description="agency slugs, e.g. industry-and-security-bureau",
        json_schema_extra={"items": {"type": "string", "pattern": AGENCY_PATTERN}},
    )
    terms: list[str] = Field(
        default_factory=list, max_length=20, description="search terms; a document matches any",
        json_schema_extra={"items": {"type": "string", "maxLength": 200, "pattern": r"\S"}},
    )
    document_types: list[Literal["RULE", "PRORULE", "NOTICE", "PRESDOCU"]] = Field(
        default_factory=list, description="only these document types (all when empty)"
    )
    full_text: bool = Field(default=False, description="fetch each document's full text too")

    @field_validator("agencies")
    @classmethod
    def _slugs(cls, value: list[str]) -> list[str]:
        for slug in value:
            if not re.match(AGENCY_PATTERN, slug):
                raise ValueError(f"{slug!r} is not an agency slug (letters, digits and dashes)")
        return value

    @field_validator("terms")
    @classmethod
    def _terms(cls, value: list[str]) -> list[str]:
        if any(not t.strip() or len(t) > 200 for t in value):
            raise ValueError("terms must be non-blank and at most 200 characters")
        return value


class PageOptions(_Options):
    item_selector: str = Field(
        min_length=1, max_length=500, description="CSS selector of one announcement in the list",
        json_schema_extra={"pattern": CSS_SELECTOR},
    )
    link_selector: str | None = Field(
        default=None, max_length=500, description="CSS selector of its link, inside the item",
        json_schema_extra={"pattern": CSS_SELECTOR},
    )
    date_selector: str | None = Field(
        default=None, max_length=500, description="CSS selector of its date, inside the item",
        json_schema_extra={"pattern": CSS_SELECTOR},
    )
    text_selector: str | None = Field(
        default=None, max_length=500, json_schema_extra={"pattern": CSS_SELECTOR},
        description="CSS selector of the main text on an item's page (default: extracted)",
    )
    max_items: int = Field(default=30, ge=1, le=200, description="new items taken per poll at most")

    @field_validator("item_selector", "link_selector", "date_selector", "text_selector")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        if value is not None:
            from selectolax.lexbor import LexborHTMLParser

            if not re.match(CSS_SELECTOR, value):
                raise ValueError(f"{value!r} is not a CSS selector of the forms taken: type, class, "
                                 "id and attribute selectors, structural pseudo-classes such as "
                                 ":first-child or :nth-child(2), and combinators")

            try:
                LexborHTMLParser("<p></p>").css(value)
            except Exception:  # noqa: BLE001 - the parser's own error type says only "can't parse"
                raise ValueError(f"{value!r} is not a CSS selector") from None
        return value


class FolderOptions(_Options):
    pattern: str = Field(default="*", min_length=1, max_length=200,
                         description="file name pattern inside a folder, e.g. *.md; no '..', "
                         "not absolute", json_schema_extra={"pattern": FILE_PATTERN})


OPTIONS: dict[SourceKind, type[_Options]] = {
    SourceKind.feed: FeedOptions,
    SourceKind.federal_register: FederalRegisterOptions,
    SourceKind.page: PageOptions,
    SourceKind.folder: FolderOptions,
}

EXAMPLE = {
    "name": "bis-rules", "kind": "federal_register", "location": FEDERAL_REGISTER_API,
    "interval_s": 1800, "backfill_days": 14,
    "options": {"agencies": ["industry-and-security-bureau"], "terms": ["export controls"]},
}


class SourceSpec(BaseModel):
    """A source as its owner describes it."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    name: str = Field(pattern=NAME_PATTERN, description="events from it carry source `feed:NAME`")
    kind: SourceKind
    location: str = Field(
        min_length=1, max_length=2_000,
        description="an http(s) URL, or for a folder a path under CHOKEWATCH_SOURCE_FILES_ROOT",
    )
    interval_s: int = Field(default=900, ge=1, le=7 * 86_400, description="seconds between polls")
    options: dict[str, Any] = Field(default_factory=dict, description="kind-specific options")
    backfill_days: int = Field(
        default=0, ge=0, le=365, description="days before the creation day read on the first poll"
    )
    alert_after: AwareDatetime | None = Field(
        default=None,
        description="events published earlier are stored but do not alert "
        "(default: the start of the day the source was created, UTC)",
    )
    paused: bool = False

    @model_validator(mode="after")
    def _kind_fits(self) -> SourceSpec:
        try:
            options = OPTIONS[self.kind].model_validate(self.options)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'options'}: {e['msg']}" for e in exc.errors()
            )
            raise ValueError(f"options for a {self.kind.value} source: {problems}") from None
        # Stored complete, so a read shows every option in force.
        object.__setattr__(self, "options", options.model_dump(mode="json"))
        if self.kind is not SourceKind.folder:
            parts = urlsplit(self.location)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("location must be an http or https URL")
        if self.alert_after is not None:
            object.__setattr__(self, "alert_after", self.alert_after.astimezone(UTC))
        return self

    def typed_options(self) -> Any:
        return OPTIONS[self.kind].model_validate(self.options)


class Source(SourceSpec):
    created_at: AwareDatetime
    updated_at: AwareDatetime

    def cutoff(self) -> datetime:
        return self.alert_after or _day_start(self.created_at)

    def window_start(self) -> datetime:
        """The oldest publication time the first poll admits."""
        return _day_start(self.created_at) - timedelta(days=self.backfill_days)

    @property
    def label(self) -> str:
        return f"feed:{self.name}"


class SourcePatch(BaseModel):
    """The fields of a source that may change after it is created."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"paused": True}]})

    paused: bool | None = None
    interval_s: int | None = Field(default=None, ge=1, le=7 * 86_400)
    options: dict[str, Any] | None = None
    alert_after: AwareDatetime | None = Field(default=None, description="null: back to the default")


def _day_start(at: datetime) -> datetime:
    at = at.astimezone(UTC)
    return datetime(at.year, at.month, at.day, tzinfo=UTC)


class FolderOutsideRoot(ValueError):
    pass


def folder_path(location: str, settings: Settings) -> Path:
    """The folder or file a folder source reads: it must lie under the configured root."""
    if settings.source_files_root is None:
        raise FolderOutsideRoot("folder sources need CHOKEWATCH_SOURCE_FILES_ROOT to be set")
    root = settings.source_files_root.resolve()
    path = (root / location).resolve()
    if path != root and root not in path.parents:
        raise FolderOutsideRoot(f"{location!r} is outside CHOKEWATCH_SOURCE_FILES_ROOT ({root})")
    return path


def _now() -> datetime:
    return datetime.now(UTC)


class SourceExists(Exception):
    pass


class SourceStore:
    """Sources, their state and schedule in Redis."""

    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    # --- configuration ---------------------------------------------------------------------
    async def create(self, spec: SourceSpec) -> Source:
        now = _now()
        source = Source(**spec.model_dump(), created_at=now, updated_at=now)
        if not await self.redis.hsetnx(self.names.sources, source.name, source.model_dump_json()):
            raise SourceExists(source.name)
        # Leftovers of a deleted source of the same name must not decide what this one sees.
        await self.redis.delete(self.names.source_state(source.name), self.names.source_seen(source.name),
                                self.names.source_items(source.name))
        await self._after_write(source, poll_now=True)
        return source

    async def get(self, name: str) -> Source | None:
        raw = await self.redis.hget(self.names.sources, name)
        return Source.model_validate_json(raw) if raw else None

    async def all(self) -> list[Source]:
        raw = await self.redis.hgetall(self.names.sources)
        return sorted((Source.model_validate_json(v) for v in raw.values()), key=lambda s: s.name)

    async def update(self, name: str, patch: SourcePatch) -> Source | None:
        current = await self.get(name)
        if current is None:
            return None
        fields = current.model_dump()
        for key in patch.model_fields_set:
            fields[key] = getattr(patch, key)
        if patch.options is not None:  # options change one by one; the others stay
            fields["options"] = {**current.options, **patch.options}
        spec = SourceSpec.model_validate({k: v for k, v in fields.items()
                                          if k in SourceSpec.model_fields})
        source = Source(**spec.model_dump(), created_at=current.created_at, updated_at=_now())
        await self.redis.hset(self.names.sources, name, source.model_dump_json())
        await self._after_write(source, poll_now=current.paused and not source.paused)
        return source

    async def delete(self, name: str) -> bool:
        removed = await self.redis.hdel(self.names.sources, name)
        await self.redis.zrem(self.names.source_due, name)
        await self.redis.delete(self.names.source_state(name), self.names.source_seen(name),
                                self.names.source_items(name))
        return bool(removed)

    async def _after_write(self, source: Source, poll_now: bool) -> None:
        if source.paused:
            await self.redis.zrem(self.names.source_due, source.name)
        elif poll_now:
            await self.redis.zadd(self.names.source_due, {source.name: 0})
        else:  # keep its turn; only add it if it somehow had none
            await self.redis.zadd(self.names.source_due, {source.name: _ms()}, nx=True)

    async def poll_soon(self, name: str) -> None:
        await self.redis.zadd(self.names.source_due, {name: 0})

    # --- schedule --------------------------------------------------------------------------
    async def due(self, limit: int) -> list[str]:
        return await self.redis.zrangebyscore(self.names.source_due, "-inf", _ms(), start=0, num=limit)

    async def next_due_ms(self, name: str) -> float | None:
        return await self.redis.zscore(self.names.source_due, name)

    async def schedule(self, name: str, at_ms: int) -> None:
        # XX: a source deleted while it was being polled is not brought back.
        await self.redis.zadd(self.names.source_due, {name: at_ms}, xx=True)

    async def reconcile(self) -> None:
        """Give every active source a turn (one written without, by a writer that stopped)."""
        for source in await self.all():
            if not source.paused:
                await self.redis.zadd(self.names.source_due, {source.name: _ms()}, nx=True)

    # --- state -----------------------------------------------------------------------------
    async def state(self, name: str) -> dict[str, str]:
        return await self.redis.hgetall(self.names.source_state(name))

    async def set_state(self, name: str, values: dict[str, Any], forget: tuple[str, ...] = ()) -> None:
        key = self.names.source_state(name)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={k: "" if v is None else str(v) for k, v in values.items()})
            if forget:
                pipe.hdel(key, *forget)
            await pipe.execute()

    async def count_admitted(self, name: str, admitted: int) -> None:
        if admitted:
            await self.redis.hincrby(self.names.source_state(name), "items_admitted", admitted)

    # --- items -----------------------------------------------------------------------------
    async def unseen(self, name: str, digests: list[str]) -> set[str]:
        if not digests:
            return set()
        scores = await self.redis.zmscore(self.names.source_seen(name), digests)
        return {d for d, score in zip(digests, scores, strict=True) if score is None}

    async def mark_seen(self, name: str, digest: str) -> None:
        key = self.names.source_seen(name)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {digest: _ms()}, nx=True)
            pipe.zremrangebyrank(key, 0, -(SEEN_KEEP + 1))
            await pipe.execute()

    async def record_item(self, name: str, record: dict[str, Any]) -> None:
        key = self.names.source_items(name)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.lpush(key, json.dumps(record, ensure_ascii=False))
            pipe.ltrim(key, 0, RECENT_KEEP - 1)
            await pipe.execute()

    async def recent(self, name: str, limit: int) -> list[dict[str, Any]]:
        return [json.loads(r) for r in await self.redis.lrange(self.names.source_items(name), 0, limit - 1)]


def _ms() -> int:
    return int(time.time() * 1000)


def status_of(source: Source, state: dict[str, str]) -> str:
    if source.paused:
        return "paused"
    if int(state.get("consecutive_failures") or 0) > 0:
        return "failing"
    return "ok" if state.get("last_ok_at") else "new"


class PatternOutside(ValueError):
    pass


def check_pattern(pattern: str) -> str:
    """A folder source's pattern, or PatternOutside when it could lead out of the folder."""
    parts = pattern.replace("\\", "/").split("/")
    if pattern.startswith(("/", "\\", "~")) or ".." in parts or ":" in parts[0]:
        raise PatternOutside(f"pattern {pattern!r} must stay inside the folder (no '..', no absolute path)")
    return pattern
