"""Request and response bodies of the API (the profile itself is shared/profiles.py)."""

from __future__ import annotations

from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article or notice text")
    title: str = Field(default="", max_length=2_000)
    source_url: str | None = Field(default=None, max_length=4_000)
    published_at: AwareDatetime | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or only whitespace")
        return value


class EventAccepted(BaseModel):
    event_id: str
    correlation_id: str
    status: str = "accepted"


class SubscriberOut(BaseModel):
    subscriber: dict[str, Any]


class SubscriberCreated(SubscriberOut):
    api_key: str = Field(description="shown once; store it now")


class SubscriberPage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None


class AlertPage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: float | None


class KeyIssued(BaseModel):
    api_key: str


class Problem(BaseModel):
    detail: Any
