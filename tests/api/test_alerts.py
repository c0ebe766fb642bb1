"""Alert history filters and pages; preview and backtest score without sending anything."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from chokewatch.shared import streams
from chokewatch.shared.messages import ClassifiedEvent, new_id
from chokewatch.shared.names import ALERTS, CLASSIFIED

from .helpers import auth, create, dy_control, profile, store_alert, store_classified

T0 = 1_760_000_000.0


def iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat()


def test_history_pages_and_filters(api, sync_redis, names):
    sid, key = create(api)
    # Three alerts share one decided-at time: pages must neither skip nor repeat them.
    made = [store_alert(sync_redis, names, sid, at, status=status, incident=incident)
            for at, status, incident in [(T0, "delivered", "inc_a"), (T0 + 1, "failed", "inc_b"),
                                         (T0 + 1, "delivered", "inc_a"), (T0 + 1, "pending", "inc_c"),
                                         (T0 + 2, "delivered", "inc_b")]]
    url = f"/v1/subscribers/{sid}/alerts"
    everything = [r["alert"]["alert_id"] for r in api.get(url, headers=auth(key)).json()["items"]]
    assert set(everything) == set(made) and everything[0] == made[4] and everything[-1] == made[0]

    paged, cursor = [], None
    while True:
        page = api.get(url, params={"limit": 2, **({"cursor": cursor} if cursor else {})},
                       headers=auth(key)).json()
        paged += [r["alert"]["alert_id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == everything

    def ids(**params) -> list[str]:
        reply = api.get(url, params=params, headers=auth(key))
        assert reply.status_code == 200, reply.text
        return [r["alert"]["alert_id"] for r in reply.json()["items"]]

    assert set(ids(status="delivered")) == {made[0], made[2], made[4]}
    assert set(ids(incident_id="inc_b")) == {made[1], made[4]}
    assert ids(status="delivered", incident_id="inc_a", limit=1) in ([made[2]], [made[0]])
    assert set(ids(since=iso(T0 + 1), until=iso(T0 + 1))) == {made[1], made[2], made[3]}
    assert ids(until=iso(T0 - 1)) == []
    assert api.get(url, params={"cursor": "nan:1"}, headers=auth(key)).status_code == 422
    assert api.get(url, params={"since": "yesterday"}, headers=auth(key)).status_code == 422


def test_preview_scores_a_text_or_a_classification(api, sync_redis, names):
    sid, key = create(api, threshold=40, muted_event_types=["tariff"])
    url = f"/v1/subscribers/{sid}/preview"
    text = api.post(url, headers=auth(key), json={
        "title": "China adds dysprosium to export control list",
        "text": "China's commerce ministry said exports of dysprosium and terbium will require "
                "licences from today, tightening export controls on rare earths."})
    assert text.status_code == 200, text.text
    body = text.json()
    assert body["would_alert"] and body["score"] >= 40 and "Dy" in body["classification"]["elements"]
    assert abs(sum(p["points"] for p in body["parts"]) - body["score"]) < 0.05

    given = api.post(url, headers=auth(key), json={"classification": dy_control().model_dump(mode="json")})
    assert given.json()["would_alert"] is True
    gallium = api.post(url, headers=auth(key), json={"classification": dy_control(elements=["Ga"])
                                                     .model_dump(mode="json")}).json()
    assert gallium["would_alert"] is False and gallium["reason"] == "not exposed"
    muted = api.post(url, headers=auth(key), json={"classification": dy_control(event_type="tariff")
                                                   .model_dump(mode="json")}).json()
    assert muted["would_alert"] is False and "muted" in muted["reason"]

    for bad in [{}, {"text": "x", "classification": dy_control().model_dump(mode="json")},
                {"classification": {"event_type": "nonsense"}}]:
        assert api.post(url, headers=auth(key), json=bad).status_code == 422
    assert sync_redis.xlen(names.stream(ALERTS).stream) == 0  # nothing was sent


def test_backtest_reads_the_classified_stream_once_per_incident(api, sync_redis, names):
    sid, key = create(api, threshold=40)
    stream = names.stream(CLASSIFIED).stream
    old_ms = int((time.time() - 10 * 86_400) * 1000)
    old = ClassifiedEvent(correlation_id=new_id(), ingested_at=datetime.now(UTC), event_id=new_id(),
                          classification=dy_control(incident_id="inc_old"))
    sync_redis.xadd(stream, streams.encode(old), id=f"{old_ms}-0")  # before the window
    store_classified(sync_redis, names, dy_control(status="speculation", severity=0.1), incident="inc_dy")
    latest = store_classified(sync_redis, names, dy_control(), incident="inc_dy", revision=2)
    store_classified(sync_redis, names, dy_control(elements=["Ga"]), incident="inc_ga")
    store_classified(sync_redis, names, dy_control(event_type="commentary", severity=0.1),
                     incident="inc_talk")
    sync_redis.xadd(stream, {"garbage": "1"})  # unreadable entries are skipped

    url = f"/v1/subscribers/{sid}/backtest"
    result = api.post(url, headers=auth(key), json={"days": 7}).json()
    assert (result["events"], result["incidents"], result["would_alert"]) == (4, 3, 1)
    [line] = result["items"]
    assert line["incident_id"] == "inc_dy" and line["event_id"] == latest and line["would_alert"]

    wide = api.post(url, headers=auth(key), json={"days": 30}).json()
    assert wide["incidents"] == 4 and {i["incident_id"] for i in wide["items"]} == {"inc_dy", "inc_old"}

    gallium = profile(elements={"Ga": {"weight": 1.0, "country_shares": {"CN": 0.98}}})
    other = api.post(url, headers=auth(key), json={"days": 7, "profile": gallium}).json()
    assert [i["incident_id"] for i in other["items"]] == ["inc_ga"]

    assert api.post(url, headers=auth(key), json={"days": 0}).status_code == 422
    assert api.post(url, headers=auth(key), json={"days": 7, "profile": {"name": "x"}}).status_code == 422
    assert sync_redis.xlen(names.stream(ALERTS).stream) == 0
