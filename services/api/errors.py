"""Error responses: one shape per kind, declared on every route so /openapi.json lists them all."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel, Field, ValidationError

from .models import Problem


class FieldError(BaseModel):
    loc: list[str | int] = Field(
        description="where: 'body', 'query', 'header' or 'path', then the field path"
    )
    msg: str
    type: str


class Invalid(BaseModel):
    """A request that failed validation: every error names its field."""

    model_config = {"json_schema_extra": {"examples": [{"detail": [
        {"loc": ["body", "elements", "Dy", "weight"], "msg": "Input should be less than or equal to 1",
         "type": "less_than_equal"}]}]}}

    detail: list[FieldError]


def _problem(words: str, headers: dict | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"model": Problem, "description": words}
    if headers:
        out["headers"] = headers
    return out


RATE_HEADERS = {"Retry-After": {"description": "seconds until the key's window resets",
                                "schema": {"type": "integer"}}}
AUTH = {
    401: _problem("missing, unknown or revoked API key"),
    422: {"model": Invalid, "description": "invalid request: each error names its field"},
    429: _problem("too many requests for this key this minute", RATE_HEADERS),
}
BODY = {413: _problem("request body too large")}
ADMIN = {403: _problem("needs the admin key")}
MINE = {404: _problem("no such subscriber, or not yours (the two look the same)")}
CONDITIONAL = {412: _problem("If-Match does not match the subscriber's current ETag")}
REQUEST_ID = {"x-request-id": {"description": "the request's id, also in the logs",
                               "schema": {"type": "string"}}}


def field_error(loc: list[str | int], msg: str, kind: str = "value_error") -> HTTPException:
    return HTTPException(422, detail=[{"loc": ["body", *loc], "msg": msg, "type": kind}])


def from_validation(exc: ValidationError, prefix: list[str | int] | None = None) -> HTTPException:
    return HTTPException(422, detail=[
        {"loc": ["body", *(prefix or []), *e["loc"]], "msg": e["msg"], "type": e["type"]}
        for e in exc.errors()
    ])
