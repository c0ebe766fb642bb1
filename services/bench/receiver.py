"""A lean webhook receiver for the pipeline benchmark, run as its own process.

The demo's receiver (http.server, a thread per connection, signature checks) costs more CPU per
request than the alert service spends sending one, so under load it would be the bottleneck
being measured. This one is a bare asyncio HTTP/1.1 server with keep-alive: for every POST it
notes the webhook-id, the arrival time and the alert's `ingested_at`, and answers 204. It does
not verify signatures (the fault suite's receiver does). `GET /stats` gives counts and
`GET /records` every arrival as `[webhook_id, received_at, ingested_at]` (epoch seconds).

For the storm it can also stand for many endpoints at once (`--endpoints N`: N more ports, each
a host of its own to the sender), answer every POST after a delay (`--delay-ms`), and refuse the
first few POSTs of some endpoints with 429 and `Retry-After` (`--throttled`, `--throttle-first`).
A request without a webhook-id (a Slack message) is known by its path. Only accepted POSTs are
recorded. The ready line lists the extra ports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from dataclasses import dataclass
from datetime import datetime

NO_CONTENT = b"HTTP/1.1 204 No Content\r\n\r\n"


@dataclass
class Policy:
    """How one listening port answers POSTs."""

    delay_s: float = 0.0
    refuse_first: int = 0  # POSTs answered 429 before the first one accepted
    refused: int = 0


TOO_MANY = b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ncontent-length: 0\r\n\r\n"


class Store:
    def __init__(self) -> None:
        self.records: list[tuple[str, float, float]] = []
        self.ids: set[str] = set()
        self.policies: list[Policy] = []

    def note(self, webhook_id: str, body: bytes) -> None:
        received = time.time()
        try:
            stamp = json.loads(body)["alert"]["ingested_at"]
            ingested = datetime.fromisoformat(stamp).timestamp()
        except (ValueError, KeyError, TypeError):
            ingested = float("nan")
        self.records.append((webhook_id, received, ingested))
        self.ids.add(webhook_id)


def _reply(body: bytes) -> bytes:
    head = f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    return head.encode() + body


async def _answer_post(store: Store, policy: Policy, key: str, body: bytes) -> bytes:
    if policy.delay_s:
        await asyncio.sleep(policy.delay_s)
    if policy.refused < policy.refuse_first:
        policy.refused += 1
        return TOO_MANY
    store.note(key, body)
    return NO_CONTENT


async def _serve(store: Store, policy: Policy, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ", 2)[:2]
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            if method == "POST":
                key = headers.get("webhook-id") or path
                writer.write(await _answer_post(store, policy, key, body))
            elif path == "/stats":
                refused = sum(p.refused for p in store.policies)
                writer.write(_reply(json.dumps({"received": len(store.records),
                                                "unique": len(store.ids), "refused": refused}).encode()))
            elif path == "/records":
                writer.write(_reply(json.dumps(store.records).encode()))
            else:
                writer.write(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n")
            if headers.get("connection", "").lower() == "close":
                break
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError, ValueError):
        pass
    finally:
        writer.close()


async def _listen(store: Store, policy: Policy, port: int) -> asyncio.Server:
    store.policies.append(policy)
    return await asyncio.start_server(lambda r, w: _serve(store, policy, r, w), "127.0.0.1", port,
                                      backlog=1024)


async def main(args: argparse.Namespace) -> None:
    store = Store()
    delay = args.delay_ms / 1000
    servers = [await _listen(store, Policy(delay), args.port)]
    for n in range(args.endpoints):
        refuse = args.throttle_first if n < args.throttled else 0
        servers.append(await _listen(store, Policy(delay, refuse), 0))
    extra = [s.sockets[0].getsockname()[1] for s in servers[1:]]
    print("ready " + json.dumps(extra) if extra else "ready", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="the benchmark's webhook receiver")
    parser.add_argument("port", type=int, help="the port that also answers /stats and /records")
    parser.add_argument("--endpoints", type=int, default=0, help="more ports, one endpoint each")
    parser.add_argument("--delay-ms", type=float, default=0.0, help="wait before each answer")
    parser.add_argument("--throttled", type=int, default=0, help="extra ports that answer 429 first")
    parser.add_argument("--throttle-first", type=int, default=0, help="how many 429s each answers")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(arguments()))
