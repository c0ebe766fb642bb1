"""Heavy API work (classifying a preview text, scoring a backtest) kept off the event loop.

Each job runs in a worker thread, so the loop keeps answering every other request, /healthz
included, while it runs; at most `concurrency` jobs run at once (a request that finds them all
busy waits briefly, then gets a 503 with Retry-After); and a job that outlives its time limit
is answered with a 503 while its thread is left to finish, still holding its slot, so stuck
work can never pile up threads. A backtest also checks its deadline between chunks and answers
with what it scored so far, marked truncated.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from fastapi import HTTPException
from prometheus_client import Gauge

T = TypeVar("T")

HEAVY_RUNNING = Gauge("chokewatch_api_heavy_jobs", "Preview and backtest jobs running in worker threads")
BUSY = {503: {"description": "too much heavy work under way, or the job ran out of time; retry later",
              "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}}}


class HeavyWork:
    def __init__(self, concurrency: int, timeout_s: float, queue_wait_s: float = 2.0) -> None:
        self.timeout_s = timeout_s
        self.queue_wait_s = queue_wait_s
        self.concurrency = concurrency
        self._slots: asyncio.Semaphore | None = None
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="api-heavy")

    def deadline(self) -> float:
        """The monotonic time by which a job should stop and answer with what it has."""
        return time.monotonic() + self.timeout_s * 0.8

    async def run(self, job: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.concurrency)
        slots = self._slots
        try:
            await asyncio.wait_for(slots.acquire(), self.queue_wait_s)
        except TimeoutError:
            raise _busy("the server is busy with other previews and backtests") from None
        loop = asyncio.get_running_loop()

        def work() -> T:
            HEAVY_RUNNING.inc()
            try:
                return job(*args, **kwargs)
            finally:
                HEAVY_RUNNING.dec()

        try:
            future = loop.run_in_executor(self._pool, work)
        except BaseException:
            slots.release()
            raise
        # The slot is given back when the thread is done, not when the request gives up on it.
        future.add_done_callback(lambda _f: slots.release())
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout_s)
        except TimeoutError:
            raise _busy(f"the job did not finish within {self.timeout_s:g} s") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _busy(words: str) -> HTTPException:
    return HTTPException(503, detail=words, headers={"Retry-After": "5"})
