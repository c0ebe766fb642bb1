"""GET /v1/incidents and /v1/incidents/{id}: incidents the classify stage filed, read over real
HTTP; the admin sees who was alerted, a subscriber only its own score and alerts."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chokewatch.services.alert.history import History
from chokewatch.services.classify.service import build
from chokewatch.shared.core.decide import Prior
from chokewatch.shared.messages import Alert, ScorePart, new_id
from chokewatch.shared.worker import Runtime
from tests.incident_texts import OTHER, STORY, raw_event

from .helpers import ADMIN, auth, create, publisher


async def classify_all(settings, redis, names, samples) -> None:
    """Each sample through the classify stage's own handler, in publication order."""
    [stage] = await build(Runtime(settings, redis, names))
    for sample in samples:
        await stage.handle(raw_event(sample))


async def alert_of(redis, names, sub_id: str, incident: dict, score: float, status: str) -> str:
    """Record an alert as the alert service does: its decision, then its delivery."""
    cid = new_id()
    alert = Alert(correlation_id=cid, ingested_at=Alert.model_fields["decided_at"].default_factory(),
                  alert_id="alrt_" + new_id()[:20], subscriber_id=sub_id, incident_id=incident["id"],
                  event_id=cid, incident_revision=incident["revision"], score=score,
                  parts=[ScorePart(label="exposure", points=score, reason="Sb weight")],
                  event_type="mineral_export_control", direction="tightening")
    history = History(redis, names)
    await history.record_decision(alert, Prior(score=score, direction="tightening",
                                               revision=incident["revision"]), 1)
    await history.record_delivery(alert, status, [{"channel": "webhook:0", "outcome": status,
                                                   **({"reason": "HTTP 500"} if status == "failed" else {})}])
    return alert.alert_id


async def test_incidents_newest_first_with_reports_and_filters(settings, redis, names, api):
    await classify_all(settings, redis, names, [*STORY, OTHER])
    reply = api.get("/v1/incidents", headers=auth(ADMIN))
    assert reply.status_code == 200, reply.text
    items = reply.json()["items"]
    assert [i["title"] for i in items] == [OTHER["title"], STORY[1]["title"]]
    story = items[1]
    assert story["reports"] == 3 and story["outlets"] == 2
    assert story["revision"] == 2 and story["status"] == "enacted"
    assert story["elements"] == ["Ga", "Sb"] and story["issuer"] == "CN"

    one = api.get(f"/v1/incidents/{story['id']}", headers=auth(ADMIN)).json()
    assert [m["title"] for m in one["members"]] == [s["title"] for s in STORY]  # oldest first
    first, second, _ = one["members"]
    assert first["outlet"] == "wire.example.com" and second["outlet"] == "metals-daily.example.org"
    assert second["source_url"] == STORY[1]["source_url"] and second["text"] == STORY[1]["text"]
    assert first["joined"] is None and second["joined"]["reasons"]
    assert second["classification"]["evidence"]["status"]
    assert [(s["revision"], s["status"]) for s in one["course"]] == [(1, "speculation"), (2, "enacted")]

    def titles(**query) -> list[str]:
        reply = api.get("/v1/incidents", params=query, headers=auth(ADMIN))
        assert reply.status_code == 200, reply.text
        return [i["title"] for i in reply.json()["items"]]

    assert titles(element="Li") == titles(element="lithium") == [OTHER["title"]]
    assert titles(event_type="mineral_export_control", issuer="cn") == [STORY[1]["title"]]
    assert titles(direction="neutral") == [OTHER["title"]]
    assert titles(status="enacted") == [STORY[1]["title"]]
    assert titles(q="WEIGHS antimony") == [STORY[1]["title"]]  # any report's title
    assert titles(q="nickel") == []
    newest = items[0]["last_seen"]
    assert titles(since=newest) == [OTHER["title"]]
    assert titles(until=story["last_seen"]) == [STORY[1]["title"]]

    page = api.get("/v1/incidents", params={"limit": 1}, headers=auth(ADMIN)).json()
    assert [i["id"] for i in page["items"]] == [items[0]["id"]]
    rest = api.get("/v1/incidents", params={"limit": 1, "cursor": page["next_cursor"]},
                   headers=auth(ADMIN)).json()
    assert [i["id"] for i in rest["items"]] == [story["id"]]


async def test_subscriber_sees_its_own_score_and_alert_only(settings, redis, names, api):
    await classify_all(settings, redis, names, STORY)
    mine, my_key = create(api, name="magnets")
    other, other_key = create(api, name="batteries")
    [story] = api.get("/v1/incidents", headers=auth(ADMIN)).json()["items"]
    my_alert = await alert_of(redis, names, mine, story, 62.5, "delivered")
    await alert_of(redis, names, other, story, 48.0, "failed")

    [seen] = api.get("/v1/incidents", headers=auth(my_key)).json()["items"]
    assert seen["score"] == 62.5 and seen["alerted"] is None
    [admin_seen] = api.get("/v1/incidents", headers=auth(ADMIN)).json()["items"]
    assert admin_seen["alerted"] == 2 and admin_seen["score"] is None

    detail = api.get(f"/v1/incidents/{story['id']}", headers=auth(my_key))
    assert detail.status_code == 200
    assert [(a["subscriber_id"], a["alert_id"], a["score"]) for a in detail.json()["alerts"]] == [
        (mine, my_alert, 62.5)]
    assert other not in detail.text and "48.0" not in detail.text

    admin = api.get(f"/v1/incidents/{story['id']}", headers=auth(ADMIN)).json()["alerts"]
    assert [(a["subscriber_name"], a["score"], a["status"]) for a in admin] == [
        ("magnets", 62.5, "delivered"), ("batteries", 48.0, "failed")]
    assert admin[1]["channels"][0]["reason"] == "HTTP 500"


def test_unknown_incident_and_bad_requests(api):
    assert api.get("/v1/incidents/inc_nothing", headers=auth(ADMIN)).status_code == 404
    assert api.get("/v1/incidents").status_code == 401
    feeder = publisher(api)  # a publisher's key only submits events
    assert api.get("/v1/incidents", headers=auth(feeder)).status_code == 403
    assert api.get("/v1/incidents/inc_nothing", headers=auth(feeder)).status_code == 403
    bad = api.get("/v1/incidents", params={"cursor": "yesterday"}, headers=auth(ADMIN))
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "cursor"]
    bad = api.get("/v1/incidents", params={"element": "unobtainium"}, headers=auth(ADMIN))
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "element"]
    bad = api.get("/v1/incidents", params={"status": "rumoured"}, headers=auth(ADMIN))
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "status"]


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(times=st.lists(st.integers(0, 4), min_size=0, max_size=12), limit=st.integers(1, 5))
def test_paging_returns_every_incident_once_newest_first(api, sync_redis, names, times, limit):
    """Incidents sharing a publication time are not lost or repeated across pages."""
    sync_redis.delete(names.incident_recent)
    ids = [f"inc_p{n}_{new_id()[:6]}" for n in range(len(times))]
    for incident_id, at in zip(ids, times, strict=True):
        sync_redis.set(names.incident(incident_id), json.dumps(
            {"id": incident_id, "revision": 1, "status": "announced", "direction": "tightening",
             "first_seen": 1_700_000_000 + at, "last_seen": 1_700_000_000 + at, "members": []}))
        sync_redis.zadd(names.incident_recent, {incident_id: 1_700_000_000 + at})
    seen, cursor = [], None
    for _ in range(len(ids) + 2):
        reply = api.get("/v1/incidents", params={"limit": limit, **({"cursor": cursor} if cursor else {})},
                        headers=auth(ADMIN)).json()
        seen += [(i["last_seen"], i["id"]) for i in reply["items"]]
        cursor = reply["next_cursor"]
        if cursor is None:
            break
    assert sorted(i for _, i in seen) == sorted(ids)  # each once
    assert [at for at, _ in seen] == sorted((at for at, _ in seen), reverse=True)
