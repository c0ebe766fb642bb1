"""Incidents as readers see them: the report card classify files with each incident, the read
models the API serves, and the reader over Redis.

Classify keeps, beside each incident record (which holds only compact forms for matching), a
card per report: its title, link, outlet, publication time, the classification with its
evidence, and why it joined; and, apart (lists read only the cards), its text, cut at
REPORT_TEXT_CHARS. `recent` orders incidents by their latest
publication, newest first. Both are dropped with the incident when it is trimmed.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urlsplit

import redis.asyncio as aioredis
from pydantic import AwareDatetime, BaseModel, Field, field_validator

from .elements import normalise_symbol
from .messages import Classification, CourseStep, Direction, EventType, Status
from .names import Names

REPORT_TEXT_CHARS = 6_000  # of a report's text kept on its card, enough to read it side by side
MAX_REPORTS = 500  # cards kept per incident (a story told by more outlets keeps its first 500)


def outlet(source_url: str | None, source: str | None) -> str | None:
    """The outlet a reader knows: the link's host without `www.`, else a polled source's name
    (`feed:bis` -> `bis`), else nothing (an event posted to the API without a link). Alerts and
    the incident pages name outlets alike."""
    if source_url:
        try:
            host = urlsplit(source_url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    if source and ":" in source:
        kind, _, name = source.partition(":")
        if kind in ("feed", "file") and name:
            return name
    return None


class JoinReason(BaseModel):
    tied_to: AwareDatetime | None = Field(
        default=None, description="publication time of the report it is most firmly tied to")
    strength: float = Field(default=0.0, description="how firmly (the incident rules' measure)")
    reasons: list[str] = Field(default_factory=list, description="the ties the rules counted")


class Report(BaseModel):
    """One text of an incident, as classify filed it."""

    event_id: str
    title: str = ""
    text: str = Field(default="", description=f"the text, at most {REPORT_TEXT_CHARS} characters")
    text_cut: bool = Field(default=False, description="the text was longer and is cut")
    source_url: str | None = None
    outlet: str | None = None
    source: str | None = None
    submitted_by: str | None = None
    published_at: AwareDatetime | None = None
    ingested_at: AwareDatetime | None = None
    revision: int = Field(default=1, description="the incident's revision this report got")
    classification: Classification
    joined: JoinReason | None = Field(
        default=None, description="why it joined the incident; null for the report that opened it")


def report_card(*, event_id: str, title: str, text: str, source_url: str | None, source: str | None,
                submitted_by: str | None, published_at: datetime | None, ingested_at: datetime,
                revision: int, classification: Classification) -> dict:
    """The card classify files for one report (JSON-able)."""
    flat = text.strip()
    return Report(
        event_id=event_id, title=title, text=flat[:REPORT_TEXT_CHARS],
        text_cut=len(flat) > REPORT_TEXT_CHARS, source_url=source_url,
        outlet=outlet(source_url, source), source=source, submitted_by=submitted_by,
        published_at=published_at, ingested_at=ingested_at, revision=revision,
        classification=classification,
    ).model_dump(mode="json")


class IncidentSummary(BaseModel):
    """An incident in a list: what it is, how far it went, how widely it is reported."""

    id: str
    title: str = Field(description="the headline of the report that set its current state")
    revision: int
    status: Status | None = None
    direction: Direction = Direction.neutral
    event_type: EventType | None = None
    elements: list[str] = Field(default_factory=list)
    issuer: str | None = None
    first_seen: AwareDatetime | None = None
    last_seen: AwareDatetime | None = None
    reports: int = Field(description="texts filed with it")
    outlets: int = Field(description="distinct outlets among them")


class IncidentDetail(IncidentSummary):
    course: list[CourseStep] = Field(
        default_factory=list, description="each revision: when it opened, escalated or eased")
    members: list[Report] = Field(default_factory=list, description="its reports, oldest first")


class IncidentFilter(BaseModel):
    element: str | None = None
    event_type: EventType | None = None
    direction: Direction | None = None
    status: Status | None = None
    issuer: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None  # words that must all appear in one of its reports' titles

    @field_validator("element")
    @classmethod
    def _element(cls, value: str | None) -> str | None:
        return normalise_symbol(value) if value else value

    def keeps(self, summary: IncidentSummary, titles: list[str]) -> bool:
        if self.element and self.element not in summary.elements:
            return False
        for name in ("event_type", "direction", "status"):
            wanted = getattr(self, name)
            if wanted is not None and getattr(summary, name) != wanted:
                return False
        if self.issuer and (summary.issuer or "").upper() != self.issuer.upper():
            return False
        if self.q:
            words = self.q.casefold().split()
            if not any(all(w in t.casefold() for w in words) for t in titles):
                return False
        return True


def _when(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


def _lead(reports: list[Report]) -> Report | None:
    """The report that set the incident's current state: the first one at its highest revision."""
    if not reports:
        return None
    top = max(r.revision for r in reports)
    return next(r for r in reports if r.revision == top)


def summarise(record: dict, reports: list[Report]) -> IncidentSummary:
    """An incident's summary from its record and its (oldest first) report cards; an incident
    filed before cards were kept falls back to the facts its record holds."""
    lead = _lead(reports)
    facts = [r.classification.model_dump(mode="json") for r in reports] or \
        [m.get("facts", {}) for m in record.get("members", [])]
    events = [f for f in facts if f.get("event_type") not in ("commentary", "not_relevant")] or facts
    main = lead.classification.model_dump(mode="json") if lead else (events[-1] if events else {})
    elements = sorted({e for f in events for e in f.get("elements") or ()})
    issuers = Counter(f.get("issuer") for f in events if f.get("issuer"))
    return IncidentSummary(
        id=record["id"], title=lead.title if lead else "", revision=int(record.get("revision", 1)),
        status=record.get("status"), direction=record.get("direction") or "neutral",
        event_type=main.get("event_type"), elements=elements,
        issuer=main.get("issuer") or (issuers.most_common(1)[0][0] if issuers else None),
        first_seen=_when(record.get("first_seen")), last_seen=_when(record.get("last_seen")),
        reports=len(reports) or len(record.get("members", [])),
        outlets=len({r.outlet or r.source_url or r.event_id for r in reports}),
    )


def detail(record: dict, reports: list[Report]) -> IncidentDetail:
    return IncidentDetail(**summarise(record, reports).model_dump(),
                          course=[CourseStep.model_validate(s) for s in record.get("course", [])],
                          members=reports)


def _bound(value: float) -> str | float:
    return "+inf" if value == math.inf else "-inf" if value == -math.inf else value


class IncidentReader:
    """Reads incidents for the API: a window of the newest, one incident with its reports."""

    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    async def window(self, top: float, skip: int, bottom: float, count: int) -> list[tuple[str, float]]:
        """Up to `count` (incident id, latest publication) from `top` down to `bottom`, newest
        first, skipping the first `skip` at `top` (an earlier page returned them)."""
        return await self.redis.zrevrangebyscore(self.names.incident_recent, _bound(top),
                                                 _bound(bottom), start=skip, num=count,
                                                 withscores=True)

    async def load(self, ids: list[str], texts: bool = False) -> list[tuple[dict, list[Report]] | None]:
        """Each incident's record with its reports (oldest first), their texts only if asked;
        None where the incident is gone."""
        if not ids:
            return []
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.mget([self.names.incident(i) for i in ids])
            for i in ids:
                pipe.hvals(self.names.incident_reports(i))
            if texts:
                for i in ids:
                    pipe.hgetall(self.names.incident_texts(i))
            raws, *rest = await pipe.execute()
        cards, bodies = rest[:len(ids)], rest[len(ids):] or [{} for _ in ids]
        out: list[tuple[dict, list[Report]] | None] = []
        for raw, found, text_of in zip(raws, cards, bodies, strict=True):
            if not raw:
                out.append(None)
                continue
            reports = [Report.model_validate_json(c) for c in found]
            reports = [r.model_copy(update={"text": text_of.get(r.event_id, r.text)}) for r in reports]
            reports.sort(key=lambda r: (r.published_at or r.ingested_at or datetime.min.replace(tzinfo=UTC),
                                        r.event_id))
            out.append((json.loads(raw), reports))
        return out

    async def one(self, incident_id: str) -> IncidentDetail | None:
        [found] = await self.load([incident_id], texts=True)
        return detail(*found) if found else None

    async def alerted(self, incident_id: str) -> list[str]:
        """The subscribers alerted of an incident (the alert service notes them)."""
        return sorted(await self.redis.smembers(self.names.incident_alerted(incident_id)))
