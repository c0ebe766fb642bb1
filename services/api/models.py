"""Request and response bodies of the API (the profile itself is shared/profiles.py).

Responses are typed models, so /openapi.json describes every body a client can receive, and
each carries an example.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from chokewatch.shared.messages import Alert, Classification, EventType, ScorePart
from chokewatch.shared.numbers import integer
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Supplier

from .timestamps import DateTime

_SUB_ID = "sub_3f9a0c1d2e4b5a69"
_AT = "2025-10-09T08:00:00Z"

PROFILE_EXAMPLE = {
    "name": "EV motors",
    "elements": {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}},
                 "Nd": {"weight": 0.8, "country_shares": {"CN": 0.85}}},
    "suppliers": [{"name": "JL Mag Rare-Earth", "country": "CN", "stage": "magnet",
                   "elements": ["Nd", "Dy"]}],
    "threshold": 40,
    "muted_event_types": ["commentary"],
    "channels": [{"type": "webhook", "url": "https://hooks.example.com/chokewatch",
                  "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},
                 {"type": "slack", "url": "https://hooks.slack.com/services/T000/B000/XXXX"}],
}
_VIEW_EXAMPLE = {
    **PROFILE_EXAMPLE,
    "id": _SUB_ID,
    "created_at": _AT,
    "updated_at": _AT,
    "version": 1,
    "channels": [{"type": "webhook", "url": "https://hooks.example.com/chokewatch", "secret": "whse…Sw"},
                 {"type": "slack", "url": "http…XX"}],
}
_ALERT_EXAMPLE = {
    "schema_version": 1, "id": "6c1e0f3b9d2a4e58b7c6d5e4f3a2b1c0",
    "correlation_id": "0b7a5c3d2e1f4a6b8c9d0e1f2a3b4c5d", "ingested_at": _AT,
    "alert_id": "alrt_5d1c2b3a4f5e6d7c", "subscriber_id": _SUB_ID, "incident_id": "inc_8e7d6c5b4a39",
    "event_id": "0b7a5c3d2e1f4a6b8c9d0e1f2a3b4c5d", "kind": "new", "incident_revision": 1,
    "score": 72.4, "parts": [{"label": "Dysprosium", "points": 72.4,
                              "reason": "weight 0.9, 95% sourced from China (the issuing country)"}],
    "elements": ["Dy"], "suppliers": [], "event_type": "mineral_export_control",
    "direction": "tightening", "status": "enacted", "title": "China adds dysprosium to export controls",
    "summary": "MOFCOM lists dysprosium among controlled items.", "source_url": None,
    "published_at": _AT, "decided_at": _AT,
}


def _example(example: dict) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class Problem(BaseModel):
    """Every error that is not a field validation error."""

    model_config = _example({"detail": "no subscriber 'sub_3f9a0c1d2e4b5a69'"})

    detail: Any = Field(description="what went wrong, in words")


# --- subscribers ----------------------------------------------------------------------------
class WebhookChannelView(BaseModel):
    type: Literal["webhook"] = "webhook"
    url: str
    secret: str | None = Field(default=None, description="masked; never returned in full")


class SlackChannelView(BaseModel):
    type: Literal["slack"] = "slack"
    url: str = Field(description="masked; never returned in full")


class SubscriberView(BaseModel):
    """A stored subscriber as the API shows it: secrets masked."""

    model_config = _example(_VIEW_EXAMPLE)

    id: str
    name: str
    elements: dict[str, ElementExposure]
    suppliers: list[Supplier]
    threshold: float
    muted_event_types: list[EventType]
    channels: list[Annotated[WebhookChannelView | SlackChannelView, Field(discriminator="type")]]
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(description="raised by every change; the ETag is its quoted form")


class SubscriberOut(BaseModel):
    model_config = _example({"subscriber": _VIEW_EXAMPLE})

    subscriber: SubscriberView


class SubscriberCreated(SubscriberOut):
    model_config = _example({"subscriber": _VIEW_EXAMPLE, "api_key": "cwk_q8Xb…(43 characters)"})

    api_key: str = Field(description="the subscriber's own key: shown once, store it now")


class SubscriberPage(BaseModel):
    model_config = _example({"items": [_VIEW_EXAMPLE], "next_cursor": _SUB_ID})

    items: list[SubscriberView]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null at the end")


class KeyIssued(BaseModel):
    model_config = _example({"api_key": "cwk_q8Xb…(43 characters)"})

    api_key: str = Field(description="shown once; the previous key stopped working")


# --- alerts ---------------------------------------------------------------------------------
class HistoryRecord(BaseModel):
    model_config = _example({"alert": _ALERT_EXAMPLE, "status": "delivered", "channels": [],
                             "updated_at": _AT})

    alert: Alert
    status: str = Field(description="pending, retrying, delivered or failed")
    channels: list[dict[str, Any]] = Field(default_factory=list, description="per-channel outcome")
    updated_at: AwareDatetime | None = None


class AlertPage(BaseModel):
    model_config = _example({"items": [{"alert": _ALERT_EXAMPLE, "status": "delivered",
                                        "channels": [], "updated_at": _AT}],
                             "next_cursor": "1759996800.0:1"})

    items: list[HistoryRecord]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; null at the end. A filtered page may "
        "hold fewer than `limit` items before the end"
    )


class TestAlertQueued(BaseModel):
    model_config = _example({"alert_id": "alrt_test_5d1c2b3a4f5e6d7c", "status": "queued"})

    alert_id: str
    status: Literal["queued"] = "queued"


PREVIEW_MAX_CHARS = 200_000  # classifying takes time in proportion: a bound on one request's work


class PreviewIn(BaseModel):
    """Either a text to classify, or a classification already made (an event)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"title": "China adds dysprosium to export control list",
         "text": "MOFCOM said dysprosium and terbium exports need a licence from today."},
    ], "oneOf": [  # exactly one of the two inputs, as _one_input checks
        {"required": ["text"],
         "properties": {"text": {"type": "string"}, "classification": {"type": "null"}}},
        {"required": ["classification"],
         "properties": {"classification": {"type": "object"}, "text": {"type": "null"}}},
    ]})

    text: str | None = Field(default=None, min_length=1, max_length=PREVIEW_MAX_CHARS,
                             description="a text to classify (at most 200,000 characters)")
    title: str = Field(default="", max_length=2_000)
    classification: Classification | None = None

    @model_validator(mode="after")
    def _one_input(self) -> PreviewIn:
        if (self.text is None) == (self.classification is None):
            raise ValueError("send exactly one of `text` or `classification`")
        return self


class Scored(BaseModel):
    score: float = Field(ge=0, le=100)
    would_alert: bool
    reason: str
    parts: list[ScorePart]
    elements: list[str]
    suppliers: list[str]


class PreviewOut(Scored):
    model_config = _example({
        "score": 72.4, "would_alert": True, "reason": "score 72.4 ≥ threshold 40",
        "parts": _ALERT_EXAMPLE["parts"], "elements": ["Dy"], "suppliers": [],
        "classification": {"elements": ["Dy", "Tb"], "event_type": "mineral_export_control",
                           "direction": "tightening", "issuer": "CN", "status": "enacted",
                           "severity": 0.8},
    })

    classification: Classification


class BacktestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"days": 30}, {"days": 7, "profile": PROFILE_EXAMPLE},
    ]})

    days: integer(ge=1, le=365) = Field(default=30, description="look back this many days")
    profile: ProfileSpec | None = Field(
        default=None, description="try this profile instead of the stored one"
    )


class BacktestLine(Scored):
    incident_id: str
    event_id: str
    title: str
    event_type: EventType
    published_at: AwareDatetime | None = None
    ingested_at: AwareDatetime = Field(description="when the event entered chokewatch")


class BacktestOut(BaseModel):
    model_config = _example({
        "since": _AT, "events": 214, "incidents": 57, "would_alert": 1, "truncated": False,
        "items": [{"incident_id": "inc_8e7d6c5b4a39", "event_id": "0b7a5c3d2e1f4a6b8c9d0e1f2a3b4c5d",
                   "title": "China adds dysprosium to export controls",
                   "event_type": "mineral_export_control", "published_at": _AT,
                   "ingested_at": _AT, "score": 72.4, "would_alert": True,
                   "reason": "score 72.4 ≥ threshold 40", "parts": _ALERT_EXAMPLE["parts"],
                   "elements": ["Dy"], "suppliers": []}],
    })

    since: AwareDatetime
    events: int = Field(description="classified events read")
    incidents: int = Field(description="distinct incidents among them")
    would_alert: int = Field(description="incidents that would have been alerted")
    truncated: bool = Field(description="true when the scan stopped at its limit before the end")
    items: list[BacktestLine] = Field(description="one line per alerted incident, highest score first")


# --- events ---------------------------------------------------------------------------------
class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"title": "China adds dysprosium to export control list",
         "text": "MOFCOM said dysprosium and terbium exports need a licence from today.",
         "source_url": "https://example.com/news/1", "published_at": _AT},
    ]})

    text: str = Field(min_length=1, description="the article or notice text")
    title: str = Field(default="", max_length=2_000)
    source_url: str | None = Field(default=None, max_length=4_000)
    published_at: DateTime | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or only whitespace")
        return value


class EventAccepted(BaseModel):
    model_config = _example({"event_id": "0b7a5c3d2e1f4a6b8c9d0e1f2a3b4c5d",
                             "correlation_id": "0b7a5c3d2e1f4a6b8c9d0e1f2a3b4c5d",
                             "status": "accepted"})

    event_id: str
    correlation_id: str
    status: Literal["accepted", "duplicate"] = Field(
        default="accepted", description="duplicate: this Idempotency-Key was seen; nothing resubmitted"
    )


# --- operations -----------------------------------------------------------------------------
class Health(BaseModel):
    model_config = _example({"status": "ok"})

    status: Literal["ok"] = "ok"


class Ready(BaseModel):
    model_config = _example({"status": "ready"})

    status: Literal["ready"] = "ready"


class AuditEntry(BaseModel):
    model_config = _example({"id": "1759996800000-0", "at": _AT, "actor": "admin",
                             "action": "subscriber.patched", "subscriber_id": _SUB_ID,
                             "fields": ["threshold"], "version": 3,
                             "request_id": "5b0c2d8e9f1a4b3c"})

    id: str = Field(description="stream entry id; also the pagination cursor")
    at: AwareDatetime
    actor: str = Field(description="'admin' or the subscriber id whose key made the change")
    action: str
    subscriber_id: str
    fields: list[str] = Field(description="names of the fields that changed (never their values)")
    version: int | None = Field(description="the subscriber's version after the change")
    request_id: str | None = None


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_cursor: str | None
