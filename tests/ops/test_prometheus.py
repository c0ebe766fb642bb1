"""The Prometheus configuration and alert rules are valid, tested, and query real metrics."""

from __future__ import annotations

import yaml

from .conftest import DEPLOY, run_promtool
from .helpers import exported_series_names, metric_names_in

PROM = DEPLOY / "prometheus"


def rules() -> list[dict]:
    doc = yaml.safe_load((PROM / "alerts.yml").read_text())
    return [rule for group in doc["groups"] for rule in group["rules"]]


def test_config_and_rules_pass_promtool(promtool):
    run_promtool(promtool, "check", "config", str(PROM / "prometheus.yml"))
    run_promtool(promtool, "check", "rules", str(PROM / "alerts.yml"))


def test_alert_rule_unit_tests_pass(promtool):
    run_promtool(promtool, "test", "rules", "alerts_test.yml", cwd=PROM)


def test_every_rule_has_a_unit_test_that_fires_it_and_one_that_does_not():
    tests = yaml.safe_load((PROM / "alerts_test.yml").read_text())["tests"]
    cases = [case for test in tests for case in test["alert_rule_test"]]
    for rule in rules():
        mine = [case for case in cases if case["alertname"] == rule["alert"]]
        assert any(case["exp_alerts"] for case in mine), f"{rule['alert']} never shown firing"
        assert any(not case["exp_alerts"] for case in mine), f"{rule['alert']} never shown quiet"


def test_rules_cover_what_an_operator_must_know():
    names = {rule["alert"] for rule in rules()}
    assert {"ChokewatchServiceDown", "ChokewatchStreamLagGrowing", "ChokewatchDeadLetters",
            "ChokewatchDeliveryFailureRate", "ChokewatchSourceFailing"} <= names
    for rule in rules():
        assert rule["labels"]["severity"] in ("warning", "critical"), rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"]


def test_rules_query_only_metrics_chokewatch_exports():
    known = exported_series_names()
    for rule in rules():
        used = metric_names_in(rule["expr"])
        assert used <= known, f"{rule['alert']} queries unknown metrics {used - known}"


def test_scrape_configuration_covers_every_service_on_its_port():
    from chokewatch.services.stack import METRICS_PORTS, SERVICES

    config = yaml.safe_load((PROM / "prometheus.yml").read_text())
    assert "alerts.yml" in config["rule_files"]
    targets = {}
    for job in config["scrape_configs"]:
        for sd in job["dns_sd_configs"]:
            for name in sd["names"]:
                targets[name] = sd["port"]
        # Every target is labelled with its service: the rules and the dashboard group by it.
        assert any(r.get("target_label") == "service" for r in job["relabel_configs"]), job["job_name"]
    assert targets == {**METRICS_PORTS, "api": 9104}  # the API's own metrics port, needing no key
    assert set(targets) == set(SERVICES)
