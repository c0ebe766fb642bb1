"""The analysts' console under /console: server-rendered pages over the API's own functions,
signed in with an API key. Its stylesheet and script are served from this package; nothing is
loaded from elsewhere, and every page reads without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import editor, pages, session, sources_page
from .render import STATIC, page

ASSETS = {"console.css": "text/css", "console.js": "text/javascript"}
PATH = session.PATH

assets = APIRouter(prefix="/console", include_in_schema=False)


@assets.get("/static/{name}")
async def asset(name: str) -> Response:
    if name not in ASSETS:
        raise HTTPException(404, detail="no such file")
    return FileResponse(STATIC / name, media_type=ASSETS[name],
                        headers={"Cache-Control": "public, max-age=300",
                                 "X-Content-Type-Options": "nosniff"})


def install(app: FastAPI) -> None:
    """Mount the console's routes, and answer its pages' errors as pages."""
    for router in (assets, pages.router, editor.router, sources_page.router):
        app.include_router(router)

    @app.exception_handler(session.SignedOut)
    async def signed_out(request: Request, exc: session.SignedOut) -> Response:
        if request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return pages.see_other(f"/console/signin?{urlencode({'next': target})}")
        return page(request, "error.html", http_status=401, who=None, csrf="",
                    message="Your session has ended. Sign in again, then repeat the change.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        path = request.url.path
        if not (path == PATH or path.startswith(PATH + "/")) or path.endswith(".json"):
            return await http_exception_handler(request, exc)
        detail = exc.detail if isinstance(exc.detail, str) else "the request was not valid"
        who, csrf = await session.peek(request) or (None, "")  # the menu, for a signed-in viewer
        shown = page(request, "error.html", http_status=exc.status_code, who=who, csrf=csrf,
                     message=detail)
        shown.headers.update(exc.headers or {})  # Retry-After of a 429, Allow of a 405
        return shown
