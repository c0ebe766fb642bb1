"""The API's own documentation pages, /docs (Swagger UI) and /redoc (ReDoc), with every script,
style sheet and icon served by the API itself from the installed `fastapi-offline` package: the
pages work on a machine with no way out, and load nothing from a third party."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, HTTPException, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, Response

ASSET_ROOT = "/docs/assets"
# The files the pages name, and their types; nothing else is served from the package.
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "favicon.png": "image/png",
}
OAUTH2_REDIRECT = "/docs/oauth2-redirect"
# Swagger UI would otherwise send the document to an outside validator for its badge.
SWAGGER_PARAMETERS = {"validatorUrl": None, "persistAuthorization": True,
                      "displayOperationId": True, "tryItOutEnabled": False}

router = APIRouter(include_in_schema=False)


def _asset(name: str) -> bytes:
    return (files("fastapi_offline") / "static" / name).read_bytes()


def _root(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


@router.get("/docs", response_class=HTMLResponse)
async def swagger_ui(request: Request) -> HTMLResponse:
    root = _root(request)
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} API",
        oauth2_redirect_url=f"{root}{OAUTH2_REDIRECT}",
        swagger_js_url=f"{root}{ASSET_ROOT}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSET_ROOT}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSET_ROOT}/favicon.png",
        swagger_ui_parameters=SWAGGER_PARAMETERS,
    )


@router.get(OAUTH2_REDIRECT, response_class=HTMLResponse)
async def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc", response_class=HTMLResponse)
async def redoc(request: Request) -> HTMLResponse:
    root = _root(request)
    return get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} API",
        redoc_js_url=f"{root}{ASSET_ROOT}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{ASSET_ROOT}/favicon.png",
        with_google_fonts=False,
    )


@router.get(ASSET_ROOT + "/{name}")
async def asset(name: str) -> Response:
    media = ASSETS.get(name)
    if media is None:
        raise HTTPException(404, "no such documentation asset")
    return Response(_asset(name), media_type=media,
                    headers={"cache-control": "public, max-age=86400"})
