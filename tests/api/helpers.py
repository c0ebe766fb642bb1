"""Small builders for API tests: auth headers, profiles, subscribers, stored alerts and events."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, Classification, ClassifiedEvent, new_id
from chokewatch.shared.names import CLASSIFIED, Names

ADMIN = "admin-key-for-tests-0123456789"
WHSEC = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ="
SLACK = "https://hooks.slack.com/services/T000/B000/XXXXXXXX"


def auth(key: str) -> dict:
    return {"authorization": f"Bearer {key}"}


def profile(name: str = "EV motors", **over) -> dict:
    body = {
        "name": name,
        "elements": {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}},
        "channels": [{"type": "webhook", "url": "https://hooks.example.com/a", "secret": WHSEC}],
    }
    body.update(over)
    return body


def create(api, **over) -> tuple[str, str]:
    reply = api.post("/v1/subscribers", json=profile(**over), headers=auth(ADMIN))
    assert reply.status_code == 201, reply.text
    body = reply.json()
    return body["subscriber"]["id"], body["api_key"]


def publisher(api, name: str = "newsroom") -> str:
    """A publisher's key (scope publish), made by the admin."""
    reply = api.post("/v1/publishers", json={"name": name}, headers=auth(ADMIN))
    assert reply.status_code == 201, reply.text
    return reply.json()["api_key"]


def dy_control(**over) -> Classification:
    fields = {"elements": ["Dy"], "event_type": "mineral_export_control", "direction": "tightening",
              "issuer": "CN", "status": "enacted", "severity": 0.8}
    return Classification(**(fields | over))


def store_alert(sync_redis, names: Names, sub_id: str, at: float, *, status: str = "delivered",
                incident: str = "inc_1", alert_id: str | None = None) -> str:
    """Write a history record the way the alert service does."""
    alert_id = alert_id or "alrt_" + new_id()[:16]
    cid = new_id()
    alert = Alert(correlation_id=cid, ingested_at=datetime.fromtimestamp(at, UTC), alert_id=alert_id,
                  subscriber_id=sub_id, incident_id=incident, event_id=cid, score=50,
                  event_type="mineral_export_control", direction="tightening",
                  decided_at=datetime.fromtimestamp(at, UTC))
    record = {"alert": alert.model_dump(mode="json"), "status": status, "channels": [],
              "updated_at": datetime.now(UTC).isoformat()}
    sync_redis.hset(names.history(sub_id), alert_id, json.dumps(record))
    sync_redis.zadd(names.history_order(sub_id), {alert_id: at})
    return alert_id


def store_classified(sync_redis, names: Names, c: Classification, *, incident: str,
                     revision: int = 1, title: str = "") -> str:
    """Append a classified event to the stream the alert service reads."""
    eid = new_id()
    event = ClassifiedEvent(correlation_id=eid, ingested_at=datetime.now(UTC), event_id=eid,
                            title=title or incident, incident_revision=revision,
                            classification=c.model_copy(update={"incident_id": incident}))
    sync_redis.xadd(names.stream(CLASSIFIED).stream, streams.encode(event))
    return eid
