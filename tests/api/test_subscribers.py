"""Subscriber changes: write-only secrets, ETag/If-Match, atomic compare-and-set, keys, audit."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx

from chokewatch.shared import secretbox
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore

from .helpers import ADMIN, SLACK, WHSEC, auth, create, profile

TWO_CHANNELS = [{"type": "webhook", "url": "https://hooks.example.com/a", "secret": WHSEC},
                {"type": "slack", "url": SLACK}]


def stored(sync_redis, names, sid: str) -> dict:
    return json.loads(sync_redis.hget(names.subscribers, sid))


def secrets_of(sync_redis, names, sid: str) -> tuple[str | None, str | None]:
    """The stored secrets, decrypted (they are kept encrypted: test_secrets_are_encrypted...)."""
    channels = stored(sync_redis, names, sid)["channels"]
    hook = next((c.get("secret") for c in channels if c["type"] == "webhook"), None)
    slack = next((c["url"] for c in channels if c["type"] == "slack"), None)
    return (secretbox.unseal(hook) if hook else None), (secretbox.unseal(slack) if slack else None)


def test_secrets_are_encrypted_in_redis(api, sync_redis, names):
    sid, key = create(api, channels=TWO_CHANNELS)
    raw = sync_redis.hget(names.subscribers, sid)
    assert WHSEC not in raw and SLACK not in raw and "hooks.slack.com" not in raw
    channels = stored(sync_redis, names, sid)["channels"]
    assert channels[0]["secret"].startswith(secretbox.PREFIX)
    assert channels[1]["url"].startswith(secretbox.PREFIX)
    assert channels[0]["url"] == "https://hooks.example.com/a"  # a webhook's URL is no secret
    assert secrets_of(sync_redis, names, sid) == (WHSEC, SLACK)


def test_putting_back_what_was_read_keeps_the_secrets(api, sync_redis, names):
    sid, key = create(api, channels=TWO_CHANNELS)
    read = api.get(f"/v1/subscribers/{sid}", headers=auth(key)).json()["subscriber"]
    assert WHSEC not in json.dumps(read) and SLACK not in json.dumps(read)
    read["threshold"] = 60  # edit what was read, send it all back, masks and read-only fields too
    reply = api.put(f"/v1/subscribers/{sid}", headers=auth(key), json=read)
    assert reply.status_code == 200, reply.text
    assert reply.json()["subscriber"]["threshold"] == 60
    assert secrets_of(sync_redis, names, sid) == (WHSEC, SLACK)


def test_patch_keeps_secrets_unless_replaced_or_dropped(api, sync_redis, names):
    sid, key = create(api, channels=TWO_CHANNELS)
    assert api.patch(f"/v1/subscribers/{sid}", headers=auth(key), json={"threshold": 10}).status_code == 200
    assert secrets_of(sync_redis, names, sid) == (WHSEC, SLACK)

    # Secret left out for the same endpoint, Slack URL left out in the same place: both kept.
    left_out = [{"type": "webhook", "url": "https://hooks.example.com/a"}, {"type": "slack"}]
    assert api.patch(f"/v1/subscribers/{sid}", headers=auth(key),
                     json={"channels": left_out}).status_code == 200
    assert secrets_of(sync_redis, names, sid) == (WHSEC, SLACK)

    new = "whsec_bmV3LW5ldy1uZXctbmV3LW5ldw=="
    changed = [{"type": "webhook", "url": "https://hooks.example.com/a", "secret": new}]
    assert api.patch(f"/v1/subscribers/{sid}", headers=auth(key),
                     json={"channels": changed}).status_code == 200
    assert secrets_of(sync_redis, names, sid) == (new, None)

    dropped = [{"type": "webhook", "url": "https://hooks.example.com/a", "secret": None}]
    assert api.patch(f"/v1/subscribers/{sid}", headers=auth(key),
                     json={"channels": dropped}).status_code == 200
    assert secrets_of(sync_redis, names, sid) == (None, None)


def test_a_mask_that_matches_nothing_is_refused(api, sync_redis, names):
    sid, key = create(api)
    for channel, field in [
        ({"type": "webhook", "url": "https://hooks.example.com/a", "secret": "whse…XX"}, "secret"),
        ({"type": "slack", "url": "http…XX"}, "url"),
    ]:
        reply = api.patch(f"/v1/subscribers/{sid}", headers=auth(key), json={"channels": [channel]})
        assert reply.status_code == 422, reply.text
        assert reply.json()["detail"][0]["loc"] == ["body", "channels", 0, field]
    assert secrets_of(sync_redis, names, sid) == (WHSEC, None)


def test_change_errors_name_the_field(api):
    sid, key = create(api)
    cases = [
        ({"threshold": 101}, ["body", "threshold"]),
        ({"colour": "red"}, ["body", "colour"]),
        ({"elements": {"Dy": {"weight": -1}}}, ["body", "elements", "Dy", "weight"]),
    ]
    for patch, loc in cases:
        reply = api.patch(f"/v1/subscribers/{sid}", headers=auth(key), json=patch)
        assert reply.status_code == 422 and reply.json()["detail"][0]["loc"][: len(loc)] == loc, reply.text
    assert api.put(f"/v1/subscribers/{sid}", headers=auth(key), json=[1]).status_code == 422
    assert api.put(f"/v1/subscribers/{sid}", headers={**auth(key), "content-type": "text/plain"},
                   content=b"x").status_code == 415
    bad_json = api.put(f"/v1/subscribers/{sid}", headers={**auth(key), "content-type": "application/json"},
                       content=b"{nope")
    assert bad_json.status_code == 422 and "JSON" in bad_json.text
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).json()["subscriber"]["version"] == 1


def test_etag_and_if_match(api):
    sid, key = create(api)
    read = api.get(f"/v1/subscribers/{sid}", headers=auth(key))
    assert read.headers["etag"] == '"1"'
    ok = api.patch(f"/v1/subscribers/{sid}", headers={**auth(key), "if-match": '"1"'}, json={"threshold": 5})
    assert ok.status_code == 200 and ok.headers["etag"] == '"2"'
    stale = api.put(f"/v1/subscribers/{sid}", headers={**auth(key), "if-match": '"1"'}, json=profile())
    assert stale.status_code == 412
    assert api.patch(f"/v1/subscribers/{sid}", headers={**auth(key), "if-match": 'W/"2"'},
                     json={"threshold": 6}).status_code == 200
    assert api.delete(f"/v1/subscribers/{sid}", headers={**auth(ADMIN), "if-match": '"2"'}).status_code == 412
    assert api.delete(f"/v1/subscribers/{sid}", headers={**auth(ADMIN), "if-match": "*"}).status_code == 204
    assert api.patch(f"/v1/subscribers/{sid}", headers=auth(ADMIN), json={"threshold": 1}).status_code == 404


def test_concurrent_edits_lose_nothing(api_url):
    with httpx.Client(base_url=api_url, timeout=20) as api:
        sid, key = create(api)

        def patch(n: int, if_match: str | None = None) -> int:
            headers = {**auth(key), **({"if-match": if_match} if if_match else {})}
            with httpx.Client(base_url=api_url, timeout=20) as own:
                return own.patch(f"/v1/subscribers/{sid}", headers=headers,
                                 json={"name": f"n{n}"}).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(patch, range(16)))
        assert codes == [200] * 16
        assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).json()["subscriber"]["version"] == 17

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda n: patch(n, '"17"'), range(8)))
        assert sorted(codes) == [200] + [412] * 7


async def test_compare_and_set_in_the_store(redis, names):
    store = SubscriberStore(redis, names)
    now = datetime.now(UTC)
    first = Subscriber(id="sub_cas", created_at=now, updated_at=now, name="a",
                       elements={"Dy": {"weight": 0.5}})
    assert await store.replace(first, None)
    assert not await store.replace(first, None)  # already there
    base = json.loads(first.storable()) | {"version": 2}
    to_ga = Subscriber.model_validate(base | {"elements": {"Ga": {"weight": 0.5}}})
    to_nd = Subscriber.model_validate(base | {"elements": {"Nd": {"weight": 0.5}}})
    assert await store.replace(to_ga, first)
    assert not await store.replace(to_nd, first)  # read version 1, but 2 is stored
    assert await redis.smembers(names.element_index("Ga")) == {"sub_cas"}
    assert not await redis.smembers(names.element_index("Dy"))
    assert not await redis.smembers(names.element_index("Nd"))
    assert not await store.remove(first)  # stale version: nothing deleted
    assert await store.remove(to_ga)
    assert await store.get("sub_cas") is None and not await redis.smembers(names.element_index("Ga"))


def test_keys_rotate_and_revoke(api):
    sid, key = create(api)
    assert api.delete(f"/v1/subscribers/{sid}/keys", headers=auth(key)).status_code == 204
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).status_code == 401  # own key revoked
    new = api.post(f"/v1/subscribers/{sid}/keys", headers=auth(ADMIN)).json()["api_key"]
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(new)).status_code == 200
    assert api.delete(f"/v1/subscribers/{sid}/keys", headers=auth(ADMIN)).status_code == 204
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(new)).status_code == 401
    assert api.delete("/v1/subscribers/sub_nobody/keys", headers=auth(ADMIN)).status_code == 404


def test_audit_trail_names_fields_never_secrets(api, sync_redis, names):
    sid, key = create(api, channels=TWO_CHANNELS)
    api.patch(f"/v1/subscribers/{sid}", headers=auth(key), json={"threshold": 12})
    new = "whsec_bmV3LW5ldy1uZXctbmV3LW5ldw=="
    api.patch(f"/v1/subscribers/{sid}", headers={**auth(ADMIN), "x-request-id": "req-audit-1"},
              json={"channels": [{"type": "webhook", "url": "https://hooks.example.com/a", "secret": new}]})
    api.post(f"/v1/subscribers/{sid}/keys", headers=auth(key))
    api.delete(f"/v1/subscribers/{sid}", headers=auth(ADMIN))

    page = api.get("/v1/audit", headers=auth(ADMIN)).json()
    mine = [e for e in page["items"] if e["subscriber_id"] == sid]
    assert [(e["action"], e["actor"], e["fields"], e["version"]) for e in mine] == [
        ("subscriber.deleted", "admin", [], None),
        ("key.rotated", sid, [], None),
        ("subscriber.patched", "admin", ["channels"], 3),
        ("subscriber.patched", sid, ["threshold"], 2),
        ("subscriber.created", "admin", ["channels", "elements", "muted_event_types", "name",
                                         "products", "suppliers", "threshold"], 1),
    ]
    assert mine[2]["request_id"] == "req-audit-1"
    raw = json.dumps(sync_redis.xrange(names.audit))
    assert WHSEC not in raw and new not in raw and SLACK not in raw

    first = api.get("/v1/audit?limit=2", headers=auth(ADMIN)).json()
    rest = api.get(f"/v1/audit?limit=10&cursor={first['next_cursor']}", headers=auth(ADMIN)).json()
    assert [e["id"] for e in first["items"] + rest["items"]] == [e["id"] for e in page["items"]]
    assert api.get("/v1/audit?cursor=nope", headers=auth(ADMIN)).status_code == 422


def test_subscriber_keys_cannot_read_the_audit_trail(api):
    _, key = create(api)
    assert api.get("/v1/audit", headers=auth(key)).status_code == 403
    assert api.get("/v1/audit").status_code == 401


def test_deep_nesting_and_a_bad_port_are_422_naming_the_field(api):
    sid, key = create(api)
    headers = {**auth(key), "content-type": "application/json"}
    deep = '{"name": ' + "[" * 5_000 + "]" * 5_000 + "}"
    for method in ("PUT", "PATCH"):
        reply = api.request(method, f"/v1/subscribers/{sid}", content=deep, headers=headers)
        assert reply.status_code == 422, reply.text
        assert reply.json()["detail"][0]["loc"][:2] == ["body", "name"]
        assert "nested" in reply.json()["detail"][0]["msg"]
    created = api.post("/v1/subscribers", content="[" * 5_000 + "]" * 5_000,
                       headers={**auth(ADMIN), "content-type": "application/json"})
    assert created.status_code == 422 and created.json()["detail"][0]["loc"][0] == "body"

    for port in ("99999", "x"):
        channel = {"type": "webhook", "url": f"https://hooks.example.com:{port}/a"}
        for method in ("PUT", "PATCH"):
            body = profile(channels=[channel]) if method == "PUT" else {"channels": [channel]}
            reply = api.request(method, f"/v1/subscribers/{sid}", json=body, headers=auth(key))
            assert reply.status_code == 422, reply.text
            assert reply.json()["detail"][0]["loc"][:3] == ["body", "channels", 0]
            assert "port" in reply.json()["detail"][0]["msg"]
    assert api.get(f"/v1/subscribers/{sid}", headers=auth(key)).json()["subscriber"]["version"] == 1
