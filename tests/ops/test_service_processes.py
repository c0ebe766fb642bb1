"""Real service processes, one event through them: every log line is JSON and the lines about
the event carry its correlation id; every service's /metrics passes promtool and shows the
stream gauges."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import httpx
import pytest

from chokewatch.services.demo.receiver import Receiver
from chokewatch.shared.embedded import free_port
from chokewatch.shared.names import GROUPS, Names
from tests.conftest import Services, wait_for
from tests.e2e.helpers import DYSPROSIUM_CONTROL, api_client, drained, subscribe

from .conftest import run_promtool

pytestmark = pytest.mark.slow
WORKERS = ("ingest", "classify", "alert")
# The streams each worker reads, so exports gauges for.
READS = {"ingest": ["submitted"], "classify": ["raw"], "alert": ["classified", "alerts"]}


def log_lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def run(redis_url: str, tmp_path_factory: pytest.TempPathFactory):
    """The four services with JSON logs, after one event went through them to a webhook."""
    namespace = "t" + secrets.token_hex(5)
    log_dir = tmp_path_factory.mktemp("logs")
    env = dict(os.environ)
    env.pop("CHOKEWATCH_FAULT_HOLD_MS", None)
    env.update(
        CHOKEWATCH_REDIS_URL=redis_url,
        CHOKEWATCH_NAMESPACE=namespace,
        CHOKEWATCH_ADMIN_KEY=secrets.token_urlsafe(16),
        CHOKEWATCH_API_PORT=str(free_port()),
        CHOKEWATCH_METRICS_PORT="0",
        CHOKEWATCH_LOG_JSON="true",
        CHOKEWATCH_LOG_LEVEL="DEBUG",
        CHOKEWATCH_WEBHOOK_ALLOW_HOSTS="127.0.0.1",
        CHOKEWATCH_WEBHOOK_ALLOW_HTTP="true",
    )
    services = Services(env, log_dir)
    with Receiver() as receiver:
        try:
            for name in (*WORKERS, "api"):
                services.start(name)
            client = api_client(services)
            subscribe(client, receiver, "/hooks/magnets",
                      {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}})
            reply = client.post("/v1/events", json=DYSPROSIUM_CONTROL)
            assert reply.status_code == 202, reply.text
            correlation_id = reply.json()["correlation_id"]
            wait_for(lambda: receiver.received("/hooks/magnets"), timeout=30, what="the alert")
            assert drained(services), services.logs()

            ports = {name: metrics_port(log_dir / f"{name}-{i}.log") for i, name in enumerate(WORKERS)}
            ports["api"] = int(env["CHOKEWATCH_API_PORT"])
            names = Names(namespace)

            def scrape(name: str) -> str:
                admin = {"authorization": f"Bearer {env['CHOKEWATCH_ADMIN_KEY']}"} if name == "api" else {}
                return httpx.get(f"http://127.0.0.1:{ports[name]}/metrics", headers=admin, timeout=5).text

            def refreshed() -> bool:  # the gauges are read from Redis about once a second
                def settled(name: str) -> bool:
                    text = scrape(name)
                    return all(
                        f'{gauge}{{stream="{names.stream(hop).stream}"}} 0.0' in text
                        for hop in READS[name]
                        for gauge in ("chokewatch_stream_lag", "chokewatch_stream_pending",
                                      "chokewatch_retry_scheduled", "chokewatch_dead_letters")
                    )
                return all(settled(name) for name in WORKERS)

            wait_for(refreshed, timeout=20, what="stream gauges refreshed after draining")
            scraped = {name: scrape(name) for name in ports}
        finally:
            services.stop_all()
    yield {"logs": log_dir, "correlation_id": correlation_id, "metrics": scraped, "names": names}


def metrics_port(log: Path) -> int:
    def started() -> int | None:
        for line in log_lines(log):
            record = json.loads(line)
            if record.get("event") == "service started":
                return int(record["metrics_port"])
        return None

    return wait_for(started, timeout=30, what=f"{log.name} to start")


def test_every_log_line_is_json_with_level_time_and_service(run):
    files = sorted(run["logs"].glob("*.log"))
    assert {f.name.split("-")[0] for f in files} == {*WORKERS, "api"}
    for path in files:
        lines = log_lines(path)
        assert lines, f"{path.name} logged nothing"
        for line in lines:
            record = json.loads(line)  # fails the test on any line that is not JSON
            assert isinstance(record, dict), line
            assert {"event", "level", "timestamp", "service"} <= set(record), line
            assert record["service"] == path.name.split("-")[0], line


def test_lines_about_the_event_carry_its_correlation_id_in_every_service(run):
    cid = run["correlation_id"]
    for name in WORKERS:
        [path] = run["logs"].glob(f"{name}-*.log")
        records = [json.loads(line) for line in log_lines(path)]
        handled = [r for r in records if r["event"] == "handled"]
        assert handled, f"{name} logged no handled message"
        # Everything this run handled descends from the one event: one correlation id throughout.
        assert {r.get("correlation_id") for r in handled} == {cid}, name
        assert all(r.get("message_id") for r in handled), name
        about = [r for r in records if "message_id" in r or "subscriber" in r]
        assert all(r.get("correlation_id") == cid for r in about), name
    [alert_log] = run["logs"].glob("alert-*.log")
    decided = [json.loads(line) for line in log_lines(alert_log) if '"alert decided"' in line]
    assert decided and decided[0]["correlation_id"] == cid


def test_every_service_metrics_pass_promtool(run, promtool):
    for name, text in run["metrics"].items():
        assert "chokewatch_" in text, name
        run_promtool(promtool, "check", "metrics", stdin=text)


def test_workers_export_throughput_latency_and_backlog_of_their_streams(run):
    names, metrics = run["names"], run["metrics"]
    for name in WORKERS:
        for hop in READS[name]:
            stream = names.stream(hop).stream
            for gauge in ("chokewatch_stream_pending", "chokewatch_retry_scheduled",
                          "chokewatch_dead_letters"):
                assert f'{gauge}{{stream="{stream}"}} 0.0' in metrics[name], (name, gauge)
            assert f'chokewatch_messages_total{{outcome="ok",stream="{stream}"}} 1.0' in metrics[name]
    assert set(READS) == {GROUPS[hop] for hop in ("submitted", "raw", "classified")}
    assert "chokewatch_end_to_end_seconds_count 1.0" in metrics["alert"]
    assert 'chokewatch_deliveries_total{channel="webhook",outcome="delivered"} 1.0' in metrics["alert"]
    assert "chokewatch_subscribers 1.0" in metrics["api"]
