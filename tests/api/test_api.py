"""The subscriber API over real HTTP on loopback, against a real Redis: the basic paths."""

from __future__ import annotations

import json

import pytest

from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, RawEvent
from chokewatch.shared.names import ALERTS, SUBMITTED

from .helpers import ADMIN, auth, create, profile, store_alert


def test_health_and_readiness(api):
    assert api.get("/healthz").json() == {"status": "ok"}
    assert api.get("/readyz").json() == {"status": "ready"}
    assert "chokewatch_subscribers" in api.get("/metrics/", headers=auth(ADMIN)).text


def test_metrics_need_the_admin_key(api):
    sid, key = create(api)
    assert api.get("/metrics").status_code == 401
    assert api.get("/metrics", headers=auth(key)).status_code == 403
    assert api.get("/metrics/", headers=auth(key)).status_code == 403
    assert "chokewatch_subscribers" in api.get("/metrics", headers=auth(ADMIN)).text


def test_subscriber_lifecycle_with_secrets_masked(api):
    sid, key = create(api)
    read = api.get(f"/v1/subscribers/{sid}", headers=auth(key)).json()["subscriber"]
    assert read["elements"]["Dy"]["weight"] == 0.9
    secret = read["channels"][0]["secret"]
    assert secret != "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=" and "…" in secret

    replaced = api.put(f"/v1/subscribers/{sid}", headers=auth(key),
                       json=profile(name="EV motors EU", threshold=55))
    assert replaced.status_code == 200 and replaced.json()["subscriber"]["version"] == 2
    patched = api.patch(f"/v1/subscribers/{sid}", headers=auth(key), json={"threshold": 20})
    assert patched.json()["subscriber"]["threshold"] == 20
    assert patched.json()["subscriber"]["name"] == "EV motors EU"

    assert api.delete(f"/v1/subscribers/{sid}", headers=auth(ADMIN)).status_code == 204
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(ADMIN)).status_code == 404
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).status_code == 401


def test_list_is_paginated_for_admin_and_private_for_subscribers(api):
    ids = sorted(create(api, name=f"s{i}")[0] for i in range(5))
    _, key = create(api, name="other")
    page1 = api.get("/v1/subscribers?limit=3", headers=auth(ADMIN)).json()
    page2 = api.get(f"/v1/subscribers?limit=3&cursor={page1['next_cursor']}",
                    headers=auth(ADMIN)).json()
    seen = [s["id"] for s in page1["items"] + page2["items"]]
    assert set(ids) <= set(seen) and len(seen) == len(set(seen)) == 6
    mine = api.get("/v1/subscribers", headers=auth(key)).json()["items"]
    assert [s["name"] for s in mine] == ["other"]


def test_tenant_isolation(api, sync_redis, names):
    a_id, a_key = create(api, name="A")
    b_id, b_key = create(api, name="B")
    store_alert(sync_redis, names, b_id, 1_760_000_000.0)
    before = api.get(f"/v1/subscribers/{b_id}", headers=auth(ADMIN)).json()
    preview = {"text": "China restricts dysprosium exports."}
    for method, path, body in [
        ("GET", f"/v1/subscribers/{b_id}", None),
        ("PUT", f"/v1/subscribers/{b_id}", profile()),
        ("PATCH", f"/v1/subscribers/{b_id}", {"threshold": 1}),
        ("DELETE", f"/v1/subscribers/{b_id}", None),
        ("GET", f"/v1/subscribers/{b_id}/alerts", None),
        ("POST", f"/v1/subscribers/{b_id}/test-alert", None),
        ("POST", f"/v1/subscribers/{b_id}/preview", preview),
        ("POST", f"/v1/subscribers/{b_id}/backtest", {"days": 7}),
        ("POST", f"/v1/subscribers/{b_id}/keys", None),
        ("DELETE", f"/v1/subscribers/{b_id}/keys", None),
    ]:
        reply = api.request(method, path, json=body, headers=auth(a_key))
        # Exactly what a subscriber that does not exist looks like.
        missing = api.request(method, path.replace(b_id, "sub_0000000000000000"), json=body,
                              headers=auth(a_key))
        assert reply.status_code == missing.status_code == 404, (method, path, reply.text)
        assert reply.json()["detail"].replace(b_id, "") == missing.json()["detail"].replace(
            "sub_0000000000000000", "")
    listed = api.get("/v1/subscribers", headers=auth(a_key)).json()["items"]
    assert [s["id"] for s in listed] == [a_id]
    assert api.get(f"/v1/subscribers?cursor={a_id}", headers=auth(a_key)).json()["items"] == []
    assert api.get("/v1/audit", headers=auth(a_key)).status_code == 403
    assert api.post("/v1/subscribers", json=profile(), headers=auth(a_key)).status_code == 403
    # B is untouched and still works with its own key; A still works on itself.
    assert api.get(f"/v1/subscribers/{b_id}", headers=auth(ADMIN)).json() == before
    assert len(api.get(f"/v1/subscribers/{b_id}/alerts", headers=auth(b_key)).json()["items"]) == 1
    assert sync_redis.xlen(names.stream(ALERTS).stream) == 0
    assert api.get(f"/v1/subscribers/{a_id}", headers=auth(a_key)).status_code == 200


def test_authentication_failures(api):
    assert api.get("/v1/subscribers").status_code == 401
    assert api.get("/v1/subscribers", headers=auth("wrong")).status_code == 401
    assert api.get("/v1/subscribers", headers={"authorization": "Basic abc"}).status_code == 401
    sid, key = create(api)
    new_key = api.post(f"/v1/subscribers/{sid}/keys", headers=auth(key)).json()["api_key"]
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).status_code == 401  # revoked
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(new_key)).status_code == 200


@pytest.mark.parametrize(
    ("body", "loc", "words"),
    [
        (profile(elements={"Qx": {"weight": 0.5}}), ["body", "elements"], "unknown element"),
        (profile(elements={"Dy": {"weight": 1.5}}), ["body", "elements", "Dy", "weight"], "less than"),
        (profile(elements={"Dy": {"weight": 0.5, "country_shares": {"China": 1}}}),
         ["body", "elements", "Dy", "country_shares"], "alpha-2"),
        (profile(suppliers=[{"name": "Maker", "country": "ßî"}]), ["body", "suppliers", 0, "country"],
         "alpha-2"),
        (profile(threshold="high"), ["body", "threshold"], "valid number"),
        (profile(channels=[{"type": "fax", "url": "x"}]), ["body", "channels", 0], "tag"),
        (profile(channels=[{"type": "webhook", "url": "https://127.0.0.2/x"}]),
         ["body", "channels", 0, "url"], "loopback"),
        (profile(channels=[{"type": "webhook", "url": "https://[::1]/x"}]),
         ["body", "channels", 0, "url"], "loopback"),
        (profile(channels=[{"type": "webhook", "url": "https://10.0.0.1/x"}]),
         ["body", "channels", 0, "url"], "private"),
        (profile(channels=[{"type": "webhook", "url": "https://169.254.169.254/x"}]),
         ["body", "channels", 0, "url"], "metadata"),
        (profile(channels=[{"type": "webhook", "url": "ftp://example.com/x"}]),
         ["body", "channels", 0, "webhook", "url"], "http"),
        (profile(channels=[{"type": "webhook", "url": "https://100.100.100.200/x"}]),
         ["body", "channels", 0, "url"], "carrier-grade NAT"),
        (profile(channels=[{"type": "webhook", "url": "https://100.64.0.1/x"}]),
         ["body", "channels", 0, "url"], "carrier-grade NAT"),
        (profile(channels=[{"type": "webhook", "url": "https://[2002:7f00:1::1]/x"}]),
         ["body", "channels", 0, "url"], "loopback address wrapped in a 6to4"),
        (profile(channels=[{"type": "webhook", "url": "https://[2002:a9fe:a9fe::1]/x"}]),
         ["body", "channels", 0, "url"], "metadata address wrapped in a 6to4"),
        (profile(channels=[{"type": "webhook", "url": "https://[64:ff9b::a9fe:a9fe]/x"}]),
         ["body", "channels", 0, "url"], "metadata address wrapped in a NAT64"),
        (profile(channels=[{"type": "webhook", "url": "https://hooks.example.com:99999/x"}]),
         ["body", "channels", 0, "webhook", "url"], "port"),
        (profile(channels=[{"type": "slack", "url": "https://hooks.example.com/services/T/B/X"}]),
         ["body", "channels", 0, "url"], "hooks.slack.com"),
        (profile(channels=[{"type": "slack", "url": "https://100.100.100.200/services/T/B/X"}]),
         ["body", "channels", 0, "url"], "carrier-grade NAT"),
        ({"name": "no exposure"}, ["body"], "at least one element or supplier"),
    ],
)
def test_profile_errors_name_the_field(api, body, loc, words):
    reply = api.post("/v1/subscribers", json=body, headers=auth(ADMIN))
    assert reply.status_code == 422, reply.text
    errors = reply.json()["detail"]
    assert any(e["loc"][: len(loc)] == loc and words in e["msg"] for e in errors), errors


def test_submit_event_reaches_the_submitted_stream(api, sync_redis, names):
    body = {"text": "China restricts gallium exports.", "title": "Gallium",
            "published_at": "2024-12-03T08:00:00Z"}
    reply = api.post("/v1/events", json=body, headers=auth(ADMIN))
    assert reply.status_code == 202
    [(_, fields)] = sync_redis.xrange(names.stream(SUBMITTED).stream)
    event = RawEvent.model_validate_json(streams.payload_of(fields))
    assert event.id == reply.json()["event_id"] and event.title == "Gallium"


def test_bad_events_get_clear_errors_and_store_nothing(api, sync_redis, names):
    stream = names.stream(SUBMITTED).stream
    cases = [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "JSON"),
        ({"json": {"title": "no text"}}, 422, "text"),
        ({"json": {"text": 5}}, 422, "text"),
        ({"json": {"text": "x", "published_at": "tomorrow"}}, 422, "published_at"),
        ({"json": {"text": "x", "extra": 1}}, 422, "extra"),
        ({"json": {"text": "   "}}, 422, "empty"),
        ({"content": b"text=x", "headers": {"content-type": "text/plain"}}, 415, "application/json"),
        ({"json": {"text": "x" * 30_000}}, 413, "bytes"),
    ]
    for kwargs, status, words in cases:
        headers = {**auth(ADMIN), **kwargs.pop("headers", {})}
        reply = api.post("/v1/events", headers=headers, **kwargs)
        assert reply.status_code == status, (kwargs, reply.text)
        assert words in reply.text, reply.text
    assert sync_redis.xlen(stream) == 0


def test_test_alert_and_empty_history(api, sync_redis, names):
    sid, key = create(api)
    assert api.get(f"/v1/subscribers/{sid}/alerts", headers=auth(key)).json()["items"] == []
    queued = api.post(f"/v1/subscribers/{sid}/test-alert", headers=auth(key))
    assert queued.status_code == 202
    [(_, fields)] = sync_redis.xrange(names.stream(ALERTS).stream)
    alert = Alert.model_validate_json(streams.payload_of(fields))
    assert alert.subscriber_id == sid and alert.alert_id == queued.json()["alert_id"]
    assert alert.title == "chokewatch test alert" and alert.score == 0 and alert.kind == "test"


def test_a_test_alert_reads_as_a_test_on_every_channel_not_as_a_low_band(api, sync_redis, names):
    from chokewatch.services.alert import slack, webhook

    sid, key = create(api)
    assert api.post(f"/v1/subscribers/{sid}/test-alert", headers=auth(key)).status_code == 202
    [(_, fields)] = sync_redis.xrange(names.stream(ALERTS).stream)
    alert = Alert.model_validate_json(streams.payload_of(fields))
    sent = json.loads(webhook.payload(alert))
    assert sent["type"] == "alert.test" and sent["alert"]["band"] == "test"
    message = slack.message(alert)
    header = message["blocks"][0]["text"]["text"]
    assert header.startswith("TEST · not scored · ")
    shown = json.dumps(message)
    assert "· low" not in shown and "· None" not in shown and "0/100" not in shown
