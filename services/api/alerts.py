"""Alert routes of one subscriber: history, test alert, preview and backtest (nothing is sent
by the last two)."""

from __future__ import annotations

import math
import time
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from chokewatch.shared import streams
from chokewatch.shared.core.preview import backtest, latest_per_incident, preview
from chokewatch.shared.messages import TEST_BAND, Alert, ClassifiedEvent, EventType, new_id, utcnow
from chokewatch.shared.names import ALERTS, CLASSIFIED
from chokewatch.shared.profiles import ProfileSpec
from chokewatch.shared.subscribers import SubscriberStore

from .auth import Principal, principal
from .errors import AUTH, BODY, MINE
from .heavy import BUSY, HeavyWork
from .models import AlertPage, BacktestIn, BacktestOut, PreviewIn, PreviewOut, TestAlertQueued
from .paging import parse_cursor
from .subscribers import SubscriberId, load
from .timestamps import DateTime

router = APIRouter(tags=["alerts"])
Who = Annotated[Principal, Depends(principal)]

# A history cursor as next_cursor gives it: a decided-at time (always finite) and a count.
CURSOR = r"^-?\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,2})?:\d{1,9}$"
SCAN_BATCH = 500  # history records read per Redis call while filtering
SCAN_MAX = 5_000  # records one history page may examine; past it the page ends with a cursor


@router.get("/v1/subscribers/{subscriber_id}/alerts", response_model=AlertPage,
            responses={**AUTH, **MINE})
async def alert_history(
    subscriber_id: SubscriberId, request: Request, who: Who,
    since: DateTime | None = Query(default=None, description="only alerts decided at or after"),
    until: DateTime | None = Query(default=None, description="only alerts decided at or before"),
    status: str | None = Query(default=None, max_length=40,
                               description="pending, retrying, delivered or failed"),
    incident_id: str | None = Query(default=None, max_length=200),
    cursor: str | None = Query(default=None, max_length=100, pattern=CURSOR,
                               description="next_cursor of the previous page"),
    limit: int = Query(default=50, ge=1, le=500),
) -> Any:
    """The subscriber's alerts, newest first, optionally filtered; paginated by cursor."""
    await load(request, who, subscriber_id)
    store: SubscriberStore = request.app.state.store
    if cursor is not None:
        top, skip = parse_cursor(cursor)
    else:
        top, skip = (until.timestamp() if until else math.inf), 0
    bottom = since.timestamp() if since else -math.inf

    items: list[dict] = []
    scanned = 0
    while scanned < SCAN_MAX:
        window = await store.history_window(subscriber_id, top, skip, bottom, SCAN_BATCH)
        for record, at in window:
            scanned += 1
            # Position after this record: how many at exactly `top` this cursor has passed.
            skip = skip + 1 if at == top else 1
            top = at
            if record is None:
                continue
            alert = record.get("alert") or {}
            if (status is None or record.get("status") == status) and (
                incident_id is None or alert.get("incident_id") == incident_id
            ):
                items.append(record)
                if len(items) == limit:
                    return {"items": items, "next_cursor": f"{top!r}:{skip}"}
        if len(window) < SCAN_BATCH:
            return {"items": items, "next_cursor": None}
    return {"items": items, "next_cursor": f"{top!r}:{skip}"}


@router.post("/v1/subscribers/{subscriber_id}/test-alert", status_code=202,
             response_model=TestAlertQueued, responses={**AUTH, **MINE})
async def test_alert(subscriber_id: SubscriberId, request: Request, who: Who) -> Any:
    """Queue a clearly marked test alert to every channel of the subscriber."""
    sub = await load(request, who, subscriber_id)
    now = utcnow()
    cid = new_id()
    alert = Alert(
        correlation_id=cid, ingested_at=now, alert_id="alrt_test_" + uuid.uuid4().hex[:16],
        subscriber_id=sub.id, incident_id="test_" + cid[:12], event_id=cid, kind="test",
        score=0, band=TEST_BAND, event_type=EventType.commentary, direction="neutral",
        title="chokewatch test alert", summary="This is a test of your alert channels.",
    )
    state = request.app.state
    await streams.publish(state.redis, state.names.stream(ALERTS), alert)
    return {"alert_id": alert.alert_id, "status": "queued"}


@router.post("/v1/subscribers/{subscriber_id}/preview", response_model=PreviewOut,
             responses={**AUTH, **BODY, **MINE, **BUSY})
async def preview_alert(subscriber_id: SubscriberId, body: PreviewIn, request: Request, who: Who) -> Any:
    """Score a text (classified here) or a given classification against the subscriber's
    profile, as the pipeline would, without sending or storing anything."""
    sub = await load(request, who, subscriber_id)
    heavy: HeavyWork = request.app.state.heavy
    return await heavy.run(preview, sub, text=body.text, title=body.title,
                           classification=body.classification)


BACKTEST_CHUNK = 200  # incidents scored between two looks at the deadline


def backtest_job(profile: ProfileSpec, raws: list[dict], deadline: float) -> dict:
    """Parse the events read and score the newest revision of each incident, until the deadline."""
    events: list[ClassifiedEvent] = []
    for fields in raws:
        try:
            events.append(ClassifiedEvent.model_validate_json(streams.payload_of(fields)))
        except (streams.BadEntry, ValidationError):
            continue  # an unreadable entry is skipped
    latest = list(latest_per_incident(events).values())
    lines: list[dict] = []
    cut = False
    for start in range(0, len(latest), BACKTEST_CHUNK):
        if time.monotonic() > deadline:
            cut = True
            break
        # Each chunk holds whole incidents (their newest revisions), so chunks score independently.
        lines += backtest(profile, latest[start:start + BACKTEST_CHUNK])[1]
    lines.sort(key=lambda line: (-line["score"], line["incident_id"]))
    return {"events": len(events), "incidents": len(latest), "lines": lines, "cut": cut}


async def classified_since(request: Request, since_ms: int) -> tuple[list[dict], bool]:
    """Raw entries of the classified stream since `since_ms`, at most the configured number;
    parsed later, off the event loop."""
    state = request.app.state
    key = state.names.stream(CLASSIFIED).stream
    limit = state.settings.backtest_max_events
    out: list[dict] = []
    start = f"{since_ms}-0"
    while len(out) < limit:
        count = min(1_000, limit - len(out))
        batch = await state.redis.xrange(key, start, "+", count=count)
        out += [fields for _, fields in batch]
        if len(batch) < count:
            return out, False
        start = f"({batch[-1][0]}"
    return out, bool(await state.redis.xrange(key, start, "+", count=1))


@router.post("/v1/subscribers/{subscriber_id}/backtest", response_model=BacktestOut,
             responses={**AUTH, **BODY, **MINE, **BUSY})
async def backtest_profile(subscriber_id: SubscriberId, body: BacktestIn, request: Request,
                           who: Who) -> Any:
    """What the subscriber's profile (or the one given) would have been alerted of over the
    classified events of the last `days`: one line per incident. Nothing is sent or stored.
    At most CHOKEWATCH_BACKTEST_MAX_EVENTS events are read, and scoring stops at the time limit;
    either way the answer says `truncated`."""
    sub = await load(request, who, subscriber_id)
    since_ms = int((time.time() - body.days * 86_400) * 1000)
    raws, truncated = await classified_since(request, since_ms)
    heavy: HeavyWork = request.app.state.heavy
    done = await heavy.run(backtest_job, body.profile or sub, raws, heavy.deadline())
    return {"since": datetime.fromtimestamp(since_ms / 1000, UTC), "events": done["events"],
            "incidents": done["incidents"], "would_alert": len(done["lines"]),
            "truncated": truncated or done["cut"], "items": done["lines"]}
