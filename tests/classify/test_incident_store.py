"""The incident store on a real Redis: the stateful clustering the classify service runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from chokewatch.services.classify import evaluate
from chokewatch.services.classify.incidents import IncidentStore
from chokewatch.shared.core.reading.classifier import classify

RUMOUR = ("Officials at China's Ministry of Commerce are considering export licences for gallium "
          "and germanium, people familiar with the matter said.")


async def test_corpus_clusters_as_labelled_when_run_through_redis(redis, names):
    store = IncidentStore(redis, names)
    labels = sorted(evaluate.load(evaluate.DEFAULT_CORPUS),
                    key=lambda lb: (lb.get("published") or "", lb["file"]))
    got = []
    for label in labels:
        c = classify(label["text"])
        published = evaluate._published(label) or datetime.now(UTC)
        decision = await store.assign(label["file"], c, label["text"], "", published)
        got.append(decision.incident_id if decision else f"none:{label['file']}")
    gold = [lb["incident"] for lb in labels]
    scores = evaluate._pairwise(gold, got)
    assert scores["f1"] >= 0.9, scores


async def test_redelivery_is_idempotent_and_escalation_bumps_revision(redis, names):
    store = IncidentStore(redis, names)
    at = datetime(2023, 7, 3, tzinfo=UTC)
    rumour = RUMOUR
    c1 = classify(rumour)
    first = await store.assign("e1", c1, rumour, "", at)
    assert first.is_new and first.revision == 1
    again = await store.assign("e1", c1, rumour, "", at)
    assert again == type(first)(first.incident_id, 1, False)

    enacted = ("Announcement No. 23 of 2023: from August 1, exporters of gallium and germanium "
               "must obtain a licence from the Ministry of Commerce. The measure takes effect on "
               "that date.")
    c2 = classify(enacted)
    assert c2.status.value == "enacted" and c1.status != c2.status
    second = await store.assign("e2", c2, enacted, "", at)
    assert second.incident_id == first.incident_id and second.revision == 2


ENACTED = ("Announcement No. 23 of 2023: from August 1, exporters of gallium and germanium must "
           "obtain a licence from the Ministry of Commerce. The measure takes effect on that date.")


async def test_a_redelivered_event_gets_its_first_revision_and_course(redis, names):
    store = IncidentStore(redis, names)
    at = datetime(2023, 7, 3, tzinfo=UTC)
    first = await store.assign("e1", classify(RUMOUR), RUMOUR, "", at)
    second = await store.assign("e2", classify(ENACTED), ENACTED, "", at)
    assert second.incident_id == first.incident_id and second.revision == 2
    assert [s["revision"] for s in second.course] == [1, 2]
    assert [s["status"] for s in second.course] == ["speculation", "enacted"]
    # The incident has moved on; its first event, handled again, gets what it got the first time.
    again = await store.assign("e1", classify(RUMOUR), RUMOUR, "", at)
    assert (again.incident_id, again.revision, again.course) == (first.incident_id, 1, first.course)
    assert [s["revision"] for s in again.course] == [1]
    assert json.loads(await redis.get(names.incident_course(first.incident_id))) == list(second.course)


async def test_incidents_are_dropped_after_their_keep(redis, names):
    store = IncidentStore(redis, names, keep_s=3_600)
    at = datetime(2023, 7, 3, tzinfo=UTC)
    decision = await store.assign("e1", classify(ENACTED), ENACTED, "", at)
    indexes = [k async for k in redis.scan_iter(match=names.incident_index("*"))]
    assert indexes and all(0 < ttl <= 3_600 for ttl in [await redis.ttl(k) for k in indexes])
    for key in (names.incident(decision.incident_id), names.incident_member("e1"),
                names.incident_course(decision.incident_id)):
        assert 0 < await redis.ttl(key) <= 3_600
    now = datetime.now(UTC).timestamp()
    assert await store.trim(now=now) == 0  # written just now: kept
    assert await store.trim(now=now + 3_601) == 1
    assert await redis.exists(names.incident(decision.incident_id),
                              names.incident_course(decision.incident_id)) == 0
    assert [await redis.zscore(k, decision.incident_id) for k in indexes] == [None] * len(indexes)
    assert await redis.zcard(names.incident_written) == 0
