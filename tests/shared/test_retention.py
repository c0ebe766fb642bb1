"""Retention on a real Redis: streams are trimmed only below what every group has finished."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent, new_id, utcnow
from chokewatch.shared.names import CLASSIFIED, RAW
from chokewatch.shared.redis import ensure_streams
from chokewatch.shared.worker import Runtime, Stage, StreamWorker, keep_ms

HOUR_MS = 3_600_000


def raw_event(n: int) -> RawEvent:
    eid = new_id()
    return RawEvent(id=eid, correlation_id=eid, ingested_at=utcnow(), title=f"t{n}", text="x")


async def _fill(redis, keys, count: int) -> list[str]:
    return [await streams.publish(redis, keys, raw_event(n)) for n in range(count)]


async def _trim(redis, keys, now_ms: int, keep: int = 0) -> tuple[int, int]:
    return await streams.trim(redis, keys, now_ms, keep_ms=keep, dead_keep_ms=HOUR_MS,
                              dead_max=1_000)


async def test_nothing_goes_while_no_group_has_read_the_stream(redis, names):
    keys = names.stream(RAW)
    await redis.xadd(keys.stream, {"a": "1"})  # a stream without a group
    assert await streams.safe_trim_point(redis, keys.stream) is None
    assert await _trim(redis, keys, now_ms=int(time.time() * 1000) + HOUR_MS) == (0, 0)
    assert await redis.xlen(keys.stream) == 1


async def test_unread_and_pending_entries_survive_any_age(redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    ids = await _fill(redis, keys, 10)
    # The group reads six entries and acknowledges all but the third: entries 0-1 are done,
    # 2 is pending, 3-5 are done, 6-9 are unread.
    read = await redis.xreadgroup(keys.group, "c1", {keys.stream: ">"}, count=6)
    got = [eid for eid, _ in read[0][1]]
    assert got == ids[:6]
    await redis.xack(keys.stream, keys.group, *[e for e in got if e != ids[2]])

    far_future = int(time.time() * 1000) + 10 * HOUR_MS
    removed, _ = await _trim(redis, keys, far_future)
    assert removed == 2
    left = [eid for eid, _ in await redis.xrange(keys.stream)]
    assert left == ids[2:]

    # Once the pending one is acknowledged, only the unread remain.
    await redis.xack(keys.stream, keys.group, ids[2])
    removed, _ = await _trim(redis, keys, far_future)
    assert removed == 4
    assert [eid for eid, _ in await redis.xrange(keys.stream)] == ids[6:]


async def test_the_slowest_group_decides(redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    ids = await _fill(redis, keys, 6)
    await redis.xgroup_create(keys.stream, "audit", id="0")
    read = await redis.xreadgroup(keys.group, "c1", {keys.stream: ">"}, count=6)
    await redis.xack(keys.stream, keys.group, *[eid for eid, _ in read[0][1]])
    read = await redis.xreadgroup("audit", "c2", {keys.stream: ">"}, count=2)
    await redis.xack(keys.stream, "audit", *[eid for eid, _ in read[0][1]])
    removed, _ = await _trim(redis, keys, int(time.time() * 1000) + HOUR_MS)
    assert removed == 2
    assert [eid for eid, _ in await redis.xrange(keys.stream)] == ids[2:]


async def test_finished_entries_younger_than_the_retention_stay(redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    await _fill(redis, keys, 4)
    read = await redis.xreadgroup(keys.group, "c1", {keys.stream: ">"}, count=4)
    await redis.xack(keys.stream, keys.group, *[eid for eid, _ in read[0][1]])
    now = int(time.time() * 1000)
    assert (await _trim(redis, keys, now, keep=HOUR_MS))[0] == 0
    assert (await _trim(redis, keys, now + 2 * HOUR_MS, keep=HOUR_MS))[0] == 4


async def test_dead_letters_are_bounded_by_count_and_age(redis, names):
    keys = names.stream(RAW)
    for n in range(30):
        await redis.xadd(keys.dead, {"reason": f"r{n}"})
    now = int(time.time() * 1000)
    _, dead = await streams.trim(redis, keys, now, keep_ms=0, dead_keep_ms=HOUR_MS, dead_max=10)
    assert dead == 20
    assert [f["reason"] for _, f in await redis.xrange(keys.dead)] == [f"r{n}" for n in range(20, 30)]
    _, dead = await streams.trim(redis, keys, now + 2 * HOUR_MS, keep_ms=0, dead_keep_ms=HOUR_MS,
                                 dead_max=10)
    assert dead == 10 and await redis.xlen(keys.dead) == 0


async def test_the_worker_trims_what_it_has_handled(settings, redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    seen: list[str] = []

    async def handle(event: RawEvent) -> None:
        seen.append(event.title)

    worker = StreamWorker(Runtime(settings.model_copy(update={"stream_keep_hours": 0}), redis,
                                  names), [Stage(RAW, RawEvent, handle)])
    ids = await _fill(redis, keys, 5)
    read = await redis.xreadgroup(keys.group, "w", {keys.stream: ">"}, count=3)
    for eid, fields in read[0][1]:
        await worker.process(worker.stages[0], keys, eid, fields)
        await redis.xack(keys.stream, keys.group, eid)
    out = await worker.trim_once(now_ms=int(time.time() * 1000) + 1_000)
    assert out[keys.stream] == (3, 0)
    assert [eid for eid, _ in await redis.xrange(keys.stream)] == ids[3:]
    assert seen == ["t0", "t1", "t2"]


def test_classified_events_are_kept_longer_for_backtests(settings):
    assert keep_ms(settings, CLASSIFIED) == settings.classified_keep_days * 86_400_000
    assert keep_ms(settings, RAW) == settings.stream_keep_hours * HOUR_MS
    assert keep_ms(settings, CLASSIFIED) > keep_ms(settings, RAW)


@given(st.lists(st.tuples(st.integers(0, 2**40), st.integers(0, 2**20)), min_size=2, max_size=8))
def test_older_is_the_minimum_of_stream_ids(pairs):
    ids = [f"{ms}-{seq}" for ms, seq in pairs]
    oldest = ids[0]
    for other in ids[1:]:
        oldest = streams.older_id(oldest, other)
    assert oldest == f"{min(pairs)[0]}-{min(pairs)[1]}"
    ms, seq = min(pairs)
    assert streams.id_after(oldest) == f"{ms}-{seq + 1}"


async def test_alert_history_is_bounded_by_count_and_age(redis, names):
    from chokewatch.services.alert.history import History

    history = History(redis, names, keep_s=3_600, keep_max=5)
    sub = "sub_retention"
    now = time.time()
    # Twelve records an hour apart: the newest is now, the oldest eleven hours old.
    for n in range(12):
        await redis.hset(names.history(sub), f"a{n}", "{}")
        await redis.zadd(names.history_order(sub), {f"a{n}": now - (11 - n) * 3_600})
    assert await history.trim(sub, now=now) == 10  # older than an hour: all but a10, a11
    assert await redis.zrange(names.history_order(sub), 0, -1) == ["a10", "a11"]
    assert sorted(await redis.hkeys(names.history(sub))) == ["a10", "a11"]

    history = History(redis, names, keep_s=10 * 86_400, keep_max=1)
    assert await history.trim(sub, now=now) == 1  # beyond the newest one
    assert await redis.hkeys(names.history(sub)) == ["a11"]


async def test_recording_decisions_keeps_the_history_bounded(redis, names):
    from chokewatch.services.alert.history import History
    from chokewatch.shared.core.decide import Prior
    from chokewatch.shared.messages import Alert, EventType

    history = History(redis, names, keep_s=3_600, keep_max=3)
    for n in range(5):
        cid = new_id()
        alert = Alert(correlation_id=cid, ingested_at=utcnow(), alert_id=f"alrt_ret_{n}",
                      subscriber_id="sub_ret", incident_id=f"inc_ret_{n}", event_id=cid,
                      score=55.0, event_type=EventType.mineral_export_control,
                      direction="tightening", title=f"alert {n}", elements=["Dy"])
        sent = Prior(score=alert.score, direction=alert.direction, revision=1)
        await history.record_decision(alert, sent, 1)
    kept = await redis.zrange(names.history_order("sub_ret"), 0, -1)
    assert kept == ["alrt_ret_2", "alrt_ret_3", "alrt_ret_4"]
    assert sorted(await redis.hkeys(names.history("sub_ret"))) == kept
