"""The API on a real uvicorn server on loopback, against the session's real Redis."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from chokewatch.services.api.app import create_app
from chokewatch.shared.embedded import free_port
from chokewatch.shared.settings import Settings

from .helpers import ADMIN


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "API did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture
def api_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={
        "admin_key": SecretStr(ADMIN), "max_event_bytes": 20_000, "api_rate_per_minute": 100_000,
    })


@pytest.fixture
def start_api(api_settings: Settings) -> Iterator[Callable[..., httpx.Client]]:
    """Start an API with some settings changed; returns a client bound to it."""
    with_stack: list = []

    def start(**changes) -> httpx.Client:
        cm = serving(api_settings.model_copy(update=changes))
        url = cm.__enter__()
        client = httpx.Client(base_url=url, timeout=10)
        with_stack.append((cm, client))
        return client

    yield start
    for cm, client in reversed(with_stack):
        client.close()
        cm.__exit__(None, None, None)


@pytest.fixture
def api_url(api_settings: Settings) -> Iterator[str]:
    with serving(api_settings) as url:
        yield url


@pytest.fixture
def api(api_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_url, timeout=10) as client:
        yield client
