"""A small website on loopback for source tests: feeds, Federal Register-shaped JSON and
announcement pages, each answer scripted per path, every request recorded."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "application/xml"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answered 304 when the request's If-None-Match matches
    delay_s: float = 0.0
    chunked: bool = False  # no Content-Length: the body arrives in pieces


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class Site:
    def __init__(self) -> None:
        self.replies: dict[str, Reply] = {}
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.most_in_flight = 0  # requests served at the same time, at most, over the site's life
        lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                with lock:
                    site.in_flight += 1
                    site.most_in_flight = max(site.most_in_flight, site.in_flight)
                try:
                    self._answer()
                finally:
                    with lock:
                        site.in_flight -= 1

            def _answer(self) -> None:
                parts = urlsplit(self.path)
                site.requests.append(Seen(parts.path, parse_qs(parts.query),
                                          {k.lower(): v for k, v in self.headers.items()}))
                reply = site.replies.get(parts.path, Reply("not here", 404, "text/plain"))
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                body = reply.body.encode() if isinstance(reply.body, str) else reply.body
                if reply.etag and self.headers.get("if-none-match") == reply.etag:
                    self.send_response(304)
                    self.send_header("etag", reply.etag)
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return
                self.send_response(reply.status)
                self.send_header("content-type", reply.content_type)
                if reply.etag:
                    self.send_header("etag", reply.etag)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.chunked:
                    self.send_header("transfer-encoding", "chunked")
                    self.end_headers()
                    for start in range(0, len(body), 4096):
                        piece = body[start:start + 4096]
                        self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def serve(self, path: str, reply: Reply) -> str:
        self.replies[path] = reply
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


# --- documents ------------------------------------------------------------------------------
def rss(*entries: dict) -> str:
    items = "".join(
        "<item>"
        f"<title>{escape(e['title'])}</title>"
        + (f"<link>{escape(e['link'])}</link>" if e.get("link") else "")
        + (f"<guid>{escape(e['guid'])}</guid>" if e.get("guid") else "")
        + (f"<pubDate>{format_datetime(e['at'])}</pubDate>" if e.get("at") else "")
        + f"<description>{escape(e.get('html', ''))}</description>"
        "</item>"
        for e in entries
    )
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Trade desk</title><link>http://example.test/</link>{items}</channel></rss>")


def atom(*entries: dict) -> str:
    items = "".join(
        f"<entry><id>{escape(e['guid'])}</id><title>{escape(e['title'])}</title>"
        f'<link href="{escape(e["link"])}"/><updated>{e["at"].isoformat()}</updated>'
        f'<content type="html">{escape(e.get("html", ""))}</content></entry>'
        for e in entries
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Notices</title><id>urn:notices</id><updated>2025-01-01T00:00:00Z</updated>{items}</feed>")


def federal_register(*documents: dict, next_page: str | None = None) -> str:
    page = {"count": len(documents), "total_pages": 1, "results": list(documents)}
    if next_page:
        page["next_page_url"] = next_page
    return json.dumps(page)


def fr_document(number: str, title: str, day: str, **extra) -> dict:
    return {
        "document_number": number, "title": title, "type": "Rule",
        "action": "Interim final rule.", "abstract": extra.pop("abstract", f"{title}. Abstract."),
        "publication_date": day, "html_url": f"https://www.federalregister.gov/documents/{number}",
        "agencies": [{"name": "Industry and Security Bureau", "slug": "industry-and-security-bureau"}],
        **extra,
    }


def list_page(*items: tuple[str, str, str]) -> str:
    """An announcement list page: (href, title, date) per item, with navigation around it."""
    rows = "".join(f'<li><a href="{href}" title="{escape(title)}">{escape(title)}</a>'
                   f'<span class="date">{day}</span></li>' for href, title, day in items)
    return ("<html><head><title>公告</title></head><body><div class='nav'><a href='/'>首页</a>"
            f"<a href='/about'>About</a></div><ul class='list'>{rows}</ul>"
            "<div class='footer'>Copyright notice</div></body></html>")


def article(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<html><head><title>{escape(title)}</title></head><body>"
            "<div class='nav'><a href='/'>Home</a> | <a href='/policy'>Policy</a> | Site map</div>"
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            "<footer>Contact us · Privacy · Copyright the ministry</footer></body></html>")


def today(hour: int = 0) -> datetime:
    now = datetime.now(UTC)
    return datetime(now.year, now.month, now.day, min(hour, now.hour), tzinfo=UTC)
