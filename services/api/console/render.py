"""The console's templates (Jinja2, autoescaped) and the helpers they use."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .marks import marked

HERE = Path(__file__).parent
STATIC = HERE / "static"
# Pages are the console's own: nothing is loaded from elsewhere, no inline script runs, and no
# other site may frame them.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                               "base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _parse(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):  # left out (a state not recorded yet): no time
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def when(value: Any) -> Markup:
    """A <time> in UTC; the console's script shows it in the viewer's zone, UTC on hover."""
    at = _parse(value)
    if at is None:
        return Markup("<span class=\"muted\">—</span>")
    at = at.astimezone(UTC)
    text = at.strftime("%Y-%m-%d %H:%M UTC")
    return Markup('<time datetime="{0}" title="{1}">{1}</time>').format(
        at.isoformat().replace("+00:00", "Z"), text)


def words(value: Any) -> str:
    """`mineral_export_control` -> `mineral export control`."""
    return "" if value is None else str(value).replace("_", " ")


def web_link(url: Any) -> str | None:
    """The URL if it is an http(s) link a page may point to; None for anything else (a
    `javascript:` or `data:` URL from a submitted event is shown as text, never linked)."""
    if isinstance(url, str) and url.lower().startswith(("https://", "http://")):
        return url
    return None


ENV = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)
ENV.filters.update(when=when, words=words, marked=marked, web_link=web_link)
ENV.globals.update(escape=escape)


def page(request: Request, template: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=http_status, headers=HEADERS)
