"""A subscriber's exposure profile and alert channels: the contract between the API and alert.

The API validates and stores these; the alert service reads them to match, score and deliver.
Secrets (webhook signing secrets, Slack URLs) are SecretStr so they never print in full, and
are encrypted in Redis (secretbox.py): `storable()` seals them, `Subscriber.from_stored` opens.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    SerializationInfo,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic.json_schema import WithJsonSchema

from . import secretbox
from .elements import IDENTIFIER_PATTERN, normalise_symbol
from .messages import EventType
from .numbers import Number, integer
from .patterns import HTTPS_URL, WEBHOOK_SECRET, https_url_on
from .settings import Settings
from .timestamps import DateTime


class Stage(StrEnum):
    mining = "mining"
    separation = "separation"
    metal = "metal"
    magnet = "magnet"
    component = "component"
    battery = "battery"
    recycling = "recycling"
    technology = "technology"


Share = Annotated[Number, Field(ge=0.0, le=1.0)]
ElementName = Annotated[str, Field(  # normalise_symbol checks it (the pattern is its schema)
    json_schema_extra={"pattern": IDENTIFIER_PATTERN},
    description="an element's symbol ('Dy') or English name ('dysprosium'), in any letter case",
)]


class ElementExposure(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weight: Share = Field(description="how much the business depends on this element, 0..1")
    country_shares: dict[str, Share] = Field(
        default_factory=dict, json_schema_extra={"propertyNames": {"pattern": "^[A-Za-z]{2}$"}},
        description="share of supply by ISO country code, e.g. {'CN': 0.9}; each is read on "
        "its own (an event from that country), so they need not add up to 1",
    )

    @field_validator("country_shares")
    @classmethod
    def _countries(cls, value: dict[str, float]) -> dict[str, float]:
        out = {}
        for code, share in value.items():
            if len(code) != 2 or not (code.isascii() and code.isalpha()):
                raise ValueError(f"{code!r} is not an ISO 3166 alpha-2 country code")
            out[code.upper()] = share
        return out


class Supplier(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    aliases: list[str] = Field(default_factory=list, max_length=20)
    country: str | None = Field(default=None, min_length=2, max_length=2,
                                json_schema_extra={"pattern": "^[A-Za-z]{2}$"})
    stage: Stage | None = None
    elements: list[ElementName] = Field(default_factory=list)

    @field_validator("elements")
    @classmethod
    def _elements(cls, value: list[str]) -> list[str]:
        return sorted({normalise_symbol(v) for v in value})

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        # ASCII letters only: one such as 'ß' grows past two letters when upper-cased.
        if value and not (value.isascii() and value.isalpha()):
            raise ValueError(f"{value!r} is not an ISO 3166 alpha-2 country code")
        return value.upper() if value else value


def mask(secret: str) -> str:
    """Show just enough of a secret to recognise it, never the whole."""
    return secret[:4] + "…" + secret[-2:] if len(secret) >= 16 else "…"


STORED = {"stored": True}  # validation context of a subscriber read back from Redis


def _dump(value: SecretStr | None, info: SerializationInfo) -> str | None:
    # Only the store asks for secrets in clear (context={"reveal": True}), and seals them for
    # Redis ({"seal": True}); every other dump masks.
    if value is None:
        return None
    raw = value.get_secret_value()
    context = info.context or {}
    if context.get("seal"):
        return secretbox.seal(raw)
    return raw if context.get("reveal") else mask(raw)


def _opened(value: object, info: ValidationInfo) -> object:
    """A secret read back from Redis, decrypted; anything else as it came."""
    if isinstance(value, str) and (info.context or {}).get("stored"):
        return secretbox.unseal(value)
    return value


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http(s) URL with a host")
    try:
        parts.port  # noqa: B018 - raises for a port that is not a number from 0 to 65535
    except ValueError:
        raise ValueError("the port must be a number from 1 to 65535") from None
    return url


def _type_required(schema: dict) -> None:
    # `type` picks the channel kind (the union's discriminator), so a body must send it.
    schema["required"] = ["type", *schema.get("required", [])]


class WebhookChannel(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_type_required)

    type: Literal["webhook"] = "webhook"
    url: str = Field(max_length=2_000, json_schema_extra={"pattern": HTTPS_URL})
    secret: SecretStr | None = Field(
        default=None, description="Standard Webhooks secret ('whsec_' + base64); write-only",
        json_schema_extra={"pattern": WEBHOOK_SECRET},
    )
    previous_secret: SecretStr | None = Field(
        default=None, json_schema_extra={"pattern": WEBHOOK_SECRET},
        description="the secret being rotated out: alerts carry both signatures until "
        "previous_secret_until, so receivers can switch without losing one; write-only",
    )
    previous_secret_until: DateTime | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _check_url(value)

    @field_serializer("secret", "previous_secret")
    def _dump_secret(self, value: SecretStr | None, info: SerializationInfo) -> str | None:
        return _dump(value, info)

    @field_validator("secret", "previous_secret", mode="before")
    @classmethod
    def _open_secret(cls, value: object, info: ValidationInfo) -> object:
        return _opened(value, info)

    @field_validator("secret", "previous_secret")
    @classmethod
    def _secret_format(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return value
        if not re.match(WEBHOOK_SECRET, value.get_secret_value()):
            raise ValueError("must be 'whsec_' followed by the base64 of at least 16 random bytes "
                             "(24 to 64 recommended)")
        return value


class SlackChannel(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_type_required)

    type: Literal["slack"] = "slack"
    url: SecretStr = Field(
        description="Slack incoming-webhook URL; write-only. On Slack's webhook hosts "
        "(CHOKEWATCH_SLACK_HOSTS: the API's document names those it is configured with)",
        json_schema_extra={"pattern": https_url_on(Settings.model_fields["slack_hosts"].default_factory())},
    )

    @field_validator("url", mode="before")
    @classmethod
    def _open_url(cls, value: object, info: ValidationInfo) -> object:
        return _opened(value, info)

    @field_validator("url")
    @classmethod
    def _slack_url(cls, value: SecretStr) -> SecretStr:
        _check_url(value.get_secret_value())
        return value

    @field_serializer("url")
    def _dump_url(self, value: SecretStr, info: SerializationInfo) -> str | None:
        return _dump(value, info)


Channel = Annotated[WebhookChannel | SlackChannel, Field(discriminator="type")]


CLOCK_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?$"


def _clock(value: object, info: ValidationInfo) -> object:
    """A wall-clock time in the window's own zone: '22:00', '07:30:00'; no offset."""
    if isinstance(value, str) and re.match(CLOCK_PATTERN, value):
        return dt.time.fromisoformat(value.removesuffix("\n"))  # '$' admits a final newline
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if (info.context or {}).get("stored") and isinstance(value, str):  # written before offsets
        return dt.time.fromisoformat(value).replace(tzinfo=None)  # were refused
    raise ValueError("must be a local time such as '22:00' or '07:30:00', without an offset "
                     "(the window's timezone says where)")


Clock = Annotated[dt.time, BeforeValidator(_clock),
                  WithJsonSchema({"type": "string", "pattern": CLOCK_PATTERN})]


ZONES = frozenset(available_timezones())


class QuietHours(BaseModel):
    """A daily window in which alerts are held, then sent when it ends (none when start and
    end are equal)."""

    model_config = ConfigDict(extra="forbid")

    start: Clock = Field(description="local time the window opens, e.g. 22:00")
    end: Clock = Field(description="local time it closes, e.g. 07:00 (may be past midnight)")
    timezone: str = Field(default="UTC", description="IANA zone, e.g. Europe/Berlin",
                          json_schema_extra={"enum": sorted(ZONES)})

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value not in ZONES:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as 'Europe/Berlin'"
            ) from None
        return value


class Digest(BaseModel):
    """One message per period with every alert of the period, instead of one per alert."""

    model_config = ConfigDict(extra="forbid")

    every_minutes: integer(ge=15, le=10_080) = Field(description="period length, 15 min to a week")


class Product(BaseModel):
    """A product or site and the elements it depends on: alerts name the ones hit."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    elements: list[ElementName] = Field(min_length=1)

    @field_validator("elements")
    @classmethod
    def _elements(cls, value: list[str]) -> list[str]:
        return sorted({normalise_symbol(v) for v in value})


class ProfileSpec(BaseModel):
    """What a subscriber writes: its exposure and where alerts go."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [
        # at least one element or supplier, as _exposed_to_something checks
        {"required": ["elements"], "properties": {"elements": {"minProperties": 1}}},
        {"required": ["suppliers"], "properties": {"suppliers": {"minItems": 1}}},
    ]})

    name: str = Field(min_length=1, max_length=200)
    elements: dict[str, ElementExposure] = Field(
        default_factory=dict, description="element symbol -> exposure",
        json_schema_extra={"propertyNames": {"pattern": IDENTIFIER_PATTERN}},
    )
    suppliers: list[Supplier] = Field(default_factory=list, max_length=500)
    threshold: Number = Field(default=40.0, ge=0, le=100, description="alert at or above")
    muted_event_types: list[EventType] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list, max_length=10)
    products: list[Product] = Field(default_factory=list, max_length=200)
    quiet_hours: QuietHours | None = None
    digest: Digest | None = None

    @field_validator("elements", mode="before")
    @classmethod
    def _element_keys(cls, value: object) -> object:
        if isinstance(value, dict):
            return {normalise_symbol(str(k)): v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _exposed_to_something(self) -> ProfileSpec:
        if not self.elements and not self.suppliers:
            raise ValueError("a profile needs at least one element or supplier")
        return self

    def exposed_elements(self) -> set[str]:
        """Every element the profile depends on, directly or through a supplier."""
        found = set(self.elements)
        for supplier in self.suppliers:
            found.update(supplier.elements)
        return found


class Subscriber(ProfileSpec):
    """A stored subscriber."""

    id: str
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = 1

    def public(self) -> dict:
        """The subscriber as an API response: secrets masked."""
        return self.model_dump(mode="json")

    def storable(self) -> str:
        """The subscriber as stored in Redis, secrets included (encrypted when a key is set)."""
        return self.model_dump_json(context={"seal": True})

    def revealed(self) -> dict:
        """The subscriber as JSON-ready data with its secrets in clear (never for a response)."""
        return self.model_dump(mode="json", context={"reveal": True})

    @classmethod
    def from_stored(cls, raw: str | bytes) -> Subscriber:
        """A subscriber as `storable()` wrote it, secrets decrypted."""
        return cls.model_validate_json(raw, context=STORED)

