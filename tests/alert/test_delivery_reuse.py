"""Delivery reuses what it parsed and the pools it opened, without changing what is sent:
a profile is parsed again once its stored JSON changes, and a request through a pool carries
the headers a client would add and keeps the configured timeout."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chokewatch.services.alert.channels import Request
from chokewatch.services.alert.deliver import Deliverer
from chokewatch.services.alert.sender import Sender
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.worker import Runtime
from tests.alert.test_sender_pools import Plain  # a bare webhook channel, one for every sender test


def profile(url: str) -> Subscriber:
    now = datetime.now(UTC)
    return Subscriber(id="sub_r", created_at=now, updated_at=now, name="magnets",
                      elements={"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}},
                      channels=[{"type": "webhook", "url": url, "secret": "whsec_" + "A" * 32}])


async def test_a_profile_is_parsed_once_until_its_stored_json_changes(settings, redis, names):
    deliverer = Deliverer(Runtime(settings, redis, names))
    first = profile("https://hooks.example.com/a").storable()
    one = deliverer._profile("sub_r", first)
    assert deliverer._profile("sub_r", first) is one  # the same JSON: the parsed profile again
    changed = profile("https://hooks.example.com/b").storable()
    two = deliverer._profile("sub_r", changed)
    assert two is not one and str(two.channels[0].url) == "https://hooks.example.com/b"
    assert two.channels[0].secret.get_secret_value() == "whsec_" + "A" * 32  # opened as stored


class Recording(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, delay_s: float = 0.0) -> None:
        self.headers_seen: list[dict[str, str]] = []
        self.bodies: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                outer.bodies.append(self.rfile.read(int(self.headers.get("content-length") or 0)))
                outer.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
                threading.Event().wait(delay_s)
                self.send_response(200)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def serve() -> Iterator:
    servers = []

    def start(delay_s: float = 0.0) -> Recording:
        srv = Recording(delay_s)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


async def test_a_request_through_a_pool_carries_what_a_client_sent(settings, redis, names, serve):
    server = serve()
    sender = Sender(Runtime(settings.model_copy(update={"webhook_allow_hosts": ["127.0.0.1"],
                                                        "webhook_allow_http": True}),
                            redis, names))
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        outcome = await sender.send(Plain(), Request(url, b'{"a":1}', {"webhook-id": "w1"}))
    finally:
        await sender.aclose()
    assert outcome.delivered and server.bodies == [b'{"a":1}']
    seen = server.headers_seen[0]
    assert seen["user-agent"] == "chokewatch-alerts/1"
    assert seen["content-type"] == "application/json"
    assert seen["webhook-id"] == "w1"
    assert seen["host"] == f"127.0.0.1:{server.server_address[1]}"


async def test_a_slow_endpoint_times_out_through_a_pool(settings, redis, names, serve):
    server = serve(delay_s=1.5)
    sender = Sender(Runtime(settings.model_copy(update={"webhook_allow_hosts": ["127.0.0.1"],
                                                        "webhook_allow_http": True,
                                                        "webhook_timeout_s": 0.3}),
                            redis, names))
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        outcome = await asyncio.wait_for(sender.send(Plain(), Request(url, b"{}", {})), 10)
    finally:
        await sender.aclose()
    assert not outcome.delivered and outcome.retry and outcome.reason == "timed out"
