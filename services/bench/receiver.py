"""A lean webhook receiver for the pipeline benchmark, run as its own process.

The demo's receiver (http.server, a thread per connection, signature checks) costs more CPU per
request than the alert service spends sending one, so under load it would be the bottleneck
being measured. This one is a bare asyncio HTTP/1.1 server with keep-alive: for every POST it
notes the webhook-id, the arrival time and the alert's `ingested_at`, and answers 204. It does
not verify signatures (the fault suite's receiver does). `GET /stats` gives counts and
`GET /records` every arrival as `[webhook_id, received_at, ingested_at]` (epoch seconds).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from datetime import datetime

NO_CONTENT = b"HTTP/1.1 204 No Content\r\n\r\n"


class Store:
    def __init__(self) -> None:
        self.records: list[tuple[str, float, float]] = []
        self.ids: set[str] = set()

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


async def _serve(store: Store, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
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
                store.note(headers.get("webhook-id", ""), body)
                writer.write(NO_CONTENT)
            elif path == "/stats":
                writer.write(_reply(json.dumps(
                    {"received": len(store.records), "unique": len(store.ids)}).encode()))
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


async def main(port: int) -> None:
    store = Store()
    server = await asyncio.start_server(lambda r, w: _serve(store, r, w), "127.0.0.1", port,
                                        backlog=1024)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
