"""The console over real HTTP: sign-in and sessions, CSRF and origin checks, and the same
tenancy as the API, route by route."""

from __future__ import annotations

import re
from datetime import datetime

import httpx

from chokewatch.shared.sources import SourceStore
from chokewatch.shared.subscribers import SubscriberStore
from tests.api.helpers import ADMIN, SLACK, WHSEC, auth, create
from tests.api.test_incidents import alert_of, classify_all
from tests.incident_texts import OTHER, STORY

from .conftest import Console


def test_sign_in_sets_a_strict_http_only_session_that_sign_out_ends(console, api_url, sync_redis, names):
    anonymous = httpx.Client(base_url=api_url, follow_redirects=False)
    reply = anonymous.get("/console/incidents?q=gallium")
    assert reply.status_code == 303
    assert reply.headers["location"] == "/console/signin?next=%2Fconsole%2Fincidents%3Fq%3Dgallium"
    wrong = anonymous.post("/console/signin", data={"api_key": "cwk_not-a-key"},
                           headers={"origin": api_url})
    assert wrong.status_code == 401 and "not an admin or subscriber key" in wrong.text
    assert "set-cookie" not in wrong.headers

    c = Console(api_url)
    reply = c.sign_in(ADMIN)
    cookie = reply.headers["set-cookie"].lower()
    assert reply.status_code == 303 and reply.headers["location"] == "/console/incidents"
    for part in ("httponly", "samesite=strict", "path=/console", "max-age=28800"):
        assert part in cookie, cookie
    assert "secure" not in cookie  # plain http on loopback
    [key] = sync_redis.keys(names.console_session("*"))
    assert 28_700 < sync_redis.ttl(key) <= 28_800
    assert ADMIN not in sync_redis.get(key)  # the key itself is never stored
    assert c.http.get("/console/incidents").status_code == 200
    assert c.http.get("/console/signin").headers["location"] == "/console/incidents"  # signed in
    assert c.http.get("/console/signin?next=//evil.example/x").headers["location"] == "/console/incidents"

    assert c.post("/console/signout", {}).status_code == 303
    assert sync_redis.keys(names.console_session("*")) == []
    assert c.http.get("/console/incidents").status_code == 303

    # Behind an https proxy (X-Forwarded-Proto from loopback), the cookie is Secure.
    secure = anonymous.post("/console/signin", data={"api_key": ADMIN},
                            headers={"origin": api_url.replace("http:", "https:"),
                                     "x-forwarded-proto": "https"})
    assert secure.status_code == 303 and "secure" in secure.headers["set-cookie"].lower()


def test_forms_need_the_session_token_and_the_console_origin(console, api, api_url):
    sub_id, _ = create(api, name="magnets")
    c = console(ADMIN)
    path = f"/console/subscribers/{sub_id}/profile"
    form = {"name": "renamed", "el_symbol": "Dy", "el_weight": "0.5", "threshold": "40",
            "version": "1", "action": "save"}
    refused = [c.post(path, form, origin="http://evil.example"), c.post(path, form, origin=None),
               c.post(path, form, csrf=None), c.post(path, form, csrf="forged-token")]
    assert [r.status_code for r in refused] == [403, 403, 403, 403]
    assert "own pages" in refused[0].text and "security token" in refused[2].text
    assert api.get(f"/v1/subscribers/{sub_id}", headers=auth(ADMIN)).json()["subscriber"]["name"] == "magnets"
    # A sign-in form posted from elsewhere is refused too (no login CSRF).
    elsewhere = httpx.post(f"{api_url}/console/signin", data={"api_key": ADMIN},
                           headers={"origin": "http://evil.example"})
    assert elsewhere.status_code == 403

    saved = c.post(path, form)
    assert saved.status_code == 303, saved.text
    assert api.get(f"/v1/subscribers/{sub_id}", headers=auth(ADMIN)).json()["subscriber"]["name"] == "renamed"


async def test_a_subscriber_reaches_only_its_own_pages(console, api, settings, redis, names):
    await classify_all(settings, redis, names, STORY)
    mine, my_key = create(api, name="magnets")
    other, _ = create(api, name="batteries")
    [story] = api.get("/v1/incidents", headers=auth(ADMIN)).json()["items"]
    await alert_of(redis, names, mine, story, 62.5, "delivered")
    failed = await alert_of(redis, names, other, story, 48.0, "failed")
    c = console(my_key)

    for path in (f"/console/subscribers/{other}/alerts", f"/console/subscribers/{other}/profile",
                 f"/console/subscribers/{other}/alerts.json"):
        assert c.http.get(path).status_code == 404, path
    missing = c.http.get(f"/console/subscribers/{other}/alerts").text
    assert "Not found" in missing and "My alerts" in missing  # the viewer's own menu stays
    assert c.http.get("/console/sources").status_code == 403
    assert c.http.get("/console/subscribers").headers["location"] == f"/console/subscribers/{mine}/alerts"
    form = {"name": "x", "el_symbol": "Li", "el_weight": "1", "version": "1", "action": "save"}
    assert c.post(f"/console/subscribers/{other}/profile", form).status_code == 404
    assert c.post(f"/console/subscribers/{other}/alerts/{failed}/redrive", {}).status_code == 403
    assert c.post("/console/sources/anything/pause", {}).status_code == 403

    page = c.http.get(f"/console/incidents/{story['id']}").text
    assert "62.5" in page and "48.0" not in page and "batteries" not in page and other not in page
    feed = c.http.get("/console/incidents").text
    assert "62.5" in feed and "Your score" in feed
    own = c.http.get(f"/console/subscribers/{mine}/alerts")
    assert own.status_code == 200 and "Sb weight" in own.text and "Send again" not in own.text

    admin = console(ADMIN)
    page = admin.http.get(f"/console/incidents/{story['id']}").text
    assert "magnets" in page and "batteries" in page and "HTTP 500" in page


async def test_admin_sends_a_failed_alert_again(console, api, settings, redis, names):
    await classify_all(settings, redis, names, STORY)
    sub_id, sub_key = create(api, name="magnets")
    [story] = api.get("/v1/incidents", headers=auth(ADMIN)).json()["items"]
    failed = await alert_of(redis, names, sub_id, story, 55.0, "failed")
    own = api.post(f"/v1/subscribers/{sub_id}/alerts/{failed}/redrive", headers=auth(sub_key))
    assert own.status_code == 403  # sending again is the admin's
    delivered = await alert_of(redis, names, sub_id, {**story, "revision": 1}, 40.0, "delivered")
    admin = console(ADMIN)
    history = admin.http.get(f"/console/subscribers/{sub_id}/alerts").text
    assert history.count("Send again") == 1
    before = await redis.xlen(names.stream("alerts").stream)
    reply = admin.post(f"/console/subscribers/{sub_id}/alerts/{failed}/redrive", {})
    assert reply.status_code == 303 and reply.headers["location"].endswith("notice=redriven")
    assert await redis.xlen(names.stream("alerts").stream) == before + 1
    not_failed = api.post(f"/v1/subscribers/{sub_id}/alerts/{delivered}/redrive", headers=auth(ADMIN))
    assert not_failed.status_code == 409
    assert api.post(f"/v1/subscribers/{sub_id}/alerts/alrt_none/redrive",
                    headers=auth(ADMIN)).status_code == 404


def test_rotating_the_key_ends_its_sessions(console, api):
    sub_id, key = create(api)
    c = console(key)
    assert c.http.get(f"/console/subscribers/{sub_id}/alerts").status_code == 200
    assert api.post(f"/v1/subscribers/{sub_id}/keys", headers=auth(ADMIN)).status_code == 200
    assert c.http.get(f"/console/subscribers/{sub_id}/alerts").status_code == 303


def test_pages_load_only_the_consoles_own_assets(console, api_url):
    c = console(ADMIN)
    page = c.http.get("/console/incidents")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/console/static/console.css" in assets and "/console/static/console.js" in assets
    assert not [a for a in assets if "//" in a]  # nothing from another host
    for name, kind in (("console.css", "text/css"), ("console.js", "text/javascript")):
        reply = httpx.get(f"{api_url}/console/static/{name}")
        assert reply.status_code == 200 and reply.headers["content-type"].startswith(kind)
    assert httpx.get(f"{api_url}/console/static/../app.py").status_code == 404


async def test_sources_page_shows_state_and_pauses_resumes_and_polls(console, api, redis, names):
    feed = {"name": "wire", "kind": "feed", "location": "https://news.example/feed.xml"}
    assert api.post("/v1/sources", json=feed, headers=auth(ADMIN)).status_code == 201
    store = SourceStore(redis, names)
    await store.set_state("wire", {"last_poll_at": "2026-11-30T08:00:00+00:00",
                                   "last_error": "HTTP 503 from news.example",
                                   "last_error_reason": "http_status",
                                   "last_error_at": "2026-11-30T08:00:00+00:00",
                                   "consecutive_failures": 2})
    await store.record_item("wire", {"at": "2026-11-29T08:00:00+00:00", "title": "Gallium quota cut",
                                     "url": "javascript:alert(1)", "outcome": "admitted",
                                     "language": "en"})
    admin = console(ADMIN)
    page = admin.http.get("/console/sources").text
    assert "HTTP 503 from news.example" in page and "2026-11-30 08:00 UTC" in page
    assert "Gallium quota cut" in page and 'href="javascript:' not in page

    def paused() -> bool:
        return api.get("/v1/sources/wire", headers=auth(ADMIN)).json()["source"]["paused"]

    assert admin.post("/console/sources/wire/pause", {}).status_code == 303 and paused()
    assert "Resume" in admin.http.get("/console/sources").text
    refused = admin.post("/console/sources/wire/poll", {})
    assert refused.status_code == 409 and "paused" in refused.text
    assert admin.post("/console/sources/wire/resume", {}).status_code == 303 and not paused()
    assert admin.post("/console/sources/wire/poll", {}).headers["location"].endswith("notice=poll")
    assert admin.post("/console/sources/nothing/pause", {}).status_code == 404


async def test_live_counts_and_statuses_for_the_pages_scripts(console, api, settings, redis, names):
    await classify_all(settings, redis, names, STORY[:1])
    sub_id, key = create(api, name="magnets")
    [story] = api.get("/v1/incidents", headers=auth(ADMIN)).json()["items"]
    c = console(key)
    after = datetime.fromisoformat(story["last_seen"]).timestamp()
    assert c.http.get(f"/console/updates?after={after}").json() == {"new": 0}
    await classify_all(settings, redis, names, [OTHER])
    assert c.http.get(f"/console/updates?after={after}").json() == {"new": 1}
    alert_id = await alert_of(redis, names, sub_id, story, 50.0, "failed")
    statuses = c.http.get(f"/console/subscribers/{sub_id}/alerts.json").json()["items"]
    assert statuses == [{"alert_id": alert_id, "status": "failed",
                         "channels": [{"channel": "webhook:0", "outcome": "failed", "reason": "HTTP 500"}]}]
    assert Console(c.url).http.get("/console/updates?after=0").status_code == 303  # signed out


async def test_the_editor_keeps_write_only_secrets_and_never_shows_them(console, api, redis, names):
    rotated = "whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0"
    sub_id, _ = create(api, channels=[
        {"type": "webhook", "url": "https://hooks.example.com/a", "secret": WHSEC,
         "previous_secret": rotated, "previous_secret_until": "2030-01-01T00:00:00Z"},
        {"type": "slack", "url": SLACK}])
    admin = console(ADMIN)
    path = f"/console/subscribers/{sub_id}/profile"
    page = admin.http.get(path).text
    form = {"name": "EV motors", "threshold": "55", "el_symbol": ["Dy", ""], "el_weight": ["0.9", ""],
            "el_shares": ["CN 0.95", ""], "ch_type": ["webhook", "slack", "webhook"],
            "ch_url": ["https://hooks.example.com/a", "", ""], "ch_secret": ["", "", ""],
            "version": "1", "text": "Dysprosium exports need a licence from today, China said.",
            "action": "preview"}
    previewed = admin.post(path, form)
    assert previewed.status_code == 200 and "Score " in previewed.text
    for shown in (page, previewed.text):
        assert shown.count("(kept)") == 2  # the webhook's secret and the Slack URL, masked
        assert WHSEC not in shown and SLACK not in shown and rotated not in shown
    assert admin.post(path, {**form, "action": "save"}).status_code == 303
    stored = (await SubscriberStore(redis, names).get(sub_id)).revealed()
    assert stored["threshold"] == 55 and stored["version"] == 2
    webhook, slack = stored["channels"]
    assert (webhook["secret"], webhook["previous_secret"], slack["url"]) == (WHSEC, rotated, SLACK)
    assert webhook["previous_secret_until"].startswith("2030-01-01")


def test_console_pages_count_against_the_keys_rate_limit(start_api):
    api = start_api(api_rate_per_minute=3)
    c = Console(str(api.base_url))
    assert c.sign_in(ADMIN).status_code == 303
    # Seven pages span at most two one-minute windows, so one of them goes over three.
    replies = [c.http.get("/console/incidents") for _ in range(7)]
    limited = [r for r in replies if r.status_code == 429]
    assert limited and {r.status_code for r in replies} == {200, 429}
    assert int(limited[0].headers["retry-after"]) >= 1
    assert "text/html" in limited[0].headers["content-type"] and "<h1>" in limited[0].text
