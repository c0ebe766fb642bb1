"""Channel plug-ins: what each sends and at what rate, read from the alert's typed fields."""

from __future__ import annotations

import json

import httpx
import pytest

from chokewatch.services.alert.sender import KINDS
from chokewatch.services.alert.slack import Slack
from chokewatch.services.alert.webhook import Webhook
from chokewatch.shared.profiles import SlackChannel, WebhookChannel
from chokewatch.shared.settings import Settings
from tests.alert.test_delivery import NEW, make_alert

HOOK = WebhookChannel(type="webhook", url="https://hooks.example.com/a", secret=NEW)
SLACK = SlackChannel(type="slack", url="https://hooks.slack.com/services/T0/B0/XX")


@pytest.mark.parametrize(("kind", "wire"), [("new", "alert.created"), ("update", "alert.updated"),
                                            ("test", "alert.test")])
def test_the_webhook_type_follows_the_alert_kind(kind, wire):
    request = Webhook(HOOK, Settings()).alert(make_alert("x", kind=kind, incident_id="inc_1"))
    assert json.loads(request.body)["type"] == wire
    assert request.url == HOOK.url and request.headers["webhook-id"] == "alrt_x_1"


def test_slack_keeps_one_turn_per_webhook_and_none_when_disabled():
    one, again = Slack(SLACK, Settings()), Slack(SLACK, Settings())
    assert one.rate is not None and one.rate.key == again.rate.key and one.rate.interval_ms == 1_000
    assert Slack(SLACK, Settings(slack_interval_ms=0)).rate is None
    assert Webhook(HOOK, Settings()).rate is None
    assert "blocks" in json.loads(one.alert(make_alert("x")).body)


@pytest.mark.parametrize(("status", "delivered", "retry"), [(204, True, False), (429, False, True),
                                                            (503, False, True), (404, False, False)])
def test_every_kind_reads_a_response_into_an_outcome(status, delivered, retry):
    for kind, config in (("webhook", HOOK), ("slack", SLACK)):
        outcome = KINDS[kind](config, Settings()).read(httpx.Response(status, headers={"retry-after": "3"}))
        assert (outcome.delivered, outcome.retry) == (delivered, retry), kind
