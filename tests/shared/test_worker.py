"""The stream worker against a real Redis: dead letters, retries, taking over stalled entries."""

from __future__ import annotations

import asyncio
import json

from chokewatch.shared import streams
from chokewatch.shared.messages import RawEvent, new_id, utcnow
from chokewatch.shared.names import RAW
from chokewatch.shared.redis import ensure_streams
from chokewatch.shared.worker import Runtime, Stage, StreamWorker
from tests.conftest import running_worker, until


def raw_event(title: str = "t", text: str = "some text") -> RawEvent:
    eid = new_id()
    return RawEvent(id=eid, correlation_id=eid, ingested_at=utcnow(), title=title, text=text)


async def _dead(redis, keys) -> list[dict]:
    return [fields for _, fields in await redis.xrange(keys.dead)]


async def test_poison_and_failing_entries_are_dead_lettered_and_the_rest_flows(
    settings, redis, names
):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    handled: list[str] = []
    tries: dict[str, int] = {}

    async def handle(event: RawEvent) -> None:
        tries[event.title] = tries.get(event.title, 0) + 1
        if event.title == "boom":
            raise RuntimeError("classifier exploded")
        handled.append(event.title)

    worker = StreamWorker(Runtime(settings, redis, names), [Stage(RAW, RawEvent, handle)])
    await redis.xadd(keys.stream, {"foo": "bar"})  # not an envelope at all
    invalid = {"data": json.dumps({"title": "no text"}), "headers": {}}
    await redis.xadd(keys.stream, {streams.DATA: json.dumps(invalid), streams.ATTEMPTS: "0"})
    await streams.publish(redis, keys, raw_event("first"))
    await streams.publish(redis, keys, raw_event("boom"))
    await streams.publish(redis, keys, raw_event("second"))

    async with running_worker(settings, redis, names, worker.stages):
        await until(lambda: _count(redis, keys.dead, 3), what="three dead letters")
        await until(lambda: _backlog_empty(redis, names), what="the backlog to drain")

    assert handled == ["first", "second"]
    assert tries["boom"] == settings.max_attempts
    reasons = [d["reason"] for d in await _dead(redis, keys)]
    assert "no '__data__' field" in reasons[0]
    assert "invalid RawEvent" in reasons[1] and "text: Field required" in reasons[1]
    assert "failed 3 times" in reasons[2] and "classifier exploded" in reasons[2]
    dead_boom = (await _dead(redis, keys))[2]
    assert json.loads(streams.payload_of(dead_boom))["title"] == "boom"  # original kept


async def test_entry_of_a_dead_consumer_is_taken_over_and_processed(settings, redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    await streams.publish(redis, keys, raw_event("orphan"))
    # A consumer reads the entry and dies without acknowledging it.
    await redis.xreadgroup(keys.group, "gone-consumer", {keys.stream: ">"}, count=1)
    assert (await redis.xpending(keys.stream, keys.group))["pending"] == 1

    handled: list[str] = []

    async def handle(event: RawEvent) -> None:
        handled.append(event.title)

    worker = StreamWorker(Runtime(settings, redis, names), [Stage(RAW, RawEvent, handle)])
    await worker.maintain_once()  # too early: not idle long enough
    assert (await redis.xpending(keys.stream, keys.group))["pending"] == 1
    await asyncio.sleep(settings.claim_idle_ms / 1000 + 0.2)
    await worker.maintain_once()

    entries = await redis.xreadgroup(keys.group, "live", {keys.stream: ">"}, count=10)
    [(_, [(entry_id, fields)])] = entries
    assert streams.attempts_of(fields) == 1  # the dead consumer's try counts
    await worker.process(worker.stages[0], keys, entry_id, fields)
    await redis.xack(keys.stream, keys.group, entry_id)
    assert handled == ["orphan"]
    assert (await redis.xpending(keys.stream, keys.group))["pending"] == 0


async def test_retry_waits_in_the_schedule_until_due(settings, redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    fields = streams.encode(raw_event("later"))
    await streams.schedule_retry(redis, keys, "1-1", fields, attempts=2, due_ms=10**13)
    mover = streams.Mover(redis)
    assert await mover.move_due(keys, now_ms=10**13 - 1) == 0
    assert await mover.move_due(keys, now_ms=10**13) == 1
    [(_, moved)] = await redis.xrange(keys.stream)
    assert moved[streams.ATTEMPTS] == "2" and moved[streams.DATA] == fields[streams.DATA]
    assert await redis.zcard(keys.retry) == 0


async def _count(redis, key: str, n: int) -> bool:
    return await redis.xlen(key) >= n


async def _backlog_empty(redis, names) -> bool:
    return sum((await streams.backlog(redis, names.all_streams())).values()) == 0


async def test_redrive_sends_dead_letters_through_again(settings, redis, names):
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    good = streams.encode(raw_event("fixed later"))
    await redis.xadd(keys.stream, {"junk": "x"})
    await redis.xadd(keys.stream, good)
    entries = await redis.xreadgroup(keys.group, "c", {keys.stream: ">"})
    (_, [(junk_id, junk), (good_id, _)]) = entries[0]
    await streams.dead_letter(redis, keys, junk_id, junk, "not an envelope")
    await streams.dead_letter(redis, keys, good_id, {**good, "attempts": "4"}, "failed 5 times")
    assert await streams.redrive(redis, keys) == 1
    [(_, again)] = await redis.xrange(keys.stream, min=f"({good_id}")
    assert again == {**good, "attempts": "0"}
    [(_, kept)] = await redis.xrange(keys.dead)  # junk cannot be sent again; it stays
    assert kept["reason"] == "not an envelope"


def test_a_cluster_that_fails_to_start_leaves_no_server_running(tmp_path, monkeypatch):
    import psutil

    from chokewatch.shared import embedded

    cluster = embedded.EmbeddedCluster(tmp_path, masters=3)
    cluster.nodes[2].port = 65_000  # its cluster bus port would be over 65535: it cannot start
    root = str(tmp_path.resolve())

    def ours() -> set[int]:
        # Servers whose data lies under this test's folder: others on the machine do not count.
        found = set()
        for proc in psutil.process_iter(["cmdline"]):
            if any(root in part for part in proc.info["cmdline"] or []):
                found.add(proc.pid)
        return found

    before = ours()
    try:
        cluster.start(timeout=5)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the cluster should not have started")
    after = {pid for pid in ours() if psutil.pid_exists(pid)
             and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE}
    assert before == set() and after == set()


async def test_an_entry_two_workers_give_up_on_is_dead_lettered_once(settings, redis, names):
    # One worker still handles an entry when another reclaims it as stalled; both then give up.
    await ensure_streams(redis, names)
    keys = names.stream(RAW)
    await redis.xadd(keys.stream, {"junk": "x"})
    [(_, [(entry_id, fields)])] = await redis.xreadgroup(keys.group, "first", {keys.stream: ">"})
    await redis.xclaim(keys.stream, keys.group, "second", 0, [entry_id])
    assert await streams.dead_letter(redis, keys, entry_id, fields, "not an envelope") is True
    assert await streams.dead_letter(redis, keys, entry_id, fields, "not an envelope") is False
    [(_, record)] = await redis.xrange(keys.dead)
    assert record["source_id"] == entry_id and record["reason"] == "not an envelope"
    assert (await redis.xpending(keys.stream, keys.group))["pending"] == 0
