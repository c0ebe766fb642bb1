"""The provisioned Grafana dashboard: valid JSON, wired to the provisioned datasource, and every
query parses and asks for metrics chokewatch exports."""

from __future__ import annotations

import json

import yaml

from .conftest import DEPLOY, ROOT, run_promtool
from .helpers import exported_series_names, metric_names_in

GRAFANA = DEPLOY / "grafana"


def dashboard() -> dict:
    return json.loads((GRAFANA / "dashboards" / "chokewatch.json").read_text())


def queries() -> list[tuple[str, str]]:
    return [(p["title"], t["expr"]) for p in dashboard()["panels"] for t in p.get("targets", [])]


def test_dashboard_uses_the_provisioned_datasource():
    [source] = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())[
        "datasources"]
    assert source["type"] == "prometheus" and source["url"] == "http://prometheus:9090"
    panels = [p for p in dashboard()["panels"] if p["type"] != "row"]
    assert panels
    for panel in panels:
        assert panel["datasource"]["uid"] == source["uid"], panel["title"]
        assert panel["targets"], panel["title"]


def test_dashboard_shows_what_the_operations_section_promises():
    text = " ".join(expr for _, expr in queries())
    for needle in (
        'chokewatch_messages_total{outcome="ok"}',  # throughput per stage
        "histogram_quantile(0.95, sum by (le) (rate(chokewatch_end_to_end_seconds_bucket",
        "chokewatch_stream_lag",
        "chokewatch_dead_letters",
        "sum by (channel, outcome) (rate(chokewatch_deliveries_total",
    ):
        assert needle in text, needle


def test_every_query_uses_exported_metrics():
    known = exported_series_names()
    for title, expr in queries():
        assert metric_names_in(expr) <= known, (title, metric_names_in(expr) - known)


def test_every_query_parses(promtool, tmp_path):
    # promtool parses PromQL when it checks rules: each query becomes a recording rule.
    rules = [{"record": f"dashboard:query_{i}", "expr": expr.replace("$__rate_interval", "5m")}
             for i, (_, expr) in enumerate(queries())]
    path = tmp_path / "dashboard_queries.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}))
    run_promtool(promtool, "check", "rules", str(path))


def test_dashboard_provider_points_where_compose_mounts_the_dashboards():
    [provider] = yaml.safe_load((GRAFANA / "provisioning/dashboards/chokewatch.yml").read_text())[
        "providers"]
    grafana = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["grafana"]
    mounts = dict(v.rsplit(":", 1)[0].split(":", 1) for v in grafana["volumes"] if v.startswith("./"))
    assert mounts["./deploy/grafana/dashboards"] == provider["options"]["path"]
    assert mounts["./deploy/grafana/provisioning"] == "/etc/grafana/provisioning"
