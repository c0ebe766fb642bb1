"""The incident store on a real Redis: the stateful clustering the classify service runs."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from chokewatch.services.classify import evaluate
from chokewatch.services.classify.incidents import IncidentStore
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.names import Names
from chokewatch.shared.redis import connect

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


COBALT = ("The Democratic Republic of Congo extended its suspension of cobalt exports by three "
          "months, the country's strategic minerals regulator said on Saturday.")


class Paused(IncidentStore):
    """A store that stops between reading and saving until told to go on, counting its reads."""

    def __init__(self, redis, names) -> None:
        super().__init__(redis, names)
        self.read_once = asyncio.Event()
        self.go_on = asyncio.Event()
        self.reads = 0

    async def _read(self, event_id, m):
        got = await super()._read(event_id, m)
        self.reads += 1
        self.read_once.set()
        await self.go_on.wait()
        return got


@pytest.fixture
async def second_connection(settings):
    client = connect(settings.redis_url)  # another worker's own connection
    yield client
    await client.aclose()


async def test_two_workers_assigning_one_story_at_once_open_one_incident(
    redis, second_connection, namespace
):
    at = datetime(2023, 7, 3, tzinfo=UTC)
    rumour, enacted = classify(RUMOUR), classify(ENACTED)
    for round_ in range(8):
        names = Names(f"{namespace}r{round_}")
        one, two = IncidentStore(redis, names), IncidentStore(second_connection, names)
        first, second = await asyncio.gather(
            one.assign(f"a{round_}", rumour, RUMOUR, "", at),
            two.assign(f"b{round_}", enacted, ENACTED, "", at),
        )
        assert first.incident_id == second.incident_id, f"twin incidents in round {round_}"
        assert {first.is_new, second.is_new} == {True, False}
        assert await redis.zcard(names.incident_written) == 1


async def test_a_save_that_finds_its_story_moved_reads_again_and_joins(
    redis, second_connection, names
):
    at = datetime(2023, 7, 3, tzinfo=UTC)
    slow = Paused(redis, names)
    late = asyncio.create_task(slow.assign("a", classify(RUMOUR), RUMOUR, "", at))
    await slow.read_once.wait()  # it has read an empty index and decided to open an incident
    other = await IncidentStore(second_connection, names).assign(
        "b", classify(ENACTED), ENACTED, "", at)
    slow.go_on.set()
    joined = await late
    assert other.is_new and not joined.is_new and joined.incident_id == other.incident_id
    assert slow.reads == 2  # its first decision was not saved: it read the index again


async def test_unrelated_stories_never_wait_on_each_other(redis, second_connection, names):
    at = datetime(2023, 7, 3, tzinfo=UTC)
    slow = Paused(redis, names)
    held = asyncio.create_task(slow.assign("a", classify(RUMOUR), RUMOUR, "", at))
    await slow.read_once.wait()  # mid-assignment, between its read and its save
    cobalt = await IncidentStore(second_connection, names).assign(
        "c", classify(COBALT), COBALT, "", at)
    assert cobalt.is_new and not held.done()  # done while the other story is still open
    slow.go_on.set()
    gallium = await held
    assert gallium.is_new and gallium.incident_id != cobalt.incident_id
    assert slow.reads == 1  # nothing it read had moved: saved at the first try


async def test_a_copy_of_an_event_assigned_meanwhile_gets_the_first_answer(
    redis, second_connection, names
):
    at = datetime(2023, 7, 3, tzinfo=UTC)
    slow = Paused(redis, names)
    late = asyncio.create_task(slow.assign("e", classify(RUMOUR), RUMOUR, "", at))
    await slow.read_once.wait()
    first = await IncidentStore(second_connection, names).assign(
        "e", classify(RUMOUR), RUMOUR, "", at)
    slow.go_on.set()
    again = await late
    assert (again.incident_id, again.revision) == (first.incident_id, first.revision)
    assert await redis.zcard(names.incident_written) == 1
