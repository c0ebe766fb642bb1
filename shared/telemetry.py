"""Metrics and logs, set up the same way in every service.

Metric names follow Prometheus conventions (base units, `_total`, `_seconds`), and labels are
bounded: stream names, outcomes and channels, never ids.
"""

from __future__ import annotations

import logging
import sys

import structlog
from prometheus_client import Counter, Gauge, Histogram, start_http_server

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
CLAIMED = Counter(
    "chokewatch_claimed_total",
    "Entries taken over from a consumer that stopped or hung",
    ["stream"],
)
PUBLISHED = Counter("chokewatch_published_total", "Messages written, by stream", ["stream"])
DUPLICATES = Counter("chokewatch_ingest_duplicates_total", "Exact duplicate events dropped")
ALERTS = Counter("chokewatch_alerts_total", "Alert decisions, by kind (new, update)", ["kind"])
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
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
SUBSCRIBERS = Gauge("chokewatch_subscribers", "Subscribers stored")


def serve_metrics(port: int, host: str = "0.0.0.0") -> int:
    """Serve /metrics on its own port; returns the bound port (0 picks a free one)."""
    server, _thread = start_http_server(port, addr=host)
    return int(server.server_port)


def setup_logging(level: str = "INFO", json_lines: bool = False, service: str = "") -> None:
    renderer = (
        structlog.processors.JSONRenderer()
        if json_lines
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping().get(level.upper(), logging.INFO)
        ),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
    if service:
        structlog.contextvars.bind_contextvars(service=service)
    # FastStream and uvicorn log through the standard library; keep them quiet but visible.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)


log = structlog.get_logger("chokewatch")
