"""The sources page (admin): each source's state, last poll and error, what it found lately;
pause, resume, poll now. Through the API's own source routes."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from .. import sources as sources_api
from . import session
from .pages import see_other
from .render import page

router = APIRouter(prefix="/console", include_in_schema=False)
RECENT_ITEMS = 5


@router.get("/sources")
async def sources_page(request: Request) -> Response:
    who, csrf = await session.current(request)
    listed = await sources_api.list_sources(request, who)
    rows = []
    for view in listed["items"]:
        name = view["source"].name
        found = await sources_api.source_items(name, request, who, limit=RECENT_ITEMS)
        rows.append({**view, "items": found["items"]})
    return page(request, "sources.html", who=who, csrf=csrf, rows=rows,
                notice=request.query_params.get("notice"))


@router.post("/sources/{name}/{action}")
async def source_action(name: str, action: str, request: Request) -> Response:
    who, _, _ = await session.posted(request)
    if action in ("pause", "resume"):
        change = sources_api.SourceChange(paused=action == "pause")
        await sources_api.change_source(name, request, who, change)
    elif action == "poll":
        await sources_api.poll_source(name, request, who)
    else:
        raise HTTPException(404, detail=f"no action {action!r} on a source")
    return see_other(f"/console/sources?notice={action}")
