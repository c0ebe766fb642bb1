"""Generic JSON webhooks, signed per the Standard Webhooks specification.

Payload (version 1): {"type": "alert.created" | "alert.updated" | "alert.test",
"version": 1, "subscriber_id": ..., "alert": {...Alert...}}. The `webhook-id` header is the
alert id, stable across retries, so a receiver can drop a repeat.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from chokewatch.shared.messages import Alert
from standardwebhooks.webhooks import Webhook

PAYLOAD_VERSION = 1


def payload(alert: Alert) -> bytes:
    kind = "alert.test" if alert.incident_id.startswith("test_") else (
        "alert.updated" if alert.kind == "update" else "alert.created"
    )
    body = {
        "type": kind,
        "version": PAYLOAD_VERSION,
        "subscriber_id": alert.subscriber_id,
        "alert": alert.model_dump(mode="json"),
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def headers(alert: Alert, body: bytes, secret: str | None, now: datetime | None = None) -> dict:
    stamp = now or datetime.now(UTC)
    out = {"webhook-id": alert.alert_id, "webhook-timestamp": str(int(stamp.timestamp()))}
    if secret:
        out["webhook-signature"] = Webhook(secret).sign(alert.alert_id, stamp, body.decode())
    return out
