"""Effects once under crashes, on a real Redis: a decision recorded but not published, two copies
of one alert delivered at once, a report that arrives after a later revision was alerted."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from chokewatch.services.alert import slack
from chokewatch.services.alert.history import History
from chokewatch.services.alert.service import Decider, alert_id
from chokewatch.shared import streams
from chokewatch.shared.core.decide import Prior
from chokewatch.shared.messages import Alert, Classification, ClassifiedEvent, CourseStep, new_id
from chokewatch.shared.names import ALERTS
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore
from chokewatch.shared.worker import Retryable, Runtime
from tests.conftest import seed_subscriber_for_test

from .test_delivery import add_subscriber, deliver_stage, make_alert

DAY0 = datetime(2025, 3, 3, tzinfo=UTC)
IMPOSED = CourseStep(revision=1, status="enacted", direction="tightening", published_at=DAY0)
LIFTED = CourseStep(revision=2, status="enacted", direction="easing",
                    published_at=DAY0 + timedelta(days=20))


class Killed(Exception):
    """The process died at this point."""


def report(revision: int, direction: str, course: list[CourseStep]) -> ClassifiedEvent:
    eid = new_id()
    c = Classification(elements=["Dy"], event_type="mineral_export_control", direction=direction,
                       issuer="CN", status="enacted", severity=0.8, incident_id="inc_g")
    return ClassifiedEvent(correlation_id=eid, ingested_at=datetime.now(UTC), event_id=eid,
                           title=f"revision {revision}", classification=c,
                           incident_revision=revision, course=course)


async def published(redis, names) -> dict[str, set[str]]:
    """Alert id -> the distinct payloads published under it (the message id aside)."""
    out: dict[str, set[str]] = {}
    for _, fields in await redis.xrange(names.stream(ALERTS).stream):
        alert = json.loads(streams.payload_of(fields))
        alert.pop("id")
        out.setdefault(alert["alert_id"], set()).add(json.dumps(alert, sort_keys=True))
    return out


async def history_of(redis, names, sid: str) -> dict[str, dict]:
    return {k: json.loads(v) for k, v in (await redis.hgetall(names.history(sid))).items()}


async def a_decider(settings, redis, names, threshold: float) -> Decider:
    now = datetime.now(UTC)
    sub = Subscriber(id="s", created_at=now, updated_at=now, name="s", threshold=threshold,
                     elements={"Dy": {"weight": 0.9}},
                     channels=[{"type": "webhook", "url": "http://127.0.0.1:9/s"}])
    await seed_subscriber_for_test(SubscriberStore(redis, names), sub)
    d = Decider(Runtime(settings, redis, names))
    await d.exposure.load()
    return d


@pytest.fixture
async def decider(settings, redis, names):
    """A subscriber alerted of the imposed control and of its lifting (scores 48 and 29)."""
    return await a_decider(settings, redis, names, threshold=20)


async def test_a_decision_recorded_before_a_crash_is_published_again_with_its_first_payload(
    decider, redis, names, monkeypatch
):
    imposed, lifted = report(1, "tightening", [IMPOSED]), report(2, "easing", [IMPOSED, LIFTED])

    async def killed(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as patched:
        patched.setattr(streams, "publish", killed)
        patched.setattr(streams, "publish_many", killed)
        with pytest.raises(Killed):  # decided and recorded; the process died before publishing
            await decider.on_classified(imposed)
    assert await published(redis, names) == {}

    await decider.on_classified(lifted)  # a later report, decided while the entry waits
    await decider.on_classified(imposed)  # the entry's new owner
    await decider.on_classified(imposed)  # and a redelivery of it

    payloads = await published(redis, names)
    first, second = alert_id("s", "inc_g", 1), alert_id("s", "inc_g", 2)
    assert set(payloads) == {first, second}
    assert all(len(p) == 1 for p in payloads.values()), "an alert id carried two payloads"
    [body] = payloads[first]
    assert json.loads(body)["event_id"] == imposed.event_id
    [body] = payloads[second]
    assert json.loads(body)["kind"] == "update"  # the imposed one was known when it was decided
    history = await history_of(redis, names, "s")
    assert set(history) == {first, second}


async def test_a_late_revision_is_recorded_and_the_alert_sent_tells_the_course(decider, redis, names):
    imposed, lifted = report(1, "tightening", [IMPOSED]), report(2, "easing", [IMPOSED, LIFTED])
    await decider.on_classified(lifted)  # decided first: the imposed report is held up
    await decider.on_classified(imposed)
    await decider.on_classified(imposed)  # a late report is recorded once

    payloads = await published(redis, names)
    assert set(payloads) == {alert_id("s", "inc_g", 2)}  # nothing sent for the late one
    [body] = next(iter(payloads.values()))
    sent = Alert.model_validate({**json.loads(body), "id": "x"})
    assert [(s.revision, s.direction.value) for s in sent.course] == [(1, "tightening"), (2, "easing")]
    text = json.dumps(slack.message(sent))
    assert "Course:" in text and text.index("tightened") < text.index("eased")

    history = await history_of(redis, names, "s")
    late = history[alert_id("s", "inc_g", 1)]
    assert late["status"] == "late" and late["alert"]["event_id"] == imposed.event_id
    assert "arrived after revision 2" in late["channels"][0]["reason"]
    assert len(await redis.zrange(names.history_order("s"), 0, -1)) == 2


async def test_a_late_revision_alerted_first_tells_what_came_after_it(settings, redis, names):
    decider = await a_decider(settings, redis, names, threshold=40)  # the lifting alone: no alert
    course = [step.model_dump(mode="json") for step in (IMPOSED, LIFTED)]
    await redis.set(names.incident_course("inc_g"), json.dumps(course))  # as classify stores it
    imposed, lifted = report(1, "tightening", [IMPOSED]), report(2, "easing", [IMPOSED, LIFTED])
    await decider.on_classified(lifted)
    assert await published(redis, names) == {}
    await decider.on_classified(imposed)
    [[body]] = (await published(redis, names)).values()
    assert [s["direction"] for s in json.loads(body)["course"]] == ["tightening", "easing"]


async def test_one_alert_id_keeps_its_first_payload(settings, redis, names):
    history = History(redis, names)
    first = make_alert("p", title="Dysprosium licences required")
    second = make_alert("p", title="Dysprosium licences lifted")  # same alert id, other payload
    prior = Prior(score=72.5, direction="tightening", revision=1)
    assert await history.record_decision(first, prior, 1) == first
    assert await history.record_decision(second, prior, 1) == first


async def test_two_copies_of_one_alert_at_once_send_once(settings, redis, names, receiver):
    await add_subscriber(redis, names, "c", [{"type": "webhook", "url": receiver.url("/c")}])
    deliverer, _ = deliver_stage(Runtime(settings, redis, names))
    alert = make_alert("c")
    outcomes = await asyncio.gather(deliverer.on_alert(alert), deliverer.on_alert(alert),
                                    return_exceptions=True)
    assert len(receiver.received("/c")) == 1
    # The copy that found the channel busy waits its turn, without using an attempt...
    assert all(o is None or (isinstance(o, Retryable) and not o.counts) for o in outcomes)
    await deliverer.on_alert(alert)  # ...and then finds it delivered
    assert len(receiver.received("/c")) == 1


async def test_a_claim_left_by_a_dead_sender_defers_until_its_lease_ends(settings, redis, names, receiver):
    await add_subscriber(redis, names, "d", [{"type": "webhook", "url": receiver.url("/d")}])
    deliverer, _ = deliver_stage(Runtime(settings, redis, names))
    alert = make_alert("d")
    lease = names.delivering(alert.alert_id, "0:webhook")
    await redis.set(lease, "a sender that died", px=60_000)
    with pytest.raises(Retryable) as deferred:
        await deliverer.on_alert(alert)
    assert not deferred.value.counts and receiver.received("/d") == []
    await redis.delete(lease)  # the lease ran out
    await deliverer.on_alert(alert)
    assert len(receiver.received("/d")) == 1
    assert await redis.hkeys(names.delivered(alert.alert_id)) == ["0:webhook"]
    assert await redis.exists(lease) == 0
    assert 0 < await redis.ttl(names.delivered(alert.alert_id)) <= 400 * 86_400


async def test_the_decision_log_is_bounded_by_age(redis, names):
    history = History(redis, names, decisions_keep_s=86_400)
    prior = Prior(score=72.5, direction="tightening", revision=1)
    now = datetime.now(UTC).timestamp()
    old = make_alert("b", 1)
    await history.record_decision(old, prior, 1, now=now - 3 * 86_400)
    assert await redis.hkeys(names.alerted("b")) == [old.incident_id]
    new = make_alert("b", 2)
    await history.record_decision(new, prior, 1, now=now)
    assert await redis.hkeys(names.alerted("b")) == [new.incident_id]
    assert await redis.zrange(names.alerted_order("b"), 0, -1) == [new.incident_id]
    assert 0 < await redis.ttl(names.incident_alerted(new.incident_id)) <= 86_400


async def test_a_redelivered_event_whose_alert_delivery_took_up_publishes_nothing(decider, redis, names):
    imposed = report(1, "tightening", [IMPOSED])
    await decider.on_classified(imposed)
    [entry] = await redis.xrange(names.stream(ALERTS).stream)
    await decider.on_classified(imposed)  # still pending: it may not have been published
    assert await redis.xlen(names.stream(ALERTS).stream) == 2
    alert = Alert.model_validate_json(streams.payload_of(entry[1]))
    await decider.history.record_delivery(alert, "in digest", [])  # delivery has it now
    await decider.on_classified(imposed)
    assert await redis.xlen(names.stream(ALERTS).stream) == 2
