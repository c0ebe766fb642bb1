"""A local HTTP receiver for alerts: verifies Standard Webhooks signatures, counts by webhook-id.

The demo prints what it received; the tests use it as a real endpoint on loopback and can make
it fail, answer 429, or hang, to exercise retries.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Delivery:
    path: str
    webhook_id: str | None
    body: dict
    verified: bool | None  # None: no secret registered for this path
    received_at: float = field(default_factory=time.time)


class Receiver:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.deliveries: list[Delivery] = []
        self.secrets: dict[str, str] = {}  # path -> whsec_ secret
        self.fail_next: dict[str, list[int]] = {}  # path -> status codes to answer first
        self.hang_paths: set[str] = set()
        self.slack_paths: set[str] = set()  # behave like a Slack incoming webhook
        self.hanging = 0  # requests held open right now
        self.rejected: list[tuple[str, int, str]] = []  # (path, status, why)
        self._last_slack: dict[str, float] = {}
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test and demo output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length)
                if len(raw) < length:  # the sender went away mid-request: nothing was delivered
                    self.close_connection = True
                    return
                code = receiver._answer(self.path, raw, dict(self.headers.items()))
                if code is None:
                    with receiver._lock:
                        receiver.hanging += 1
                    time.sleep(30)
                    with receiver._lock:
                        receiver.hanging -= 1
                    code = 504
                self.send_response(code)
                if code == 429:
                    self.send_header("Retry-After", "1")
                self.send_header("content-length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _answer(self, path: str, raw: bytes, headers: dict[str, str]) -> int | None:
        with self._lock:
            if path in self.hang_paths:
                return None
            queued = self.fail_next.get(path)
            if queued:
                return queued.pop(0)
            secret = self.secrets.get(path)
        verified = None
        if secret:
            try:
                Webhook(secret).verify(raw, headers)
                verified = True
            except WebhookVerificationError:
                verified = False
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            return 400
        if path in self.slack_paths:
            refusal = self._slack_refusal(path, body)
            if refusal:
                with self._lock:
                    self.rejected.append((path, *refusal))
                return refusal[0]
        lowered = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            self.deliveries.append(Delivery(path, lowered.get("webhook-id"), body, verified))
        return 401 if verified is False else 204

    def _slack_refusal(self, path: str, body: dict) -> tuple[int, str] | None:
        """Slack's rules for incoming webhooks: one message a second, block and text limits."""
        now = time.monotonic()
        with self._lock:
            last = self._last_slack.get(path)
            if last is not None and now - last < 1.0:
                return 429, "more than one message a second"
            self._last_slack[path] = now
        blocks = body.get("blocks", [])
        if not body.get("text"):
            return 400, "no text fallback"
        if len(blocks) > 50:
            return 400, "more than 50 blocks"
        for block in blocks:
            text = (block.get("text") or {}).get("text", "")
            if block.get("type") == "header" and len(text) > 150:
                return 400, "header over 150 characters"
            if block.get("type") == "section" and len(text) > 3000:
                return 400, "section over 3000 characters"
            for element in block.get("elements", []):
                if block.get("type") == "context" and len(element.get("text", "")) > 3000:
                    return 400, "context element over 3000 characters"
                if element.get("type") == "button":
                    if len(element["text"]["text"]) > 75:
                        return 400, "button text over 75 characters"
                    if len(element.get("url", "")) > 3000:
                        return 400, "button url over 3000 characters"
        return None

    def received(self, path: str | None = None) -> list[Delivery]:
        with self._lock:
            return [d for d in self.deliveries if path is None or d.path == path]

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
