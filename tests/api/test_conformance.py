"""What the OpenAPI document promises about methods, bodies and times, the API keeps."""

from __future__ import annotations

from chokewatch.shared.names import SUBMITTED

from .helpers import ADMIN, auth, create


def test_options_lists_every_method_of_the_resource_and_405_does_too(api):
    sid, _ = create(api)
    doc = api.get("/openapi.json").json()
    for path, concrete in [("/v1/subscribers/{subscriber_id}", f"/v1/subscribers/{sid}"),
                           ("/v1/subscribers/{subscriber_id}/keys", f"/v1/subscribers/{sid}/keys"),
                           ("/v1/sources/{name}", "/v1/sources/bis-rules"),
                           ("/v1/publishers", "/v1/publishers")]:
        documented = {m.upper() for m in doc["paths"][path]}
        options = api.options(concrete)
        assert options.status_code == 204
        assert set(options.headers["allow"].split(", ")) == documented | {"OPTIONS"}
        refused = api.request("TRACE", concrete, headers=auth(ADMIN))
        assert refused.status_code == 405 and refused.headers["allow"] == options.headers["allow"]
    assert api.options("/no/such/path").status_code == 404


def test_times_must_be_rfc3339_date_times(api, sync_redis, names):
    sid, key = create(api)
    for loose in ("0", "2025-10-09", "1760000000"):
        reply = api.get(f"/v1/subscribers/{sid}/alerts", params={"since": loose}, headers=auth(key))
        assert reply.status_code == 422 and reply.json()["detail"][0]["loc"] == ["query", "since"]
    assert api.get(f"/v1/subscribers/{sid}/alerts", params={"since": "2025-10-09T08:00:00+02:00"},
                   headers=auth(key)).status_code == 200
    event = api.post("/v1/events", json={"text": "Gallium.", "published_at": 0}, headers=auth(ADMIN))
    assert event.status_code == 422 and event.json()["detail"][0]["loc"] == ["body", "published_at"]
    assert sync_redis.xlen(names.stream(SUBMITTED).stream) == 0


def test_a_body_that_is_not_json_is_a_documented_400(api):
    doc = api.get("/openapi.json").json()
    for path, methods in doc["paths"].items():
        for method, operation in methods.items():
            if "requestBody" in operation:
                assert "400" in operation["responses"], (method, path)
            for code, reply in operation["responses"].items():
                if code[0] in "45":
                    assert "application/json" in reply["content"], (method, path, code)
    headers = {**auth(ADMIN), "content-type": "application/json"}
    reply = api.post("/v1/publishers", content=b"\xff{", headers=headers)
    assert reply.status_code == 400 and isinstance(reply.json()["detail"], str)


def test_source_times_are_rfc3339_too(api):
    feed = {"name": "wire", "kind": "feed", "location": "https://news.example/feed.xml"}
    made = api.post("/v1/sources", json={**feed, "alert_after": 0}, headers=auth(ADMIN))
    assert made.status_code == 422 and made.json()["detail"][0]["loc"][:2] == ["body", "alert_after"]
    assert api.post("/v1/sources", json=feed, headers=auth(ADMIN)).status_code == 201
    changed = api.patch("/v1/sources/wire", json={"alert_after": 0}, headers=auth(ADMIN))
    assert changed.status_code == 422 and changed.json()["detail"][0]["loc"][:2] == ["body", "alert_after"]
    cut = api.patch("/v1/sources/wire", json={"alert_after": "2025-10-01T08:00:00+02:00"},
                    headers=auth(ADMIN))
    assert cut.status_code == 200 and cut.json()["cutoff"] == "2025-10-01T06:00:00Z"


def test_source_numbers_and_flags_are_not_guessed_from_strings(api):
    feed = {"name": "wire", "kind": "feed", "location": "https://news.example/feed.xml"}
    for loose in ({"interval_s": "60"}, {"paused": "true"}, {"backfill_days": 1.5}):
        made = api.post("/v1/sources", json={**feed, **loose}, headers=auth(ADMIN))
        assert made.status_code == 422 and made.json()["detail"][0]["loc"][1] in loose, made.text
    assert api.post("/v1/sources", json={**feed, "interval_s": 60}, headers=auth(ADMIN)).status_code == 201
    for loose in ({"interval_s": "60"}, {"paused": 1}):
        changed = api.patch("/v1/sources/wire", json=loose, headers=auth(ADMIN))
        assert changed.status_code == 422 and changed.json()["detail"][0]["loc"][1] in loose, changed.text
    paused = api.patch("/v1/sources/wire", json={"paused": True}, headers=auth(ADMIN))
    assert paused.json()["source"]["paused"] is True
