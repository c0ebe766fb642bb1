"""Outgoing requests of source polls, with every limit applied: the product's User-Agent, a
time limit per request, a size limit on the decoded body, a bounded number of redirects (http
and https only), conditional requests, and one request at a time per host (politeness.py).

Every request, whether to a source's own location, to a page or document its content links to,
or to a redirect's target, passes the fetch guard (shared/fetchguard.py) first and is sent to
the address the guard checked: nothing a feed or a redirect names can reach a private,
loopback, link-local or metadata address unless the operator's allow-list names it.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from chokewatch.shared.fetchguard import FetchGuard, Pinned, UnsafeTarget
from chokewatch.shared.settings import Settings
from chokewatch.shared.telemetry import FETCH_SECONDS

from .listing import (
    BadStatus,
    ConnectionFailed,
    FetchTimeout,
    Refused,
    SourceError,
    TooLarge,
    TooManyRedirects,
)
from .politeness import HostTurns

REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(slots=True)
class Fetched:
    url: str  # where the body finally came from, after redirects
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        charset = _charset(self.headers.get("content-type", "")) or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def retry_after_s(value: str | None) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Fetcher:
    def __init__(self, settings: Settings, turns: HostTurns,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.turns = turns
        self.guard = FetchGuard(settings.fetch_allow_hosts, allow_http=True)
        self.timeout_s = settings.fetch_timeout_s
        self.max_bytes = settings.fetch_max_bytes
        self.max_redirects = settings.fetch_max_redirects
        self.client = httpx.AsyncClient(
            follow_redirects=False,  # followed here, so every hop gets the limits and a turn
            timeout=httpx.Timeout(settings.fetch_timeout_s),
            headers={"user-agent": settings.user_agent, "accept-encoding": "gzip, deflate"},
            transport=transport,
            trust_env=False,
            # Requests go to checked addresses, and a pool keyed by address would hand one host's
            # connection (its TLS name) to another host on the same address: none is kept.
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get_if_changed(self, url: str, *, kind: str, accept: str,
                             state: dict[str, str]) -> Fetched:
        """GET a source's location conditionally, with the validators its last poll stored."""
        return await self.get(url, kind=kind, accept=accept, etag=state.get("etag") or None,
                              last_modified=state.get("last_modified") or None)

    async def get(self, url: str, *, kind: str, accept: str = "*/*", etag: str | None = None,
                  last_modified: str | None = None) -> Fetched:
        """GET a URL. A 304 comes back as a Fetched with not_modified; errors raise SourceError."""
        headers = {"accept": accept}
        if etag:
            headers["if-none-match"] = etag
        if last_modified:
            headers["if-modified-since"] = last_modified
        for _hop in range(self.max_redirects + 1):
            scheme = urlsplit(url).scheme.lower()
            host = urlsplit(url).netloc.lower()
            if scheme not in ("http", "https") or not host:
                raise SourceError(f"cannot fetch {url!r}: only http and https URLs")
            try:  # each hop: a redirect is checked like the URL that led to it
                pinned = await self.guard.pin(url)
            except UnsafeTarget as exc:
                raise Refused(f"refused to fetch {exc}") from None
            async with self.turns.turn(host):
                fetched = await self._one(url, pinned, headers, kind)
            location = fetched.headers.get("location")
            if fetched.status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            if fetched.status == 304 or 200 <= fetched.status < 300:
                return fetched
            raise BadStatus(fetched.status, url, retry_after_s(fetched.headers.get("retry-after")))
        raise TooManyRedirects(f"more than {self.max_redirects} redirects from {url}")

    async def _one(self, url: str, pinned: Pinned, headers: dict[str, str], kind: str) -> Fetched:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout_s):  # the whole exchange, body included
                async with self.client.stream(
                    "GET", pinned.url, headers={**headers, "host": pinned.host},
                    extensions={"sni_hostname": pinned.server_name},
                ) as reply:
                    got = {k.lower(): v for k, v in reply.headers.items()}
                    if reply.status_code in REDIRECTS or reply.status_code == 304 or reply.status_code >= 400:
                        return Fetched(url, reply.status_code, b"", got)
                    declared = got.get("content-length", "")
                    if declared.isdigit() and int(declared) > self.max_bytes:
                        raise TooLarge(f"{url} declares {declared} bytes; the limit is {self.max_bytes}")
                    body = bytearray()
                    async for chunk in reply.aiter_bytes():  # decoded: a compressed bomb stops here too
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise TooLarge(f"{url} sent more than {self.max_bytes} bytes")
                    return Fetched(url, reply.status_code, bytes(body), got)
        except TimeoutError:
            raise FetchTimeout(f"{url} did not answer within {self.timeout_s:g} s") from None
        except httpx.TimeoutException:
            raise FetchTimeout(f"{url} did not answer within {self.timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise ConnectionFailed(f"{url}: {type(exc).__name__}: {exc}") from None
        finally:
            FETCH_SECONDS.labels(kind).observe(time.perf_counter() - started)
