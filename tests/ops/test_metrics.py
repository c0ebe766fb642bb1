"""Metric names and labels follow Prometheus conventions, and stream gauges read Redis truly."""

from __future__ import annotations

from prometheus_client import REGISTRY, generate_latest

from chokewatch.shared import streams, telemetry
from chokewatch.shared.messages import RawEvent, new_id, utcnow
from chokewatch.shared.names import CLASSIFIED, RAW
from chokewatch.shared.redis import ensure_streams

from .conftest import run_promtool
from .helpers import chokewatch_metrics

# Label names whose values come from a fixed, small set: streams, outcomes, channels, kinds.
BOUNDED_LABELS = {"stream", "outcome", "channel", "kind", "status", "reason", "version"}


def test_names_and_labels_follow_prometheus_conventions():
    for metric in REGISTRY.collect():
        if not metric.name.startswith("chokewatch_"):
            continue
        name = metric.name
        if metric.type == "histogram":
            assert name.endswith("_seconds"), f"{name}: histograms here measure time, in seconds"
        if metric.type == "gauge":
            assert not name.endswith("_total"), f"{name}: _total is for counters"
            assert not name.endswith(("_ms", "_milliseconds", "_minutes")), f"{name}: base units"
        assert metric.documentation, f"{name} has no help text"
    collectors = REGISTRY._collector_to_names  # labels are declared on the collectors
    for collector in list(collectors):
        labels = set(getattr(collector, "_labelnames", ()))
        names = collectors[collector]
        if any(n.startswith("chokewatch_") for n in names):
            assert labels <= BOUNDED_LABELS, f"{names}: unbounded labels {labels - BOUNDED_LABELS}"


def test_the_issue_lists_are_all_exported():
    names = chokewatch_metrics()
    for name, kind in {
        "chokewatch_messages": "counter",
        "chokewatch_handle_seconds": "histogram",
        "chokewatch_end_to_end_seconds": "histogram",
        "chokewatch_stream_lag": "gauge",
        "chokewatch_stream_pending": "gauge",
        "chokewatch_dead_letters": "gauge",
        "chokewatch_retry_scheduled": "gauge",
        "chokewatch_deliveries": "counter",
        "chokewatch_subscribers": "gauge",
        "chokewatch_sources": "gauge",
        "chokewatch_open_circuits": "gauge",
    }.items():
        assert names.get(name) == kind, name


def test_every_metric_with_a_sample_passes_promtool(promtool):
    # Give every labelled metric a series, so promtool sees each one as exported.
    for collector, names in list(REGISTRY._collector_to_names.items()):
        if not any(n.startswith("chokewatch_") for n in names):
            continue
        labelnames = getattr(collector, "_labelnames", ())
        if not labelnames or getattr(collector, "_type", "") == "info":
            continue
        child = collector.labels(*["sample"] * len(labelnames))
        if collector._type == "counter":
            child.inc(0)
        elif collector._type == "gauge":
            child.set(0)
        elif collector._type == "histogram":
            child.observe(0)
    text = generate_latest(REGISTRY).decode()
    run_promtool(promtool, "check", "metrics", stdin=text)


async def test_stream_gauges_read_lag_pending_retries_and_dead_letters(redis, names):
    await ensure_streams(redis, names)
    raw, classified = names.stream(RAW), names.stream(CLASSIFIED)
    for _ in range(5):
        eid = new_id()
        await streams.publish(redis, raw, RawEvent(id=eid, correlation_id=eid, ingested_at=utcnow(),
                                                   title="t", text="x"))
    # Two read by a consumer and not acknowledged: pending, no longer lagging.
    await redis.xreadgroup(raw.group, "probe", {raw.stream: ">"}, count=2)
    await redis.zadd(raw.retry, {"a": 1, "b": 2, "c": 3})
    await redis.xadd(raw.dead, {"reason": "test"})

    await telemetry.refresh_streams(redis, [raw, classified])

    def value(metric: str, keys) -> float | None:
        return REGISTRY.get_sample_value(metric, {"stream": keys.stream})

    assert value("chokewatch_stream_lag", raw) == 3
    assert value("chokewatch_stream_pending", raw) == 2
    assert value("chokewatch_retry_scheduled", raw) == 3
    assert value("chokewatch_dead_letters", raw) == 1
    assert [value(m, classified) for m in ("chokewatch_stream_lag", "chokewatch_stream_pending",
                                           "chokewatch_retry_scheduled", "chokewatch_dead_letters")
            ] == [0, 0, 0, 0]
    assert REGISTRY.get_sample_value("chokewatch_streams_refreshed_timestamp_seconds") > 0


async def test_open_circuits_are_counted_not_labelled_per_url():
    from chokewatch.services.alert.channels import Outcome
    from chokewatch.services.alert.endpoints import Endpoints

    endpoints = Endpoints(concurrency=1, failures_to_open=2, open_s=60)

    async def refused() -> Outcome:
        return Outcome(False, retry=True, reason="503")

    for url in ("https://a.example/x", "https://a.example/y", "https://b.example/z"):
        await endpoints.call(url, refused)
    await endpoints.call("https://a.example/x", refused)
    assert REGISTRY.get_sample_value("chokewatch_open_circuits") == 1
