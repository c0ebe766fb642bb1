"""Publishers: named keys that may submit events (scope `publish`), managed by the admin.

A subscriber's key reads and changes its own subscriber and can never submit an event; a system
that feeds texts into chokewatch gets a publisher key of its own, so every event names who
submitted it and a key can be withdrawn without touching anyone else's.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from chokewatch.shared.subscribers import hash_key, new_api_key

from .auth import Principal, principal, require_admin
from .errors import ADMIN, AUTH, BODY
from .models import KeyIssued, Problem

router = APIRouter(tags=["publishers"])
Who = Annotated[Principal, Depends(principal)]
NAME = r"^[a-z0-9][a-z0-9_.-]{0,62}$"
PublisherName = Annotated[str, Path(pattern=NAME, description="the publisher's name")]
MISSING = {404: {"model": Problem, "description": "no such publisher"}}
Scope = Literal["publish"]

# Add a publisher only if its name is free, with its key, in one step. KEYS: publishers,
# publisher_keys. ARGV: name, record JSON, key hash.
_CREATE = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
return 1
"""
# Swap a publisher's key (or with an empty ARGV[2] delete the publisher). KEYS: publishers,
# publisher_keys. ARGV: name, new key hash.
_SWAP = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local record = cjson.decode(raw)
redis.call('HDEL', KEYS[2], record['key_hash'])
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
record['key_hash'] = ARGV[2]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
return 1
"""


class PublisherIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "newsroom"}]})

    name: str = Field(pattern=NAME, description="events it submits name it as publisher:NAME")
    scopes: list[Scope] = Field(default=["publish"], min_length=1, max_length=1,
                                description="what its key may do; `publish`: submit events")


class Publisher(BaseModel):
    name: str
    scopes: list[Scope]
    created_at: AwareDatetime


class PublisherCreated(BaseModel):
    publisher: Publisher
    api_key: str = Field(description="shown once")


class PublisherList(BaseModel):
    items: list[Publisher]


class PublisherStore:
    def __init__(self, redis, names) -> None:
        self.redis = redis
        self.names = names
        self._create = redis.register_script(_CREATE)
        self._swap = redis.register_script(_SWAP)

    async def create(self, spec: PublisherIn) -> tuple[Publisher, str] | None:
        key = new_api_key()
        made = Publisher(name=spec.name, scopes=spec.scopes, created_at=datetime.now(UTC))
        record = {**made.model_dump(mode="json"), "key_hash": hash_key(key)}
        if not await self._create(keys=[self.names.publishers, self.names.publisher_keys],
                                  args=[spec.name, json.dumps(record), hash_key(key)]):
            return None
        return made, key

    async def all(self) -> list[Publisher]:
        raw = await self.redis.hgetall(self.names.publishers)
        return sorted((Publisher.model_validate_json(v) for v in raw.values()), key=lambda p: p.name)

    async def rotate(self, name: str) -> str | None:
        key = new_api_key()
        done = await self._swap(keys=[self.names.publishers, self.names.publisher_keys],
                                args=[name, hash_key(key)])
        return key if done else None

    async def delete(self, name: str) -> bool:
        return bool(await self._swap(keys=[self.names.publishers, self.names.publisher_keys],
                                     args=[name, ""]))

    async def for_key(self, api_key: str) -> Publisher | None:
        name = await self.redis.hget(self.names.publisher_keys, hash_key(api_key))
        raw = await self.redis.hget(self.names.publishers, name) if name else None
        return Publisher.model_validate_json(raw) if raw else None


def _store(request: Request) -> PublisherStore:
    return request.app.state.publishers


@router.post("/v1/publishers", status_code=201, response_model=PublisherCreated,
             responses={**AUTH, **BODY, **ADMIN, 409: {"model": Problem, "description": "name taken"}})
async def create_publisher(spec: PublisherIn, request: Request, who: Who) -> Any:
    """A key that may submit events (admin). The reply holds the key, shown once."""
    require_admin(who)
    made = await _store(request).create(spec)
    if made is None:
        raise HTTPException(409, detail=f"a publisher named {spec.name!r} exists")
    publisher, key = made
    await request.app.state.audit.record(actor=who.actor, action="publisher.created",
                                         subscriber_id=f"publisher:{spec.name}", fields=["scopes"],
                                         version=None, request_id=request.state.request_id)
    return {"publisher": publisher, "api_key": key}


@router.get("/v1/publishers", response_model=PublisherList, responses={**AUTH, **ADMIN})
async def list_publishers(request: Request, who: Who) -> Any:
    """Every publisher, by name (admin); keys are never shown again."""
    require_admin(who)
    return {"items": await _store(request).all()}


@router.post("/v1/publishers/{name}/keys", response_model=KeyIssued, responses={**AUTH, **ADMIN, **MISSING})
async def rotate_publisher_key(name: PublisherName, request: Request, who: Who) -> Any:
    """A new key for the publisher, shown once; the old one stops working at once (admin)."""
    require_admin(who)
    key = await _store(request).rotate(name)
    if key is None:
        raise HTTPException(404, detail=f"no publisher {name!r}")
    await request.app.state.audit.record(actor=who.actor, action="key.rotated",
                                         subscriber_id=f"publisher:{name}", fields=[], version=None,
                                         request_id=request.state.request_id)
    return {"api_key": key}


@router.delete("/v1/publishers/{name}", status_code=204, responses={**AUTH, **ADMIN, **MISSING})
async def delete_publisher(name: PublisherName, request: Request, who: Who) -> Response:
    """Delete a publisher; its key stops working at once (admin)."""
    require_admin(who)
    if not await _store(request).delete(name):
        raise HTTPException(404, detail=f"no publisher {name!r}")
    await request.app.state.audit.record(actor=who.actor, action="publisher.deleted",
                                         subscriber_id=f"publisher:{name}", fields=[], version=None,
                                         request_id=request.state.request_id)
    return Response(status_code=204)
