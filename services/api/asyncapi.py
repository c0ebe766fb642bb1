"""The streams between the services, documented: `/asyncapi.json` (AsyncAPI 3.0, built by
`shared/asyncapi.py`) and `/asyncapi`, a plain page of the same made here, loading nothing."""

from __future__ import annotations

import html

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from chokewatch.shared.asyncapi import document

router = APIRouter(include_in_schema=False)


def _doc(request: Request) -> dict:
    state = request.app.state
    if getattr(state, "asyncapi", None) is None:
        state.asyncapi = document(state.names, request.app.version)
    return state.asyncapi


@router.get("/asyncapi.json")
async def asyncapi_json(request: Request) -> JSONResponse:
    return JSONResponse(_doc(request))


def _fields(schema: dict) -> str:
    rows = []
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type") or prop.get("$ref", "").rsplit("/", 1)[-1] or "see schema"
        mark = " (required)" if name in required else ""
        words = prop.get("description", "")
        rows.append(f"<li><code>{html.escape(name)}</code> {html.escape(str(kind))}{mark}"
                    f"{' — ' + html.escape(words) if words else ''}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def render(doc: dict) -> str:
    """The channels, who sends and receives on each, and each message's fields."""
    schemas = doc["components"]["schemas"]
    parts = [f"<h1>{html.escape(doc['info']['title'])}</h1>",
             f"<p>{html.escape(doc['info']['description'])} The document: "
             "<a href=asyncapi.json>asyncapi.json</a> (AsyncAPI 3.0).</p>"]
    for name, channel in doc["channels"].items():
        ops = [op for op in doc["operations"].values() if op["channel"]["$ref"] == f"#/channels/{name}"]
        sends = ", ".join(op["x-service"] for op in ops if op["action"] == "send") or "—"
        receives = ", ".join(op["x-service"] for op in ops if op["action"] == "receive") or "—"
        [message] = [m["$ref"].rsplit("/", 1)[-1] for m in channel["messages"].values()]
        payload = doc["components"]["messages"][message]["payload"]["$ref"].rsplit("/", 1)[-1]
        parts.append(
            f"<h2 id={html.escape(name)}>{html.escape(name)}</h2>"
            f"<p>{html.escape(channel['description'])}</p>"
            f"<p>Stream <code>{html.escape(channel['x-redis-stream'])}</code>; sent by "
            f"{html.escape(sends)}; received by {html.escape(receives)}; message "
            f"<code>{html.escape(message)}</code>.</p>{_fields(schemas[payload])}")
    return ("<!doctype html><html><head><meta charset=utf-8><title>chokewatch streams</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}"
            "code{background:#f3f3f3}</style></head><body>" + "".join(parts) + "</body></html>")


@router.get("/asyncapi", response_class=HTMLResponse)
async def asyncapi_page(request: Request) -> HTMLResponse:
    return HTMLResponse(render(_doc(request)))
