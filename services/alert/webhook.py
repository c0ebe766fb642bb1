"""Generic JSON webhooks, signed per the Standard Webhooks specification.

Payload (version 1): {"type": "alert.created" | "alert.updated" | "alert.test",
"version": 1, "subscriber_id": ..., "alert": {...Alert...}}. The `webhook-id` header is the
alert id, stable across retries, so a receiver can drop a repeat.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook

from chokewatch.shared.messages import Alert
from chokewatch.shared.profiles import WebhookChannel

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


def secrets_of(channel: WebhookChannel, now: datetime | None = None) -> list[str]:
    """The secrets to sign with: the current one, plus the previous one during a rotation."""
    out = [channel.secret.get_secret_value()] if channel.secret else []
    until = channel.previous_secret_until
    if channel.previous_secret and (until is None or (now or datetime.now(UTC)) < until):
        out.append(channel.previous_secret.get_secret_value())
    return out


def headers(alert: Alert, body: bytes, secrets: list[str], now: datetime | None = None) -> dict:
    return headers_for(alert.alert_id, body, secrets, now)


def headers_for(
    message_id: str, body: bytes, secrets: list[str], now: datetime | None = None
) -> dict:
    stamp = now or datetime.now(UTC)
    out = {"webhook-id": message_id, "webhook-timestamp": str(int(stamp.timestamp()))}
    if secrets:
        # One signature per secret, space-separated: a receiver accepts any one it knows.
        out["webhook-signature"] = " ".join(
            Webhook(s).sign(message_id, stamp, body.decode()) for s in secrets
        )
    return out


def digest_payload(digest_id: str, subscriber_id: str, alerts: list[Alert]) -> bytes:
    body = {
        "type": "alert.digest",
        "version": PAYLOAD_VERSION,
        "subscriber_id": subscriber_id,
        "digest_id": digest_id,
        "alerts": [a.model_dump(mode="json") for a in alerts],
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
