"""Event submission is idempotent by Idempotency-Key; bodies are size-limited on every route."""

from __future__ import annotations

from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent
from chokewatch.shared.names import SUBMITTED

from .helpers import ADMIN, auth, create, profile, publisher

EVENT = {"text": "China restricts gallium exports.", "title": "Gallium"}


def test_same_idempotency_key_same_event_once(api, sync_redis, names):
    stream = names.stream(SUBMITTED).stream
    headers = {**auth(ADMIN), "idempotency-key": "feed-42"}
    first = api.post("/v1/events", json=EVENT, headers=headers)
    again = api.post("/v1/events", json=EVENT, headers=headers)
    assert first.status_code == again.status_code == 202
    assert first.json()["event_id"] == again.json()["event_id"]
    assert (first.json()["status"], again.json()["status"]) == ("accepted", "duplicate")
    assert again.headers["idempotent-replayed"] == "true"
    assert sync_redis.xlen(stream) == 1
    [key] = sync_redis.keys(names.idempotency("*"))
    assert 0 < sync_redis.ttl(key) <= 24 * 3600

    other_body = api.post("/v1/events", json={**EVENT, "title": "Other"}, headers=headers)
    assert other_body.status_code == 409
    # The same key from someone else is their own key: a new event.
    pub_key = publisher(api)
    theirs = api.post("/v1/events", json=EVENT, headers={**auth(pub_key), "idempotency-key": "feed-42"})
    assert theirs.status_code == 202 and theirs.json()["event_id"] != first.json()["event_id"]
    # An invalid body does not use up the key.
    bad = api.post("/v1/events", json={"text": " "}, headers={**auth(ADMIN), "idempotency-key": "k2"})
    good = api.post("/v1/events", json=EVENT, headers={**auth(ADMIN), "idempotency-key": "k2"})
    assert (bad.status_code, good.status_code, good.json()["status"]) == (422, 202, "accepted")
    assert sync_redis.xlen(stream) == 3


def test_only_the_admin_and_publishers_submit_events_and_each_event_names_its_submitter(
        api, sync_redis, names):
    stream = names.stream(SUBMITTED).stream
    sub_id, sub_key = create(api)
    refused = api.post("/v1/events", json=EVENT, headers=auth(sub_key))
    assert refused.status_code == 403 and "publish" in refused.json()["detail"]
    assert sync_redis.xlen(stream) == 0

    pub_key = publisher(api, "newsroom")
    assert api.post("/v1/publishers", json={"name": "newsroom"}, headers=auth(ADMIN)).status_code == 409
    assert api.post("/v1/publishers", json={"name": "x"}, headers=auth(sub_key)).status_code == 403
    assert api.post("/v1/events", json=EVENT, headers=auth(pub_key)).status_code == 202
    assert api.post("/v1/events", json=EVENT, headers=auth(ADMIN)).status_code == 202
    events = [RawEvent.model_validate_json(streams.payload_of(f)) for _, f in sync_redis.xrange(stream)]
    assert [(e.submitted_by, e.source) for e in events] == [("publisher:newsroom", "api:newsroom"),
                                                            ("admin", "api")]
    # A publisher key submits and nothing else.
    assert api.get(f"/v1/subscribers/{sub_id}", headers=auth(pub_key)).status_code == 404
    assert api.get("/v1/sources", headers=auth(pub_key)).status_code == 403
    assert api.get("/v1/publishers", headers=auth(ADMIN)).json()["items"][0]["name"] == "newsroom"
    assert "key" not in api.get("/v1/publishers", headers=auth(ADMIN)).text

    rotated = api.post("/v1/publishers/newsroom/keys", headers=auth(ADMIN)).json()["api_key"]
    assert api.post("/v1/events", json=EVENT, headers=auth(pub_key)).status_code == 401
    assert api.post("/v1/events", json=EVENT, headers=auth(rotated)).status_code == 202
    assert api.delete("/v1/publishers/newsroom", headers=auth(ADMIN)).status_code == 204
    assert api.post("/v1/events", json=EVENT, headers=auth(rotated)).status_code == 401
    assert api.delete("/v1/publishers/newsroom", headers=auth(ADMIN)).status_code == 404


def test_every_route_limits_the_body(api):
    big = profile(name="x" * 100, suppliers=[{"name": "s" * 150}] * 200)
    declared = api.post("/v1/subscribers", json=big, headers=auth(ADMIN))
    assert declared.status_code == 413 and "bytes" in declared.text

    def chunks():  # no content-length: the limit applies while the body streams in
        for _ in range(30):
            yield b" " * 1_000

    sid, key = create(api)
    streamed = api.post(f"/v1/subscribers/{sid}/preview", content=chunks(),
                        headers={**auth(key), "content-type": "application/json"})
    assert streamed.status_code == 413
    streamed_event = api.post("/v1/events", content=chunks(),
                              headers={**auth(ADMIN), "content-type": "application/json"})
    assert streamed_event.status_code == 413
