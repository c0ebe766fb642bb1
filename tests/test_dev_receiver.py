"""The receiver of `up --dev` over real HTTP on loopback: signed webhooks checked, Slack-style
posts taken as Slack answers them, one printed line each, the last few shown on GET."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from chokewatch.services.devreceiver import DevReceiver, dev_env, ensure_secret


@pytest.fixture
def receiver(tmp_path: Path):
    printed = io.StringIO()
    running = DevReceiver(ensure_secret(tmp_path), port=0, out=printed, keep=3).start()
    running.printed = printed
    yield running
    running.stop()


def signed(secret: str, body: dict, msg_id: str = "alrt_1") -> tuple[bytes, dict]:
    raw = json.dumps(body).encode()
    at = datetime.now(UTC)
    return raw, {"webhook-id": msg_id, "webhook-timestamp": str(int(at.timestamp())),
                 "webhook-signature": Webhook(secret).sign(msg_id, at, raw.decode()),
                 "content-type": "application/json"}


ALERT = {"type": "alert.created", "version": 1, "subscriber_id": "sub_1",
         "alert": {"score": 72.5, "band": "high", "elements": ["Dy", "Tb"],
                   "title": "Dysprosium exports need a licence"}}


def test_the_secret_is_made_once_owner_only_and_in_the_api_s_format(tmp_path: Path):
    from chokewatch.shared.patterns import WEBHOOK_SECRET

    first = ensure_secret(tmp_path)
    assert ensure_secret(tmp_path) == first
    assert (tmp_path / "dev-receiver.secret").stat().st_mode & 0o077 == 0
    assert re.match(WEBHOOK_SECRET, first)


def test_webhooks_are_checked_and_shown(receiver):
    raw, headers = signed(receiver.secret, ALERT)
    assert httpx.post(f"{receiver.base_url}/webhook", content=raw, headers=headers).status_code == 204
    forged = {**headers, "webhook-signature": "v1,AAAA"}
    assert httpx.post(f"{receiver.base_url}/webhook", content=raw, headers=forged).status_code == 401
    unsigned = httpx.post(f"{receiver.base_url}/webhook", json={"type": "alert.test", "alert": {}})
    assert unsigned.status_code == 204
    checks = [r["signature"] for r in receiver.listing()]
    assert checks == ["missing", "invalid", "valid"]  # newest first
    shown = receiver.listing()[2]["headers"]  # the signature headers, as they came
    assert shown["webhook-id"] == "alrt_1" and shown["webhook-signature"].startswith("v1,")
    lines = receiver.printed.getvalue().splitlines()
    assert len(lines) == 3
    assert "webhook alert.created to sub_1: 72.5/100 high [Dy,Tb] Dysprosium exports need a " \
           "licence (signature valid)" in lines[0]
    assert "test alert" in lines[2] and "(signature missing)" in lines[2]


def test_slack_posts_are_answered_as_slack_does_and_the_last_few_are_kept(receiver):
    for n in range(4):
        reply = httpx.post(f"{receiver.base_url}/slack", json={"text": f"message {n}", "blocks": []})
        assert (reply.status_code, reply.text) == (200, "ok")
    kept = httpx.get(f"{receiver.base_url}/received.json").json()["items"]
    assert [r["body"]["text"] for r in kept] == ["message 3", "message 2", "message 1"]  # keep=3
    text = httpx.get(f"{receiver.base_url}/")
    assert text.headers["content-type"].startswith("text/plain")
    assert text.text.splitlines()[0].endswith("slack: message 3")
    page = httpx.get(f"{receiver.base_url}/", headers={"accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "message 1" in page.text
    assert "message 0" not in page.text
    assert httpx.post(f"{receiver.base_url}/elsewhere", json={}).status_code == 404
    odd = httpx.post(f"{receiver.base_url}/webhook", json={"type": "alert.digest", "alerts": 7})
    assert odd.status_code == 204 and "alert.digest" in receiver.listing()[0]["line"]
    assert httpx.post(f"{receiver.base_url}/slack", content=b"{nope").status_code == 400


def test_dev_settings_open_the_guard_to_the_receiver_alone(receiver):
    from chokewatch.shared.fetchguard import FetchGuard, UnsafeTarget, host_in
    from chokewatch.shared.settings import Settings

    env = dev_env({"CHOKEWATCH_WEBHOOK_ALLOW_HOSTS": "intranet.example:8443"}, receiver)
    settings = Settings(webhook_allow_hosts=env["CHOKEWATCH_WEBHOOK_ALLOW_HOSTS"],
                        slack_hosts=env["CHOKEWATCH_SLACK_HOSTS"])
    guard = FetchGuard(settings.webhook_allow_hosts, settings.webhook_allow_http)
    guard.check_literal(f"{receiver.base_url}/webhook")
    assert host_in(f"{receiver.base_url}/slack", settings.slack_hosts)
    assert "hooks.slack.com" in settings.slack_hosts
    assert "intranet.example:8443" in settings.webhook_allow_hosts
    with pytest.raises(UnsafeTarget):
        guard.check_literal(f"http://127.0.0.1:{receiver.port + 1}/webhook")
