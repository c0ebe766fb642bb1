"""Metrics and logs, set up the same way in every service.

Metric names follow Prometheus conventions (base units, `_total`, `_seconds`), and labels are
bounded: stream names, outcomes, channels and source kinds, never ids. The README's
Operations section lists every metric; deploy/prometheus and deploy/grafana query them.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version

import redis.asyncio as aioredis
import structlog
from prometheus_client import Counter, Gauge, Histogram, Info, start_http_server

from .names import StreamKeys

# Work done, per stream.
MESSAGES = Counter(
    "chokewatch_messages_total",
    "Stream entries handled, by stream and outcome (ok, retried, deferred, dead_lettered)",
    ["stream", "outcome"],
)
HANDLE_SECONDS = Histogram(
    "chokewatch_handle_seconds",
    "Time to handle one stream entry",
    ["stream"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TRIMMED = Counter(
    "chokewatch_trimmed_total",
    "Stream entries and dead letters removed by retention, by stream",
    ["stream", "kind"],
)
CLAIMED = Counter(
    "chokewatch_claimed_total",
    "Entries taken over from a consumer that stopped or hung",
    ["stream"],
)
PUBLISHED = Counter("chokewatch_published_total", "Messages written, by stream", ["stream"])
DUPLICATES = Counter(
    "chokewatch_ingest_duplicates_total",
    "Exact duplicate events dropped, by what matched (content, url)",
    ["reason"],
)
SOURCE_POLLS = Counter(
    "chokewatch_source_polls_total",
    "Source polls, by source kind and outcome (ok, not_modified, error)",
    ["kind", "outcome"],
)
SOURCE_ERRORS = Counter(
    "chokewatch_source_errors_total",
    "Failed source polls and item fetches, by source kind and reason "
    "(timeout, connection, http_status, too_large, redirects, invalid, config, internal)",
    ["kind", "reason"],
)
SOURCE_ITEMS = Counter(
    "chokewatch_source_items_total",
    "Items found by source polls, by source kind and outcome "
    "(admitted, duplicate, before_window, empty, failed, given_up)",
    ["kind", "outcome"],
)
FETCH_SECONDS = Histogram(
    "chokewatch_fetch_seconds",
    "Time of one source request, from sending it to the end of its body, by source kind",
    ["kind"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
SOURCES = Gauge(
    "chokewatch_sources",
    "Configured sources, by kind and status (new, ok, failing, paused)",
    ["kind", "status"],
)
ALERTS = Counter("chokewatch_alerts_total", "Alert decisions, by kind (new, update)", ["kind"])

# Delivery.
DELIVERIES = Counter(
    "chokewatch_deliveries_total",
    "Delivery attempts, by channel and outcome (delivered, retry, deferred, failed)",
    ["channel", "outcome"],
)
DELIVERY_SECONDS = Histogram(
    "chokewatch_delivery_seconds",
    "Time of one delivery request, by channel",
    ["channel"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
END_TO_END_SECONDS = Histogram(
    "chokewatch_end_to_end_seconds",
    "From an event's ingestion to its alert's delivery",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
)
OPEN_CIRCUITS = Gauge(
    "chokewatch_open_circuits",
    "Delivery endpoints whose circuit is open or half-open in this process",
)

# Backlog of each stream, read from Redis by the workers that consume it (see refresh_streams).
STREAM_LAG = Gauge(
    "chokewatch_stream_lag",
    "Entries not yet read by the stream's consumer group",
    ["stream"],
)
STREAM_PENDING = Gauge(
    "chokewatch_stream_pending",
    "Entries read by the stream's consumer group but not yet acknowledged",
    ["stream"],
)
RETRY_SCHEDULED = Gauge(
    "chokewatch_retry_scheduled",
    "Entries of the stream waiting in its retry schedule",
    ["stream"],
)
DEAD_LETTERS = Gauge(
    "chokewatch_dead_letters",
    "Entries in the stream's dead-letter companion",
    ["stream"],
)
REDIS_MEMORY = Gauge(
    "chokewatch_redis_memory_bytes",
    "Redis memory as INFO reports it: used, and maxmemory (0 when unlimited)",
    ["kind"],
)
STREAMS_REFRESHED = Gauge(
    "chokewatch_streams_refreshed_timestamp_seconds",
    "When this process last read the stream gauges from Redis (Unix time)",
)

SUBSCRIBERS = Gauge("chokewatch_subscribers", "Subscribers stored")

BUILD = Info("chokewatch_build", "The chokewatch version this process runs")
try:
    BUILD.info({"version": version("chokewatch")})
except PackageNotFoundError:  # running from a source tree that was never installed
    BUILD.info({"version": "unknown"})


async def refresh_streams(redis: aioredis.Redis, all_keys: Iterable[StreamKeys]) -> None:
    """Read lag, pending entries, retry schedule and dead letters of streams into the gauges.

    One round trip for all streams. Lag comes from XINFO GROUPS (Redis 7+); where Redis cannot
    tell it (after entries were deleted) the stream's length stands in, an upper bound.
    """
    keys_list = list(all_keys)
    async with redis.pipeline(transaction=False) as pipe:
        for keys in keys_list:
            pipe.xinfo_groups(keys.stream)
            pipe.xlen(keys.stream)
            pipe.zcard(keys.retry)
            pipe.xlen(keys.dead)
        pipe.info("memory")
        replies = await pipe.execute(raise_on_error=False)
    memory = replies[-1]
    if isinstance(memory, dict):
        REDIS_MEMORY.labels("used").set(int(memory.get("used_memory", 0)))
        REDIS_MEMORY.labels("max").set(int(memory.get("maxmemory", 0)))
    for index, keys in enumerate(keys_list):
        groups, length, retrying, dead = replies[4 * index: 4 * index + 4]
        if isinstance(groups, list):
            group = next((g for g in groups if g.get("name") == keys.group), None)
            if group is not None:
                lag = group.get("lag")
                STREAM_LAG.labels(keys.stream).set(
                    int(lag) if lag is not None else _count(length)
                )
                STREAM_PENDING.labels(keys.stream).set(int(group.get("pending") or 0))
        RETRY_SCHEDULED.labels(keys.stream).set(_count(retrying))
        DEAD_LETTERS.labels(keys.stream).set(_count(dead))
    STREAMS_REFRESHED.set(time.time())


def _count(reply: object) -> int:
    return int(reply) if isinstance(reply, int) else 0


def serve_metrics(port: int, host: str = "127.0.0.1") -> int:
    """Serve /metrics on its own port; returns the bound port (0 picks a free one).

    Every path answers with the metrics, so /metrics doubles as the worker's liveness and
    readiness probe: the process is up and its metrics thread answers.
    """
    server, _thread = start_http_server(port, addr=host)
    return int(server.server_port)


def setup_logging(level: str = "INFO", json_lines: bool = False, service: str = "") -> None:
    """structlog for chokewatch's own lines; libraries' standard-library logs in the same format.

    Lines logged while a message is handled carry its correlation_id and message_id (bound by
    the stream worker), and API lines carry the request_id.
    """
    renderer = (
        structlog.processors.JSONRenderer()
        if json_lines
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        ),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    if service:
        structlog.contextvars.bind_contextvars(service=service)
    # FastStream, httpx and uvicorn log through the standard library: quiet but visible, and
    # rendered like every other line so a JSON log stays JSON.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    ))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)


log = structlog.get_logger("chokewatch")
