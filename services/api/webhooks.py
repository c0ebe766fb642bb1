"""The requests a subscriber's webhook receives, as OpenAPI `webhooks`: the bodies are the models
the alert worker sends (`shared/payloads.py`), the headers those of Standard Webhooks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from chokewatch.shared.payloads import AlertPayload, DigestPayload

router = APIRouter()

WebhookId = Annotated[str, Header(alias="webhook-id", description=(
    "the alert id (the digest id for a digest), the same on every retry: drop one you have seen"))]
WebhookTimestamp = Annotated[str, Header(alias="webhook-timestamp",
                                         description="Unix seconds of the attempt")]
WebhookSignature = Annotated[str, Header(alias="webhook-signature", description=(
    "`v1,<base64 HMAC-SHA256>` per secret, space-separated (two during a secret rotation), over "
    "`<webhook-id>.<webhook-timestamp>.<body>` with the channel's `whsec_` secret"))]

REPLIES = {
    200: {"description": "any 2xx: delivered"},
    410: {"description": "other 4xx (except 408, 429): a configuration error, not retried"},
    503: {"description": "408, 429 (honouring `Retry-After`), 5xx and timeouts: retried with backoff"},
}


@router.post("alert", operation_id="receiveAlert", status_code=200, responses=REPLIES)
def alert(body: AlertPayload, webhook_id: WebhookId, webhook_timestamp: WebhookTimestamp,
          webhook_signature: WebhookSignature) -> None:
    """An alert to one subscriber: `alert.created` for an incident it was not told of,
    `alert.updated` for a later revision that raised the score or flipped the direction,
    `alert.test` sent from `POST /v1/subscribers/{id}/test-alert`."""


@router.post("alert.digest", operation_id="receiveDigest", status_code=200, responses=REPLIES)
def digest(body: DigestPayload, webhook_id: WebhookId, webhook_timestamp: WebhookTimestamp,
           webhook_signature: WebhookSignature) -> None:
    """The alerts collected over the subscriber's digest period (`digest.every_minutes`), in one body."""
