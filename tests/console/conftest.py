"""The console on a real API server on loopback: a client that signs in as a browser would."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.api.conftest import api, api_settings, api_url, start_api  # noqa: F401 - the same servers
from tests.api.helpers import ADMIN

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Console:
    """A signed-in console session over plain HTTP (cookies kept, redirects not followed)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=10, follow_redirects=False)

    def sign_in(self, key: str) -> httpx.Response:
        return self.http.post("/console/signin", data={"api_key": key, "next": "/console/incidents"},
                              headers={"origin": self.url})

    def csrf(self, path: str = "/console/incidents") -> str:
        page = self.http.get(path)
        assert page.status_code == 200, page.text
        return CSRF.search(page.text).group(1)

    def post(self, path: str, data: dict, *, origin: str | None = "own", csrf: str | None = "auto"):
        headers = {} if origin is None else {"origin": self.url if origin == "own" else origin}
        if csrf == "auto":
            csrf = self.csrf()
        return self.http.post(path, data={**data, **({"csrf": csrf} if csrf else {})}, headers=headers)


@pytest.fixture
def console(api_url: str) -> Iterator[Callable[[str], Console]]:  # noqa: F811
    opened: list[Console] = []

    def open_as(key: str = ADMIN) -> Console:
        c = Console(api_url)
        reply = c.sign_in(key)
        assert reply.status_code == 303, reply.text
        opened.append(c)
        return c

    yield open_as
    for c in opened:
        c.http.close()
