"""The shell every stream-consuming service runs in.

A service is a list of Stages: which stream it reads, which message model it expects, and a
handler holding the service's logic. This module does the rest: FastStream consumer groups,
validation, retries with backoff, dead letters, taking over entries of dead consumers,
metrics, and a clean stop on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import signal
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import redis.asyncio as aioredis
import structlog
from faststream import AckPolicy
from faststream.redis import RedisBroker, StreamSub
from faststream.redis.annotations import RedisStreamMessage
from pydantic import ValidationError

from . import secretbox, streams
from .messages import Message
from .names import CLASSIFIED, Names, StreamKeys
from .redis import broker as make_broker
from .redis import connect, ensure_streams
from .redisbatch import Batcher, Command
from .settings import Settings
from .telemetry import (
    CLAIMED,
    HANDLE_SECONDS,
    MESSAGES,
    TRIMMED,
    log,
    refresh_streams,
    serve_metrics,
)


class Retryable(Exception):
    """The handler could not finish now (a dependency is down); try again later."""

    def __init__(self, reason: str, after_s: float | None = None, counts: bool = True) -> None:
        super().__init__(reason)
        self.after_s = after_s  # the other side asked us to wait this long (Retry-After)
        # False when nothing was tried (endpoint busy, circuit open, rate limit): no attempt used.
        self.counts = counts


@dataclass(slots=True)
class Stage:
    hop: str
    model: type[Message]
    handle: Callable[[Any], Awaitable[None]]
    # Called with the message and the reason when it is dead-lettered after its last attempt.
    on_dead: Callable[[Any, str], Awaitable[None]] | None = None
    max_attempts: int | None = None  # default: settings.max_attempts
    retry_base_ms: int | None = None  # default: settings.retry_base_ms
    retry_max_ms: int | None = None  # default: settings.retry_max_ms
    concurrency: int = 1  # entries handled at once by one process


class _StreamSub(StreamSub):
    """faststream copies a subscriber's stream description, deeply, each time it reads its name
    with the broker's prefix (several times per message); a shallow copy serves as well, since
    nothing changes the copy but its name, and costs a fraction of the CPU."""

    __slots__ = ()

    def add_prefix(self, prefix: str) -> _StreamSub:
        new = copy.copy(self)
        new.name = f"{prefix}{self.name}"
        return new


@dataclass(slots=True)
class Runtime:
    """What a service's handlers get: settings, Redis and the key names."""

    settings: Settings
    redis: aioredis.Redis
    names: Names
    consumer: str = field(
        default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    )
    # Loops a service runs beside its stages (ingest's source poller, alert's digest sender):
    # each is started with the service and given the stop event; the service waits for them.
    background: list[Callable[[asyncio.Event], Awaitable[None]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        secretbox.configure(self.settings)  # the keys that open subscribers' stored secrets


class StreamWorker:
    def __init__(self, runtime: Runtime, stages: list[Stage]) -> None:
        self.rt = runtime
        self.stages = stages
        self.mover = streams.Mover(runtime.redis)
        # Entries are acknowledged here, not by FastStream: the XACKs of entries finished
        # together share a round trip.
        self.acks = Batcher(runtime.redis)

    async def process(self, stage: Stage, keys: StreamKeys, entry_id: str, fields: dict) -> None:
        """Handle one entry. Returns normally when the entry may be acknowledged."""
        settings, redis = self.rt.settings, self.rt.redis
        started = time.perf_counter()
        attempts = streams.attempts_of(fields)
        try:
            message = stage.model.model_validate_json(streams.payload_of(fields))
        except (ValidationError, streams.BadEntry) as exc:
            # Poison: no retry can fix it.
            if await streams.dead_letter(redis, keys, entry_id, fields, _invalid_reason(stage, exc)):
                MESSAGES.labels(keys.stream, "dead_lettered").inc()
            with structlog.contextvars.bound_contextvars(**_ids_of(fields)):
                log.warning("dead-lettered invalid entry", stream=keys.stream, entry=entry_id)
            return

        bound = structlog.contextvars.bound_contextvars(
            correlation_id=message.correlation_id, message_id=message.id
        )
        with bound:
            try:
                await stage.handle(message)
            except Exception as exc:  # noqa: BLE001 - every failure is retried or dead-lettered
                await self._failed(stage, message, keys, entry_id, fields, attempts + 1, exc)
                return
            finally:
                HANDLE_SECONDS.labels(keys.stream).observe(time.perf_counter() - started)
            MESSAGES.labels(keys.stream, "ok").inc()
            log.debug("handled", stream=keys.stream, entry=entry_id,
                      ms=round((time.perf_counter() - started) * 1000, 1))
            if settings.fault_hold_ms:
                await asyncio.sleep(settings.fault_hold_ms / 1000)

    async def _failed(
        self,
        stage: Stage,
        message: Message,
        keys: StreamKeys,
        entry_id: str,
        fields: dict,
        attempts: int,
        exc: Exception,
    ) -> None:
        settings, redis = self.rt.settings, self.rt.redis
        reason = f"{type(exc).__name__}: {exc}"
        if isinstance(exc, Retryable) and not exc.counts:
            attempts -= 1  # deferred without trying: the attempt is not used up
        if attempts >= (stage.max_attempts or settings.max_attempts):
            final = f"failed {attempts} times; last: {reason}"
            if stage.on_dead is not None:
                await stage.on_dead(message, final)
            if await streams.dead_letter(redis, keys, entry_id, fields, final):
                MESSAGES.labels(keys.stream, "dead_lettered").inc()
            log.error("dead-lettered after retries", stream=keys.stream, reason=reason)
            return
        delay = streams.backoff_ms(
            max(1, attempts),
            stage.retry_base_ms or settings.retry_base_ms,
            stage.retry_max_ms or settings.retry_max_ms,
        )
        if isinstance(exc, Retryable) and exc.after_s is not None:
            delay = max(delay, int(exc.after_s * 1000))
        await streams.schedule_retry(
            redis, keys, entry_id, fields, attempts, int(time.time() * 1000) + delay
        )
        if isinstance(exc, Retryable) and not exc.counts:
            MESSAGES.labels(keys.stream, "deferred").inc()
            log.info("deferred", stream=keys.stream, delay_ms=delay, reason=str(exc))
            return
        MESSAGES.labels(keys.stream, "retried").inc()
        log.warning("handler failed; retry scheduled", stream=keys.stream, attempt=attempts,
                    delay_ms=delay, reason=reason)

    async def maintain_once(self) -> None:
        """Move due retries back to their streams; take over entries of dead consumers."""
        settings, redis = self.rt.settings, self.rt.redis
        now_ms = int(time.time() * 1000)
        for stage in self.stages:
            keys = self.rt.names.stream(stage.hop)
            await self.mover.move_due(keys, now_ms)
            claimed = await streams.claim_idle(
                redis, keys, self.rt.consumer, settings.claim_idle_ms
            )
            for entry_id, fields in claimed:
                CLAIMED.labels(keys.stream).inc()
                # The consumer that held it stopped mid-way: that counts as an attempt.
                attempts = streams.attempts_of(fields) + 1
                if attempts >= (stage.max_attempts or settings.max_attempts):
                    if await streams.dead_letter(
                        redis, keys, entry_id, fields,
                        f"its consumer stopped while handling it {attempts} times",
                    ):
                        MESSAGES.labels(keys.stream, "dead_lettered").inc()
                else:
                    await streams.requeue(redis, keys, entry_id, fields, attempts)
                with structlog.contextvars.bound_contextvars(**_ids_of(fields)):
                    log.warning("took over a stalled entry", stream=keys.stream, entry=entry_id,
                                attempts=attempts)

    async def trim_once(self, now_ms: int | None = None) -> dict[str, tuple[int, int]]:
        """Trim the streams this worker reads and their dead letters (see `streams.trim`)."""
        settings = self.rt.settings
        now_ms = int(time.time() * 1000) if now_ms is None else now_ms
        out: dict[str, tuple[int, int]] = {}
        for stage in self.stages:
            keys = self.rt.names.stream(stage.hop)
            removed = await streams.trim(
                self.rt.redis, keys, now_ms,
                keep_ms=keep_ms(settings, stage.hop),
                dead_keep_ms=int(settings.dead_letter_keep_days * 86_400_000),
                dead_max=settings.dead_letter_max,
            )
            TRIMMED.labels(keys.stream, "entries").inc(removed[0])
            TRIMMED.labels(keys.stream, "dead_letters").inc(removed[1])
            out[keys.stream] = removed
        return out

    async def refresh_metrics(self) -> None:
        """Lag, pending entries, retry schedule and dead letters of the streams this worker reads."""
        await refresh_streams(self.rt.redis, [self.rt.names.stream(s.hop) for s in self.stages])

    async def maintain_forever(self, stop: asyncio.Event) -> None:
        interval = min(1.0, self.rt.settings.claim_idle_ms / 4000)
        next_trim = 0.0
        while not stop.is_set():
            try:
                await self.maintain_once()
            except Exception as exc:  # noqa: BLE001 - Redis away: try again next round
                log.warning("maintenance round failed", error=repr(exc))
            if time.monotonic() >= next_trim:
                next_trim = time.monotonic() + self.rt.settings.trim_interval_s
                try:
                    await self.trim_once()
                except Exception as exc:  # noqa: BLE001 - trimmed next round instead
                    log.warning("trimming failed", error=repr(exc))
            try:
                await self.refresh_metrics()
            except Exception as exc:  # noqa: BLE001 - the gauges keep their last values
                log.debug("stream metrics not refreshed", error=repr(exc))
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
            except TimeoutError:
                pass

    def attach(self, broker: RedisBroker) -> None:
        for stage in self.stages:
            keys = self.rt.names.stream(stage.hop)
            extra = {"max_workers": stage.concurrency} if stage.concurrency > 1 else {}
            sub = broker.subscriber(
                stream=_StreamSub(
                    keys.stream,
                    group=keys.group,
                    consumer=self.rt.consumer,
                    max_records=self.rt.settings.batch_size,
                    polling_interval=500,
                ),
                decoder=_raw_entry,  # the handler validates the entry itself
                ack_policy=AckPolicy.MANUAL,  # acknowledged by the handler, in batches
                **extra,
            )
            sub(self._handler(stage, keys))

    def _handler(self, stage: Stage, keys: StreamKeys):
        async def on_entry(raw: dict) -> None:
            fields = {_text(k): _text(v) for k, v in raw["data"].items()}
            entry_id = _text(raw["message_ids"][0])
            await self.process(stage, keys, entry_id, fields)
            # Finished (a retry or dead letter was acknowledged as it moved; again is harmless).
            # Should this fail, the entry stays pending and is taken over later.
            await self.acks.run([Command(("XACK", keys.stream, keys.group, entry_id))])

        on_entry.__name__ = f"on_{stage.hop}"
        return on_entry


async def _raw_entry(msg: RedisStreamMessage) -> dict:
    """The stream entry as read (its id and fields): what a handler gets from the broker."""
    return msg.raw_message


def keep_ms(settings: Settings, hop: str) -> int:
    """How long a stream's finished entries stay: classified events feed backtests."""
    if hop == CLASSIFIED:
        return int(settings.classified_keep_days * 86_400_000)
    return int(settings.stream_keep_hours * 3_600_000)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _ids_of(fields: dict) -> dict[str, str]:
    """The correlation and message ids an entry's envelope carries, for its log lines."""
    try:
        headers = json.loads(fields.get(streams.DATA, "")).get("headers", {})
        return {k: str(headers[k])[:200] for k in ("correlation_id", "message_id") if k in headers}
    except (ValueError, AttributeError, TypeError):
        return {}


def _invalid_reason(stage: Stage, exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()[:10]
        )
        return f"invalid {stage.model.__name__}: {problems}"
    return f"invalid entry: {exc}"


async def run_service(
    name: str,
    settings: Settings,
    build: Callable[[Runtime], Awaitable[list[Stage]]],
    default_metrics_port: int,
) -> None:
    """Run one service until SIGTERM or SIGINT, then stop cleanly."""
    if not settings.redis_url:
        raise SystemExit("CHOKEWATCH_REDIS_URL is not set (`chokewatch up` starts one for you)")
    redis = connect(settings.redis_url, settings.redis_cluster)
    runtime = Runtime(settings, redis, Names(settings.namespace))
    await ensure_streams(redis, runtime.names)
    worker = StreamWorker(runtime, await build(runtime))
    if not secretbox.enabled():
        log.warning("CHOKEWATCH_SECRETS_KEY is not set: webhook secrets and Slack URLs are kept in "
                    "Redis in clear")

    port = settings.metrics_port if settings.metrics_port is not None else default_metrics_port
    bound = serve_metrics(port, settings.metrics_host)
    broker = make_broker(settings.redis_url, settings.redis_cluster)
    worker.attach(broker)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    await broker.start()
    log.info("service started", service=name, consumer=runtime.consumer, metrics_port=bound)
    tasks = [asyncio.create_task(worker.maintain_forever(stop))]
    tasks += [asyncio.create_task(loop_(stop)) for loop_ in runtime.background]
    await stop.wait()
    log.info("service stopping", service=name)
    await broker.stop()
    await asyncio.gather(*tasks)
    await redis.aclose()
