"""What a webhook receiver gets: the JSON bodies chokewatch POSTs, version 1.

The alert worker builds every body from these models (`services/alert/webhook.py`) and the API
describes them as its OpenAPI `webhooks`, so the document and the wire cannot drift apart.
Version 1 only ever gains fields, each with a default: a receiver ignores those it does not know.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .messages import Alert

PAYLOAD_VERSION = 1
AlertType = Literal["alert.created", "alert.updated", "alert.test"]
# An alert's kind -> the payload type it is sent as.
TYPES: dict[str, AlertType] = {"new": "alert.created", "update": "alert.updated", "test": "alert.test"}


class AlertPayload(BaseModel):
    """One alert: a new incident (`alert.created`), a later revision of one the subscriber was
    alerted of (`alert.updated`), or a test sent from the API (`alert.test`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: AlertType
    version: Literal[1] = PAYLOAD_VERSION
    subscriber_id: str
    alert: Alert


class DigestPayload(BaseModel):
    """The alerts collected over a subscriber's digest period, in one body."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal["alert.digest"] = "alert.digest"
    version: Literal[1] = PAYLOAD_VERSION
    subscriber_id: str
    digest_id: str = Field(description="the webhook-id of the digest, stable across retries")
    alerts: list[Alert]
