"""The local receiver of `chokewatch up --dev`: shows what a subscriber's channels would get.

It takes webhook posts on `/webhook` (checking their Standard Webhooks signature against the
secret `up --dev` keeps in the data folder) and Slack-style posts on `/slack`, prints one line
per delivery on the terminal and keeps the last few for `GET /` (a page in a browser, plain
lines for curl) and `GET /received.json`. It listens on loopback only; the services may reach
exactly its address and port over plain http for the run, nothing else that is local.
"""

from __future__ import annotations

import base64
import html
import json
import secrets
import sys
import threading
from collections import deque
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from chokewatch.shared.embedded import owner_only

HOST = "127.0.0.1"
DEFAULT_PORT = 8010
KEEP = 50  # deliveries kept for GET /
SECRET_FILE = "dev-receiver.secret"
MAX_BODY = 1_000_000


def ensure_secret(data_dir: Path) -> str:
    """The receiver's webhook secret: made once, kept owner-only, so subscribers made in an
    earlier run still verify."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        owner_only(path, "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode() + "\n")
    return path.read_text().strip()


def summary(channel: str, body: Any, signature: str) -> str:
    """One line about a delivery: what kind, whose, its score and title, the signature check."""
    now = datetime.now(UTC).strftime("%H:%M:%S")
    if not isinstance(body, dict):
        return f"{now} {channel}: a body that is not a JSON object"
    if channel == "slack":
        return f"{now} slack: {' '.join(str(body.get('text', '(no text)')).split())[:200]}"
    kind = body.get("type", "?")
    alerts = body.get("alerts") or [body.get("alert") or {}]
    if not isinstance(alerts, list):
        alerts = [{}]
    first = alerts[0] if isinstance(alerts[0], dict) else {}
    if kind == "alert.test":
        what = "test alert"
    else:
        band = first.get("band") or "?"
        what = f"{first.get('score', '?')}/100 {band}"
        if len(alerts) > 1:
            what = f"{len(alerts)} alerts, first {what}"
    elements = ",".join(first.get("elements") or []) or "-"
    title = " ".join(str(first.get("title") or "").split())[:120]
    return (f"{now} webhook {kind} to {body.get('subscriber_id', '?')}: {what} [{elements}] "
            f"{title} (signature {signature})")


class DevReceiver:
    """Thread-served HTTP receiver; `start()` it, `stop()` it."""

    def __init__(self, secret: str, port: int = DEFAULT_PORT, out: IO[str] | None = None,
                 keep: int = KEEP) -> None:
        self.secret = secret
        self.out = out or sys.stdout
        self.received: deque[dict] = deque(maxlen=keep)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer((HOST, port), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def allow_entry(self) -> str:
        """The fetch-guard allow-list entry that lets the services reach this receiver only."""
        return f"http://{HOST}:{self.port}"

    def start(self) -> DevReceiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def take(self, path: str, raw: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """Record one post; the status and body to answer."""
        channel = "webhook" if path.split("?")[0].startswith("/webhook") else \
            "slack" if path.startswith("/slack") else None
        if channel is None:
            return 404, b"post to /webhook or /slack\n"
        signature = "-"
        if channel == "webhook":
            signature = self.check_signature(raw, headers)
        try:
            body = json.loads(raw or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return 400, b"not JSON\n"
        line = summary(channel, body, signature)
        lowered = {k.lower(): v for k, v in headers.items()}
        record = {"received_at": datetime.now(UTC).isoformat(), "channel": channel, "path": path,
                  "webhook_id": lowered.get("webhook-id"), "signature": signature,
                  "headers": {k: v for k, v in lowered.items() if k.startswith("webhook-")},
                  "line": line, "body": body}
        with self._lock:
            self.received.append(record)
        print(f"chokewatch dev receiver: {line}", file=self.out, flush=True)
        if channel == "slack":
            return 200, b"ok"  # what Slack answers
        return (401, b"bad signature\n") if signature == "invalid" else (204, b"")

    def check_signature(self, raw: bytes, headers: dict[str, str]) -> str:
        lowered = {k.lower(): v for k, v in headers.items()}
        if "webhook-signature" not in lowered:
            return "missing"
        try:
            Webhook(self.secret).verify(raw, lowered)
        except WebhookVerificationError:
            return "invalid"
        return "valid"

    def listing(self) -> list[dict]:
        with self._lock:
            return list(reversed(self.received))

    def page(self, as_html: bool) -> tuple[str, bytes]:
        records = self.listing()
        if not as_html:
            lines = [r["line"] for r in records] or ["nothing received yet"]
            return "text/plain; charset=utf-8", ("\n".join(lines) + "\n").encode()
        items = "".join(f"<li><code>{html.escape(r['line'])}</code></li>" for r in records)
        doc = ("<!doctype html><html><head><meta charset=utf-8><meta http-equiv=refresh content=5>"
               "<title>chokewatch dev receiver</title></head><body>"
               f"<h1>Received here, newest first ({len(records)})</h1>"
               f"<ol>{items or '<li>nothing received yet</li>'}</ol>"
               "<p><a href=/received.json>as JSON</a></p></body></html>")
        return "text/html; charset=utf-8", doc.encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # one line per delivery is enough
                pass

            def _reply(self, code: int, body: bytes, kind: str = "text/plain") -> None:
                self.send_response(code)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("content-length") or 0)
                if length > MAX_BODY:
                    self._reply(413, b"too large\n")
                    return
                code, body = receiver.take(self.path, self.rfile.read(length),
                                           dict(self.headers.items()))
                self._reply(code, body)

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                if path == "/received.json":
                    body = json.dumps({"items": receiver.listing()}, ensure_ascii=False).encode()
                    self._reply(200, body, "application/json")
                elif path == "/":
                    kind, body = receiver.page("text/html" in self.headers.get("accept", ""))
                    self._reply(200, body, kind)
                else:
                    self._reply(404, b"GET / or /received.json\n")

        return Handler


def dev_env(env: dict[str, str], receiver: DevReceiver) -> dict[str, str]:
    """The services' settings for a `--dev` run: webhooks may reach the receiver (its address
    and port, over plain http) and a Slack channel may name it; nothing else is opened."""
    allow = [h for h in env.get("CHOKEWATCH_WEBHOOK_ALLOW_HOSTS", "").split(",") if h.strip()]
    slack = [h for h in env.get("CHOKEWATCH_SLACK_HOSTS", "hooks.slack.com,hooks.slack-gov.com")
             .split(",") if h.strip()]
    return {"CHOKEWATCH_WEBHOOK_ALLOW_HOSTS": ",".join([*allow, receiver.allow_entry()]),
            "CHOKEWATCH_SLACK_HOSTS": ",".join([*slack, HOST])}


def ready_lines(receiver: DevReceiver, secret_file: Path) -> list[str]:
    base = receiver.base_url
    return [
        f"  dev receiver {base}/ shows what arrives (plain http allowed to it for this run only)",
        f"    webhook channel: {{\"type\": \"webhook\", \"url\": \"{base}/webhook\", "
        f"\"secret\": the one in {secret_file}}}",
        f"    Slack channel:   {{\"type\": \"slack\", \"url\": \"{base}/slack\"}}",
    ]
