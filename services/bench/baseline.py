"""The transport ceiling: one producer and one consumer-group reader moving raw stream entries.

Entries are the size of a classified event's stream entry. The producer (its own process, as a
service would be) writes them with pipelined XADDs, `batch` at a time; the reader takes them
with XREADGROUP COUNT `batch` and acknowledges each batch with one XACK, as a service reads.
No validation, no handler: what is left is redis-py, the server and the loopback.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

from chokewatch.shared.redis import connect

GROUP = "baseline"


async def produce(url: str, stream: str, count: int, size: int, batch: int) -> None:
    redis = connect(url)
    payload = "x" * size
    try:
        for start in range(0, count, batch):
            async with redis.pipeline(transaction=False) as pipe:
                for _ in range(min(batch, count - start)):
                    pipe.xadd(stream, {"__data__": payload, "attempts": "0"})
                await pipe.execute()
    finally:
        await redis.aclose()


async def consume(
    url: str, stream: str, count: int, batch: int, timeout: float
) -> tuple[int, float]:
    """Read and acknowledge `count` entries; returns how many and the seconds from the first."""
    redis = connect(url)
    got = 0
    first = None
    deadline = time.monotonic() + timeout
    try:
        while got < count and time.monotonic() < deadline:
            reply = await redis.xreadgroup(GROUP, "reader", {stream: ">"}, count=batch, block=200)
            if not reply:
                continue
            first = first or time.perf_counter()
            ids = [entry_id for entry_id, _ in reply[0][1]]
            await redis.xack(stream, GROUP, *ids)
            got += len(ids)
        return got, time.perf_counter() - (first or time.perf_counter())
    finally:
        await redis.aclose()


def _start_producer(url: str, stream: str, count: int, size: int, batch: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from chokewatch.services.bench.baseline import main; main()",
         url, stream, str(count), str(size), str(batch)],
        stdin=subprocess.DEVNULL,
    )


async def measure(url: str, stream: str, count: int, size: int, batch: int) -> dict:
    """Messages per second, producer and reader running at once, timed from the first read."""
    redis = connect(url)
    await redis.delete(stream)
    await redis.xgroup_create(stream, GROUP, id="0", mkstream=True)
    await redis.aclose()
    producer = _start_producer(url, stream, count, size, batch)
    try:
        got, elapsed = await consume(url, stream, count, batch, timeout=120)
    finally:
        producer.wait(30)
    redis = connect(url)
    await redis.delete(stream)
    await redis.aclose()
    return {"messages": got, "bytes_per_message": size, "batch": batch, "seconds": round(elapsed, 3),
            "messages_per_s": round(got / max(elapsed, 1e-9), 1)}


def main() -> None:
    """The producer process: argv is url, stream, count, size, batch."""
    url, stream, count, size, batch = sys.argv[1:6]
    asyncio.run(produce(url, stream, int(count), int(size), int(batch)))
