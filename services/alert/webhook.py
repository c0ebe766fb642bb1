"""Generic JSON webhooks, signed per the Standard Webhooks specification.

Payload (version 1, `shared/payloads.py`): {"type": "alert.created" | "alert.updated" |
"alert.test", "version": 1, "subscriber_id": ..., "alert": {...Alert...}}. The `webhook-id` header is the
alert id, stable across retries, so a receiver can drop a repeat.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
from standardwebhooks.webhooks import Webhook as Signer

from chokewatch.shared.messages import Alert
from chokewatch.shared.payloads import TYPES, AlertPayload, DigestPayload
from chokewatch.shared.profiles import WebhookChannel
from chokewatch.shared.settings import Settings

from .channels import Outcome, Rate, Request, read_status
from .endpoints import endpoint_of


class Webhook:
    """A signed JSON webhook: no rate of its own beyond the endpoint's limits."""

    type = "webhook"
    rate: Rate | None = None

    def __init__(self, config: WebhookChannel, settings: Settings) -> None:
        self.config = config
        self.limit_key = endpoint_of(config.url)  # a host is one receiver: its limits go by host

    def _request(self, message_id: str, body: bytes) -> Request:
        return Request(self.config.url, body, headers_for(message_id, body, secrets_of(self.config)))

    def alert(self, alert: Alert) -> Request:
        return self._request(alert.alert_id, payload(alert))

    def digest(self, digest_id: str, subscriber_id: str, alerts: list[Alert]) -> Request:
        return self._request(digest_id, digest_payload(digest_id, subscriber_id, alerts))

    def read(self, response: httpx.Response) -> Outcome:
        return read_status(response)


def payload(alert: Alert) -> bytes:
    body = AlertPayload(type=TYPES[alert.kind], subscriber_id=alert.subscriber_id, alert=alert)
    return _encode(body.model_dump(mode="json"))


def _encode(body: dict) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def secrets_of(channel: WebhookChannel, now: datetime | None = None) -> list[str]:
    """The secrets to sign with: the current one, plus the previous one during a rotation."""
    out = [channel.secret.get_secret_value()] if channel.secret else []
    until = channel.previous_secret_until
    if channel.previous_secret and (until is None or (now or datetime.now(UTC)) < until):
        out.append(channel.previous_secret.get_secret_value())
    return out


def headers_for(
    message_id: str, body: bytes, secrets: list[str], now: datetime | None = None
) -> dict:
    stamp = now or datetime.now(UTC)
    out = {"webhook-id": message_id, "webhook-timestamp": str(int(stamp.timestamp()))}
    if secrets:
        # One signature per secret, space-separated: a receiver accepts any one it knows.
        out["webhook-signature"] = " ".join(
            Signer(s).sign(message_id, stamp, body.decode()) for s in secrets
        )
    return out


def digest_payload(digest_id: str, subscriber_id: str, alerts: list[Alert]) -> bytes:
    body = DigestPayload(subscriber_id=subscriber_id, digest_id=digest_id, alerts=alerts)
    return _encode(body.model_dump(mode="json"))
