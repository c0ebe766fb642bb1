"""Webhook connections are reused only for the host name they were opened for.

Every request goes to the address the guard checked, so a pool keyed by address alone would let
one host's connection (its TLS session, for https) carry another host name's request.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chokewatch.services.alert.channels import Outcome, Request
from chokewatch.services.alert.sender import Sender
from chokewatch.shared.worker import Runtime


class KeepAlive(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []  # (Host header, the client's port)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # connections stay open between requests

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("content-length") or 0))
                outer.seen.append((self.headers["host"].split(":")[0], self.client_address[1]))
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def server() -> Iterator[KeepAlive]:
    srv = KeepAlive()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


class Plain:
    type = "webhook"
    rate = None
    limit_key = "plain"

    def read(self, response) -> Outcome:
        return Outcome(response.status_code == 200, status=response.status_code)


async def test_a_connection_serves_one_host_name_only(settings, redis, names, server):
    sender = Sender(Runtime(settings, redis, names))

    async def same_address(host: str, port: int) -> list:  # both names point at the server
        return [ipaddress.ip_address("127.0.0.1")]

    sender.guard.resolve = same_address
    port = server.server_address[1]
    try:
        for host in ("a.example", "a.example", "b.example", "a.example"):
            request = Request(f"http://{host}:{port}/hook", b"{}", {})
            assert (await sender.send(Plain(), request)).delivered
    finally:
        await sender.aclose()
    ports = {host: {p for h, p in server.seen if h == host} for host in ("a.example", "b.example")}
    assert [h for h, _ in server.seen] == ["a.example", "a.example", "b.example", "a.example"]
    assert len(ports["a.example"]) == 1  # a's connection was kept for a
    assert ports["a.example"].isdisjoint(ports["b.example"])  # and never lent to b
