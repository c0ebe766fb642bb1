"""The /v1/sources routes on a real server on loopback: admin only, validated, and showing each
source's poll state and errors."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from prometheus_client import REGISTRY
from pydantic import SecretStr

from chokewatch.services.ingest.poller import Poller
from tests.api.conftest import serving
from tests.api.helpers import ADMIN, auth, create

from .site import Reply, rss, today

FEED = {"name": "wire", "kind": "feed", "location": "https://news.example/feed.xml", "interval_s": 300}


@pytest.fixture
def api(source_settings) -> Iterator[httpx.Client]:
    with serving(source_settings.model_copy(update={"admin_key": SecretStr(ADMIN)})) as url:
        with httpx.Client(base_url=url, timeout=10, headers=auth(ADMIN)) as client:
            yield client


def test_create_read_list_change_delete(api, sync_redis, names):
    made = api.post("/v1/sources", json={**FEED, "backfill_days": 3, "options": {"fetch_pages": True}})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["source"]["options"] == {"max_items": 50, "fetch_pages": True}  # completed
    assert body["state"]["status"] == "new" and body["cutoff"].startswith(today().date().isoformat())
    assert sync_redis.zscore(names.source_due, "wire") == 0  # first poll at once

    assert api.post("/v1/sources", json=FEED).status_code == 409
    assert [s["source"]["name"] for s in api.get("/v1/sources").json()["items"]] == ["wire"]

    paused = api.patch("/v1/sources/wire", json={"paused": True, "alert_after": "2025-10-01T08:00:00+02:00"})
    assert paused.status_code == 200 and paused.json()["state"]["status"] == "paused"
    assert paused.json()["cutoff"] == "2025-10-01T06:00:00Z"
    assert sync_redis.zscore(names.source_due, "wire") is None
    assert api.post("/v1/sources/wire/poll").status_code == 409
    assert api.patch("/v1/sources/wire", json={"paused": False}).json()["source"]["paused"] is False
    assert api.post("/v1/sources/wire/poll").status_code == 202

    assert api.delete("/v1/sources/wire").status_code == 204
    assert api.get("/v1/sources/wire").status_code == 404
    assert api.delete("/v1/sources/wire").status_code == 404


@pytest.mark.parametrize(("body", "where"), [
    ({**FEED, "name": "Bad Name"}, ["body", "name"]),
    ({**FEED, "kind": "telegram"}, ["body", "kind"]),
    ({**FEED, "location": "ftp://x/feed"}, ["body"]),
    ({**FEED, "interval_s": 0}, ["body", "interval_s"]),
    ({**FEED, "options": {"colour": "red"}}, ["body"]),
    ({**FEED, "kind": "page", "options": {"item_selector": "li[[["}}, ["body"]),
    ({**FEED, "kind": "page"}, ["body"]),  # item_selector required
    ({**FEED, "kind": "folder", "location": "../../etc"}, ["body", "location"]),
    ({**FEED, "kind": "folder", "location": ".", "options": {"pattern": "../../outside/*.md"}},
     ["body", "options", "pattern"]),
    ({**FEED, "location": "http://169.254.169.254/latest/meta-data"}, ["body", "location"]),
    ({**FEED, "location": "http://100.100.100.200/feed"}, ["body", "location"]),
    ({**FEED, "location": "http://[2002:7f00:1::1]/feed"}, ["body", "location"]),
    ({**FEED, "location": "http://10.0.0.7:8080/feed"}, ["body", "location"]),
    ({**FEED, "kind": "federal_register", "options": {"agencies": ["no spaces please"]}}, ["body"]),
])
def test_invalid_sources_are_refused_with_their_field(api, body, where):
    reply = api.post("/v1/sources", json=body)
    assert reply.status_code == 422, reply.text
    assert reply.json()["detail"][0]["loc"][:len(where)] == where


def test_admin_only(api):
    sub_id, key = create(api)
    assert api.get("/v1/sources", headers=auth(key)).status_code == 403
    assert api.post("/v1/sources", json=FEED, headers=auth(key)).status_code == 403
    assert api.get("/v1/sources", headers={"authorization": "Bearer nope"}).status_code == 401


async def test_a_failing_source_shows_its_error_and_items(api, site, source_settings, redis, names):
    site.serve("/good.xml", Reply(rss({"title": "Gallium licences", "link": "https://n.example/1",
                                        "at": today(),
                                        "html": "China requires licences for gallium exports from today."})))
    site.serve("/bad.xml", Reply("no", status=500, content_type="text/plain"))
    for name, path in (("good", "/good.xml"), ("bad", "/bad.xml")):
        made = api.post("/v1/sources", json={**FEED, "name": name, "location": site.url(path)})
        assert made.status_code == 201
    poller = Poller(source_settings, redis, names)
    try:
        await poller.tick()
        await poller.drain()
        await poller.refresh_gauges()
    finally:
        await poller.fetcher.aclose()

    bad = api.get("/v1/sources/bad").json()["state"]
    assert bad["status"] == "failing" and bad["consecutive_failures"] == 1
    assert bad["last_error_reason"] == "http_status" and "HTTP 500" in bad["last_error"]
    good = api.get("/v1/sources/good").json()["state"]
    assert good["status"] == "ok" and good["items_admitted"] == 1
    [item] = api.get("/v1/sources/good/items").json()["items"]
    assert item["title"] == "Gallium licences" and item["language"] == "en" and item["outcome"] == "admitted"
    assert api.get("/v1/sources/nope/items").status_code == 404
    assert REGISTRY.get_sample_value("chokewatch_sources", {"kind": "feed", "status": "failing"}) == 1


def test_a_folder_pattern_cannot_be_changed_to_lead_outside(api):
    made = api.post("/v1/sources", json={**FEED, "kind": "folder", "location": ".",
                                         "options": {"pattern": "*.md"}})
    assert made.status_code == 201, made.text
    changed = api.patch("/v1/sources/wire", json={"options": {"pattern": "../../outside/*.md"}})
    assert changed.status_code == 422 and changed.json()["detail"][0]["loc"] == ["body", "options", "pattern"]
    assert api.get("/v1/sources/wire").json()["source"]["options"]["pattern"] == "*.md"
