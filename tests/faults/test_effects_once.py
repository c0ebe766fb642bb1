"""Faults in the windows between one effect and the next: a decision recorded but not published,
two copies of one alert at once, a classify entry redelivered after its incident moved on, and a
report decided after a later revision of its incident."""

from __future__ import annotations

import asyncio
import json
import time
from collections import defaultdict
from datetime import UTC, datetime

import pytest

from chokewatch.services.bench import workload
from chokewatch.shared import streams
from chokewatch.shared.messages import Alert, ClassifiedEvent, RawEvent, new_id
from chokewatch.shared.names import ALERTS, CLASSIFIED, RAW, SUBMITTED
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.redis import connect
from chokewatch.shared.subscribers import SubscriberStore
from tests.conftest import seed_subscriber_for_test, wait_for

pytestmark = pytest.mark.slow

AT = datetime(2023, 7, 3, tzinfo=UTC)
RUMOUR = ("Officials at China's Ministry of Commerce are considering export licences for gallium "
          "and germanium, people familiar with the matter said.")
ENACTED = ("Announcement No. 23 of 2023: from August 1, exporters of gallium and germanium must "
           "obtain a licence from the Ministry of Commerce. The measure takes effect on that date.")


def payloads_by_id(d) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for delivery in d.deliveries():
        out[delivery.webhook_id].add(json.dumps(delivery.body["alert"], sort_keys=True))
    return out


def submit(d, text: str) -> RawEvent:
    event = RawEvent(correlation_id=new_id(), ingested_at=datetime.now(UTC), text=text,
                     published_at=AT, title="")
    d.redis.xadd(d.names.stream(SUBMITTED).stream, streams.encode(event))
    return event


def classified(d) -> list[ClassifiedEvent]:
    return [ClassifiedEvent.model_validate_json(streams.payload_of(fields))
            for _, fields in d.redis.xrange(d.names.stream(CLASSIFIED).stream)]


def add_gallium_buyer(d, threshold: float = 5) -> str:
    sid = "sub_gallium"
    now = datetime.now(UTC)
    sub = Subscriber(id=sid, created_at=now, updated_at=now, name=sid, threshold=threshold,
                     elements={"Ga": {"weight": 0.9, "country_shares": {"CN": 0.98}},
                               "Ge": {"weight": 0.9, "country_shares": {"CN": 0.6}}},
                     channels=[{"type": "webhook", "url": f"{d.receiver.base_url}/hooks/{sid}",
                                "secret": workload.secret_for(sid)}])

    async def put() -> None:
        redis = connect(d.server.url)
        try:
            await seed_subscriber_for_test(SubscriberStore(redis, d.names), sub)
        finally:
            await redis.aclose()

    asyncio.run(put())
    d.receiver.secrets[f"/hooks/{sid}"] = workload.secret_for(sid)
    return sid


def recorded_not_published(d) -> str | None:
    """An alert id whose decision is recorded in some history but which is on no stream yet."""
    published = {json.loads(streams.payload_of(f))["alert_id"]
                 for _, f in d.redis.xrange(d.names.stream(ALERTS).stream)}
    for sub in d.population.subscribers:
        for alert_id in d.redis.hkeys(d.names.history(sub.id)):
            if alert_id not in published:
                return alert_id
    return None


def test_alert_killed_between_recording_and_publishing_a_decision(drill):
    d = drill("SIGKILL alert: recorded, unsent")
    d.store_subscribers()
    d.start("ingest")
    d.start("classify")
    d.procs["alert"] = d.services.start("alert", fault_decide_hold_ms="3000")
    d.feed(20)
    caught = wait_for(lambda: recorded_not_published(d), timeout=60, interval=0.02,
                      what="a decision recorded and not yet published")
    d.kill("alert")
    assert recorded_not_published(d) == caught  # the kill landed in the window
    d.start("alert")
    d.wait_arrived()
    assert d.drained()
    row = d.finish()
    assert row.missing == 0 and row.duplicated == 0 and row.received == row.expected
    assert sum(1 for x in d.deliveries() if x.webhook_id == caught) == 1
    payloads = payloads_by_id(d)
    assert all(len(p) == 1 for p in payloads.values()), "two payloads under one webhook-id"


def test_two_copies_of_one_alert_entry_at_once_send_once(drill):
    d = drill("two copies of each alert at once")
    d.store_subscribers()
    d.start("alert")
    subs = [sid for ids in d.population.alerted_by.values() for sid in ids]
    alerts = []
    for n, sid in enumerate(subs):
        cid = new_id()
        alerts.append(Alert(correlation_id=cid, ingested_at=datetime.now(UTC),
                            alert_id=f"alrt_copies_{n:03d}", subscriber_id=sid,
                            incident_id=f"inc_copies_{n}", event_id=cid, score=70,
                            event_type="mineral_export_control", direction="tightening"))
    pipe = d.redis.pipeline(transaction=False)
    for alert in alerts:  # each entry twice, side by side: read in one batch, handled at once
        pipe.xadd(d.names.stream(ALERTS).stream, streams.encode(alert))
        pipe.xadd(d.names.stream(ALERTS).stream, streams.encode(alert))
    pipe.execute()
    wait_for(lambda: {x.webhook_id for x in d.deliveries()} >= {a.alert_id for a in alerts},
             timeout=60, what="every alert")
    assert d.drained()
    row = d.finish()
    row.sent, row.expected = len(alerts) * 2, len(alerts)
    row.note = "each alert entry written twice; expected: one delivery per alert id"
    ids = [x.webhook_id for x in d.deliveries()]
    assert sorted(ids) == sorted(a.alert_id for a in alerts)  # each exactly once
    assert row.duplicated == 0


def test_classify_entry_redelivered_after_its_incident_moved_on(drill):
    d = drill("SIGKILL classify: redelivered")
    d.start("ingest")
    d.procs["classify"] = d.services.start("classify", fault_hold_ms="3000")
    rumour = submit(d, RUMOUR)
    wait_for(lambda: len(classified(d)) == 1, timeout=60, interval=0.02,
             what="the rumour classified (and held before its acknowledgement)")
    d.kill("classify")  # its effects are stored; the entry is still pending
    enacted = submit(d, ENACTED)
    wait_for(lambda: d.redis.xlen(d.names.stream(RAW).stream) == 2, what="both raw entries")
    d.start("classify")
    wait_for(lambda: len(classified(d)) == 3, timeout=60, what="the rumour classified again")
    order = [(c.event_id, c.classification.incident_id, c.incident_revision) for c in classified(d)]
    first, later, again = order
    assert first[0] == again[0] == rumour.id and later[0] == enacted.id
    assert later[1] == first[1] and later[2] == 2  # the enacted report raised the revision first
    assert again == first  # ...and the redelivered rumour still gets incident and revision 1
    d.row.sent, d.row.expected, d.row.received = 2, 3, 3
    d.row.seconds = time.monotonic() - d.started
    d.row.note = "classified twice: the same incident and revision both times"


def test_a_report_decided_after_a_later_revision_is_recorded_and_the_course_told(drill):
    d = drill("late earlier revision")
    sid = add_gallium_buyer(d)
    d.start("ingest")
    d.start("classify")
    rumour = submit(d, RUMOUR)
    wait_for(lambda: len(classified(d)) == 1, what="the rumour classified")
    # A consumer reads the rumour's entry and dies before handling it: it waits to be taken over.
    group = d.names.stream(CLASSIFIED).group
    d.redis.xreadgroup(group, "died", {d.names.stream(CLASSIFIED).stream: ">"}, count=1)
    enacted = submit(d, ENACTED)
    wait_for(lambda: len(classified(d)) == 2, what="the enacted report classified")
    d.start("alert")
    wait_for(lambda: d.redis.hlen(d.names.history(sid)) == 2, timeout=60,
             what="the enacted alert and the late rumour in the history")
    assert d.drained()
    history = {k: json.loads(v) for k, v in d.redis.hgetall(d.names.history(sid)).items()}
    by_event = {r["alert"]["event_id"]: r for r in history.values()}
    assert by_event[rumour.id]["status"] == "late"
    assert by_event[enacted.id]["status"] == "delivered"
    time.sleep(1.5)  # a second delivery would show up meanwhile
    [sent] = d.receiver.received(f"/hooks/{sid}")
    assert sent.verified
    alert = sent.body["alert"]
    assert alert["event_id"] == enacted.id and alert["incident_revision"] == 2
    assert [(s["revision"], s["status"]) for s in alert["course"]] == [(1, "speculation"), (2, "enacted")]
    row = d.row
    row.sent, row.expected, row.received = 2, 1, 1
    row.seconds = time.monotonic() - d.started
    row.note = "the rumour, taken over late, is in the history as late; the alert tells its course"
