"""A worker reads again only the incident records saved since it parsed them, by their stamps."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from chokewatch.services.classify.incidents import IncidentStore
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.redis import connect

AT = datetime(2023, 7, 3, tzinfo=UTC)
RUMOUR = ("Commerce ministry officials are weighing export licences for gallium and germanium, "
          "according to people briefed on the plans.")
ENACTED = ("Announcement No. 23 of 2023: from August 1, exporters of gallium and germanium must "
           "obtain a licence from the Ministry of Commerce. The measure takes effect on that date.")
NOTICE = ("Under Announcement No. 23 of 2023, shipments of gallium and germanium abroad need a "
          "Ministry of Commerce licence from August 1.")


@pytest.fixture
async def second_connection(settings):
    client = connect(settings.redis_url)  # another worker's own connection
    yield client
    await client.aclose()


class Counting(IncidentStore):
    """A store that counts the records it parsed from JSON read back."""

    def __init__(self, redis, names) -> None:
        super().__init__(redis, names)
        self.parsed_reads = 0
        get = self.parsed.get

        def counted(incident_id, raw, stamp=""):
            self.parsed_reads += 1
            return get(incident_id, raw, stamp)

        self.parsed.get = counted


async def test_a_record_this_worker_saved_is_not_read_again(redis, names):
    store = Counting(redis, names)
    first = await store.assign("e1", classify(RUMOUR), RUMOUR, "", AT)
    second = await store.assign("e2", classify(ENACTED), ENACTED, "", AT)
    assert second.incident_id == first.incident_id and second.revision == 2
    assert store.parsed_reads == 0  # its own save's copy served: the record's JSON was not read


async def test_a_record_another_worker_changed_is_read_again(redis, second_connection, names):
    one, two = Counting(redis, names), IncidentStore(second_connection, names)
    first = await one.assign("e1", classify(RUMOUR), RUMOUR, "", AT)
    joined = await two.assign("e2", classify(ENACTED), ENACTED, "", AT)
    assert joined.incident_id == first.incident_id
    third = await one.assign("e3", classify(NOTICE), NOTICE, "", AT)
    assert third.incident_id == first.incident_id
    assert one.parsed_reads == 1  # the record the other worker saved
    stored = json.loads(await redis.get(names.incident(first.incident_id)))
    assert len(stored["members"]) == 3  # saved from the changed record, not the stale copy


async def test_a_record_stored_without_a_stamp_is_read(redis, names):
    store = Counting(redis, names)
    first = await store.assign("e1", classify(RUMOUR), RUMOUR, "", AT)
    await redis.delete(names.incident_stamp(first.incident_id))  # saved before stamps existed
    fresh = Counting(redis, names)
    second = await fresh.assign("e2", classify(ENACTED), ENACTED, "", AT)
    assert second.incident_id == first.incident_id and fresh.parsed_reads == 1


async def test_the_stamp_expires_and_is_trimmed_with_its_record(redis, names):
    store = IncidentStore(redis, names, keep_s=3_600)
    decision = await store.assign("e1", classify(ENACTED), ENACTED, "", AT)
    stamp = names.incident_stamp(decision.incident_id)
    assert 0 < await redis.ttl(stamp) <= 3_600
    assert await store.trim(now=datetime.now(UTC).timestamp() + 3_601) == 1
    assert await redis.exists(stamp) == 0
