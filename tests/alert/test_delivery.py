"""Delivery to real HTTP endpoints on loopback, with a real Redis: signed, retried, isolated."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from chokewatch.services.alert.deliver import Deliverer
from chokewatch.services.alert.sender import Sender
from chokewatch.services.demo.receiver import Receiver
from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, EventType, ScorePart, new_id, utcnow
from chokewatch.shared.names import ALERTS
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.worker import Runtime, Stage
from tests.conftest import running_worker, seed_subscriber_for_test, until

OLD = "whsec_" + "b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZA=="  # "old-secret-old-secret-old" in base64
NEW = "whsec_" + "bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldw=="


@pytest.fixture
def delivery_settings(settings):
    return settings.model_copy(update={
        "delivery_max_attempts": 4, "delivery_retry_base_ms": 50, "delivery_retry_max_ms": 300,
        "delivery_concurrency": 8, "webhook_timeout_s": 1.0,
        "breaker_failures": 50, "breaker_open_s": 0.5, "slack_interval_ms": 1_000,
    })


def deliver_stage(rt: Runtime) -> tuple[Deliverer, Stage]:
    d = Deliverer(rt)
    s = rt.settings
    return d, Stage(ALERTS, Alert, d.on_alert, on_dead=d.on_dead,
                    max_attempts=s.delivery_max_attempts, retry_base_ms=s.delivery_retry_base_ms,
                    retry_max_ms=s.delivery_retry_max_ms, concurrency=s.delivery_concurrency)


async def add_subscriber(redis, names, sid: str, channels: list[dict]) -> Subscriber:
    now = datetime.now(UTC)
    sub = Subscriber(id=sid, created_at=now, updated_at=now, name=sid,
                     elements={"Dy": {"weight": 0.9}}, channels=channels)
    await seed_subscriber_for_test(SubscriberStore(redis, names), sub)
    return sub


def make_alert(sid: str, n: int = 1, title: str = "Dysprosium licensing", **over) -> Alert:
    cid = new_id()
    fields = dict(
        correlation_id=cid, ingested_at=utcnow(), alert_id=f"alrt_{sid}_{n}", subscriber_id=sid,
        incident_id=f"inc_{n}", event_id=cid, score=72.5, event_type=EventType.mineral_export_control,
        direction="tightening", status="enacted", title=title, elements=["Dy"],
        parts=[ScorePart(label="Dysprosium", points=72.5, reason="Dysprosium: weight 0.9")],
    )
    fields.update(over)
    return Alert(**fields)


async def history_status(redis, names, alert: Alert) -> str | None:
    items = await SubscriberStore(redis, names).history(alert.subscriber_id, 10, None)
    found = [i for i in items if i["alert"]["alert_id"] == alert.alert_id]
    return found[0]["status"] if found else None


async def test_signed_webhook_with_secret_rotation(delivery_settings, redis, names, receiver):
    receiver.secrets["/old"] = OLD  # a receiver not yet switched to the new secret
    receiver.secrets["/new"] = NEW
    until_ = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    rotating = {"type": "webhook", "secret": NEW, "previous_secret": OLD,
                "previous_secret_until": until_}
    await add_subscriber(redis, names, "a", [{**rotating, "url": receiver.url("/old")},
                                             {**rotating, "url": receiver.url("/new")}])
    rt = Runtime(delivery_settings, redis, names)
    deliverer, stage = deliver_stage(rt)
    alert = make_alert("a")
    await deliverer.on_alert(alert)
    [old], [new] = receiver.received("/old"), receiver.received("/new")
    assert old.verified is True and new.verified is True
    assert old.webhook_id == alert.alert_id and old.body["alert"]["score"] == 72.5
    assert await history_status(redis, names, alert) == "delivered"

    # Once the overlap has passed, only the new secret signs.
    expired = {**rotating, "previous_secret_until": "2000-01-01T00:00:00Z"}
    await add_subscriber(redis, names, "b", [{**expired, "url": receiver.url("/old2")}])
    receiver.secrets["/old2"] = OLD
    await deliverer.on_alert(make_alert("b"))
    [stale] = receiver.received("/old2")
    assert stale.verified is False  # signed with the new secret only: 401 from this receiver
    assert await history_status(redis, names, make_alert("b")) == "failed"


async def test_endpoint_down_then_up_gets_everything_once(delivery_settings, redis, names, receiver):
    receiver.secrets["/flaky"] = NEW
    receiver.fail_next["/flaky"] = [503, 500, 502]  # down for three requests, then back
    await add_subscriber(redis, names, "f", [{"type": "webhook", "url": receiver.url("/flaky"),
                                              "secret": NEW}])
    rt = Runtime(delivery_settings, redis, names)
    _, stage = deliver_stage(rt)
    alerts = [make_alert("f", n) for n in range(1, 6)]
    for alert in alerts:
        await streams.publish(redis, names.stream(ALERTS), alert)
    async with running_worker(delivery_settings, redis, names, [stage]):
        await until(lambda: _received_ids(receiver, "/flaky", 5), what="all alerts")
        await until(lambda: _drained(redis, names), what="the backlog to drain")
    ids = [d.webhook_id for d in receiver.received("/flaky")]
    assert sorted(ids) == sorted(a.alert_id for a in alerts)  # each once
    assert all(d.verified for d in receiver.received("/flaky"))
    for alert in alerts:
        assert await history_status(redis, names, alert) == "delivered"


async def test_client_errors_are_not_retried_and_exhausted_retries_dead_letter(
    delivery_settings, redis, names, receiver
):
    receiver.fail_next["/gone"] = [410] * 10
    receiver.fail_next["/down"] = [503] * 10
    await add_subscriber(redis, names, "g", [{"type": "webhook", "url": receiver.url("/gone")}])
    await add_subscriber(redis, names, "d", [{"type": "webhook", "url": receiver.url("/down")}])
    rt = Runtime(delivery_settings, redis, names)
    _, stage = deliver_stage(rt)
    gone, down = make_alert("g"), make_alert("d")
    await streams.publish(redis, names.stream(ALERTS), gone)
    await streams.publish(redis, names.stream(ALERTS), down)
    async with running_worker(delivery_settings, redis, names, [stage]):
        await until(lambda: _dead_count(redis, names, 1), what="the dead letter")
        await until(lambda: _drained(redis, names), what="the backlog to drain")
    assert receiver.fail_next["/gone"] == [410] * 9  # asked once, never again
    assert receiver.fail_next["/down"] == [503] * (10 - delivery_settings.delivery_max_attempts)
    [(_, dead)] = await redis.xrange(names.stream(ALERTS).dead)
    assert "failed 4 times" in dead["reason"] and "HTTP 503" in dead["reason"]
    assert await history_status(redis, names, gone) == "failed"
    assert await history_status(redis, names, down) == "failed"


async def test_a_hanging_endpoint_does_not_delay_the_others(delivery_settings, redis, names, receiver):
    with Receiver() as stuck:
        await _hanging_scenario(delivery_settings, redis, names, receiver, stuck)


async def _hanging_scenario(delivery_settings, redis, names, receiver, stuck):
    # The hanging endpoint holds every request longer than the test waits for the others, so
    # the healthy alerts can only arrive if nothing queues behind the hanging ones.
    delivery_settings = delivery_settings.model_copy(update={"webhook_timeout_s": 8.0})
    stuck.hang_paths.add("/hang")
    await add_subscriber(redis, names, "h", [{"type": "webhook", "url": stuck.url("/hang")}])
    await add_subscriber(redis, names, "ok", [{"type": "webhook", "url": receiver.url("/ok")}])
    rt = Runtime(delivery_settings, redis, names)
    _, stage = deliver_stage(rt)
    for n in range(6):
        await streams.publish(redis, names.stream(ALERTS), make_alert("h", n))
    for n in range(5):
        await streams.publish(redis, names.stream(ALERTS), make_alert("ok", n))
    async with running_worker(delivery_settings, redis, names, [stage]):
        await until(lambda: _received_ids(receiver, "/ok", 5), timeout=6, what="healthy alerts")
        assert stuck.hanging >= 1  # the hanging endpoint's requests are still open


async def test_slack_gets_block_kit_within_limits_and_its_rate(delivery_settings, redis, names, receiver):
    receiver.slack_paths.add("/slack")
    await add_subscriber(redis, names, "s", [{"type": "slack", "url": receiver.url("/slack")}])
    # The receiver stands for Slack here: its host is put on the Slack host list explicitly. It
    # takes no burst at all, so the bucket holds one message.
    delivery_settings = delivery_settings.model_copy(update={"slack_hosts": ["127.0.0.1"],
                                                             "slack_burst": 1})
    rt = Runtime(delivery_settings, redis, names)
    _, stage = deliver_stage(rt)
    huge = dict(title="Export controls " * 40, summary="Licences required. " * 400,
                parts=[ScorePart(label=f"E{i}", points=1, reason="r" * 500) for i in range(60)],
                source_url="https://example.com/" + "a" * 2_970, source_name="h" * 300,
                issuer="CN", companies=["Co " * 300] * 20)
    alerts = [make_alert("s", n, **huge) for n in range(3)]
    for alert in alerts:
        await streams.publish(redis, names.stream(ALERTS), alert)
    async with running_worker(delivery_settings, redis, names, [stage]):
        await until(lambda: _received_ids(receiver, "/slack", 3), timeout=15, what="3 messages")
    got = receiver.received("/slack")
    assert receiver.rejected == []  # never over a limit, never faster than once a second
    stamps = sorted(d.received_at for d in got)
    assert all(b - a >= 0.9 for a, b in zip(stamps, stamps[1:], strict=False))
    assert got[0].body["text"] and got[0].body["blocks"][0]["type"] == "header"
    assert any(b["type"] == "actions" for b in got[0].body["blocks"])  # the button, within limits


async def _received_ids(receiver, path: str, n: int) -> bool:
    return len({d.webhook_id or id(d) for d in receiver.received(path)}) >= n


async def _drained(redis, names) -> bool:
    return sum((await streams.backlog(redis, names.all_streams())).values()) == 0


async def _dead_count(redis, names, n: int) -> bool:
    return await redis.xlen(names.stream(ALERTS).dead) >= n


def test_signature_verifies_with_the_library():
    from chokewatch.services.alert import webhook

    alert = make_alert("x")
    body = webhook.payload(alert)
    headers = webhook.headers_for(alert.alert_id, body, [NEW])
    assert Webhook(NEW).verify(body, headers)["alert"]["alert_id"] == alert.alert_id


async def test_a_slack_channel_off_slacks_hosts_is_never_sent_to(delivery_settings, redis, names, receiver):
    receiver.slack_paths.add("/slack")
    sub = await add_subscriber(redis, names, "s", [{"type": "slack", "url": receiver.url("/slack")}])
    sender = Sender(Runtime(delivery_settings, redis, names))  # Slack's own hosts only
    channel = sender.channel(sub.channels[0])
    outcome = await sender.send(channel, channel.alert(make_alert("s")))
    assert not outcome.delivered and not outcome.retry and "hooks.slack.com" in outcome.reason
    assert receiver.received("/slack") == []


@pytest.mark.parametrize("url", ["https://100.100.100.200/hook", "https://[2002:a9fe:a9fe::1]/hook",
                                 "https://[2002:7f00:1::1]/hook", "https://100.64.1.2/hook"])
async def test_internal_address_families_are_refused_at_send(url, delivery_settings, redis, names):
    sub = await add_subscriber(redis, names, "s", [{"type": "webhook", "url": url}])
    sender = Sender(Runtime(delivery_settings, redis, names))
    channel = sender.channel(sub.channels[0])
    outcome = await sender.send(channel, channel.alert(make_alert("s")))
    assert not outcome.delivered and not outcome.retry and "refused" in outcome.reason
