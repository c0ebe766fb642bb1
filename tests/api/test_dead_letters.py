"""Dead letters through the API: listed with reasons, redriven by the admin only."""

from __future__ import annotations

from chokewatch.shared import streams
from chokewatch.shared.names import ALERTS

from .conftest import ADMIN
from .helpers import auth, create


def test_admin_lists_and_redrives_dead_alerts(api, sync_redis, names):
    keys = names.stream(ALERTS)
    sync_redis.xadd(keys.dead, {streams.DATA: '{"data": "{}", "headers": {}}', "attempts": "12",
                                "reason": "failed 12 times; last: HTTP 503", "source_id": "1-1"})
    sync_redis.xadd(keys.dead, {"original": "{}", "reason": "no '__data__' field"})
    listed = api.get("/v1/dead-letters/alerts", headers=auth(ADMIN)).json()
    assert listed["total"] == 2
    assert [i["reason"] for i in listed["items"]][1] == "failed 12 times; last: HTTP 503"
    assert listed["items"][1]["attempts"] == 12

    redriven = api.post("/v1/dead-letters/alerts/redrive", headers=auth(ADMIN)).json()
    assert redriven == {"stream": "alerts", "redriven": 1}
    assert sync_redis.xlen(keys.stream) == 1 and sync_redis.xlen(keys.dead) == 1


def test_only_the_admin_and_only_known_streams(api):
    _, key = create(api)
    assert api.get("/v1/dead-letters/alerts", headers=auth(key)).status_code == 403
    assert api.post("/v1/dead-letters/raw/redrive", headers=auth(key)).status_code == 403
    assert api.get("/v1/dead-letters/alerts").status_code == 401
    reply = api.get("/v1/dead-letters/nope", headers=auth(ADMIN))
    assert reply.status_code == 422 and "stream" in reply.text
