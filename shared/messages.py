"""The messages that travel between services, one pydantic model per stream hop.

submitted/raw:  RawEvent        (api or files -> ingest -> classify)
classified:     ClassifiedEvent (classify -> alert)
alerts:         Alert           (alert decision -> alert delivery)

Every message carries its own id, the correlation id of the event it descends from, the time
that event entered the system and the schema version; a consumer rejects a version it does not
know rather than guessing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from .elements import ELEMENTS
from .numbers import Number

SCHEMA_VERSION = 1


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class EventType(StrEnum):
    mineral_export_control = "mineral_export_control"
    chip_export_control = "chip_export_control"
    tariff = "tariff"
    trade_talks = "trade_talks"
    sanctions = "sanctions"
    supply_disruption = "supply_disruption"
    industrial_policy = "industrial_policy"
    commentary = "commentary"
    not_relevant = "not_relevant"


class Direction(StrEnum):
    tightening = "tightening"
    easing = "easing"
    neutral = "neutral"


class Status(StrEnum):
    enacted = "enacted"
    announced = "announced"
    speculation = "speculation"


# A score's band, lowest first; the bounds are `BANDS` in `core/score.py` (README, Scoring).
Band = Literal["low", "medium", "high", "critical"]
TEST_BAND = "test"  # a test alert's mark in place of a band: it has no score to speak of


class Message(BaseModel):
    """Fields every message carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(default_factory=new_id, min_length=1, max_length=200)
    correlation_id: str = Field(min_length=1, max_length=200)
    ingested_at: AwareDatetime


class RawEvent(Message):
    """A text as it entered the system, before any interpretation."""

    title: str = Field(default="", max_length=2_000)
    text: str = Field(min_length=1, max_length=1_000_000)
    source_url: str | None = Field(default=None, max_length=4_000)
    published_at: AwareDatetime | None = None
    source: str = Field(default="api", max_length=200, description="api, file:NAME, feed:NAME")
    content_hash: str | None = Field(default=None, description="set by ingest for dedup")
    submitted_by: str | None = Field(
        default=None, max_length=200,
        description="who put the event in: admin, publisher:NAME, source:NAME or cli",
    )
    alert_after: AwareDatetime | None = Field(
        default=None,
        description="backfill cut-off: an event published before it is classified and stored, "
        "but alerts no one",
    )

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or only whitespace")
        return value


def _check_elements(values: list[str]) -> list[str]:
    unknown = [v for v in values if v not in ELEMENTS]
    if unknown:
        raise ValueError(f"unknown element identifiers: {unknown}")
    return sorted(set(values))


class Classification(BaseModel):
    """What the classifier reads in one text (README, How a text is read)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    elements: list[str] = Field(default_factory=list, json_schema_extra={
        "items": {"type": "string", "enum": sorted(ELEMENTS)}})  # as _elements_known checks
    event_type: EventType
    direction: Direction = Direction.neutral
    issuer: str | None = Field(default=None, description="ISO alpha-2, EU, multiple or null")
    status: Status | None = None
    chips_involved: bool = False
    severity: Number = Field(default=0.0, ge=0.0, le=1.0)
    stages: list[str] = Field(default_factory=list)
    companies: list[str] = Field(default_factory=list)
    effective_date: date | None = None
    incident_id: str | None = None
    evidence: dict[str, list[str]] = Field(
        default_factory=dict, description="field name -> the phrases that decided it"
    )

    @field_validator("elements")
    @classmethod
    def _elements_known(cls, value: list[str]) -> list[str]:
        return _check_elements(value)


class CourseStep(BaseModel):
    """One step an incident went through: the report that opened it, or one that raised its
    revision (a higher status or a flipped direction)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    revision: int = Field(ge=1)
    status: Status | None = None
    direction: Direction = Direction.neutral
    event_type: EventType | None = None
    published_at: AwareDatetime | None = None


class ClassifiedEvent(Message):
    """A raw event with its classification and incident."""

    event_id: str = Field(description="id of the RawEvent this came from")
    title: str = ""
    summary: str = Field(default="", max_length=1_000)
    source_url: str | None = None
    published_at: AwareDatetime | None = None
    classification: Classification
    incident_revision: int = Field(
        default=1, ge=1, description="bumped when a later text escalates or flips the incident"
    )
    course: list[CourseStep] = Field(
        default_factory=list, description="the incident's steps up to this event's revision"
    )
    alert_after: AwareDatetime | None = Field(default=None, description="see RawEvent.alert_after")
    submitted_by: str | None = Field(default=None, description="see RawEvent.submitted_by")
    source: str | None = Field(default=None, max_length=200, description="see RawEvent.source")


class ScorePart(BaseModel):
    """One term of a score, in words a buyer understands."""

    model_config = ConfigDict(frozen=True)

    label: str
    points: float
    reason: str


class Alert(Message):
    """One decision to tell one subscriber about one incident (or an update of it)."""

    alert_id: str = Field(
        description="stable per (subscriber, incident, revision); the webhook-id; one payload per id"
    )
    subscriber_id: str
    incident_id: str
    event_id: str
    kind: Literal["new", "update", "test"] = Field(
        default="new", description="test: sent from the API to try the channels; never held or collected"
    )
    incident_revision: int = 1
    score: float = Field(ge=0, le=100)
    parts: list[ScorePart] = Field(default_factory=list)
    elements: list[str] = Field(default_factory=list)
    suppliers: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list, description="the subscriber's products hit")
    event_type: EventType
    direction: Direction
    status: Status | None = None
    title: str = ""
    summary: str = ""
    source_url: str | None = None
    published_at: AwareDatetime | None = None
    submitted_by: str | None = Field(
        default=None, description="who put the event in: admin, publisher:NAME, source:NAME or cli"
    )
    decided_at: AwareDatetime = Field(default_factory=utcnow)
    course: list[CourseStep] = Field(
        default_factory=list,
        description="what the incident went through, oldest step first (e.g. imposed, then lifted)",
    )
    # What the classifier read in the event (README, How a text is read), for the reader to act on.
    band: Band | Literal["test"] | None = Field(
        default=None, description="the score's band: low, medium, high or critical (README, "
        "Scoring); `test` on a test alert, which is not scored"
    )
    issuer: str | None = Field(default=None, description="ISO alpha-2, EU, multiple or null")
    effective_date: date | None = Field(default=None, description="when the measure takes effect")
    stages: list[str] = Field(default_factory=list, description="supply-chain stages the event covers")
    companies: list[str] = Field(default_factory=list, description="companies the event names")
    chips_involved: bool = Field(default=False, description="chip or chipmaking-tool controls are part of it")
    severity: float = Field(default=0.0, ge=0.0, le=1.0, description="the event's severity, 0..1")
    evidence: dict[str, list[str]] = Field(
        default_factory=dict,
        description="field name -> the first phrases that decided it (a few, each cut short)",
    )
    source_name: str | None = Field(
        default=None, max_length=300,
        description="the outlet: the source URL's host, else the name of the polled source",
    )
