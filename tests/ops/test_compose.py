"""docker-compose.yml runs the whole stack: Redis with AOF on a volume, every service from the
project's image with a health check, Prometheus with the project's rules, Grafana provisioned."""

from __future__ import annotations

import yaml

from chokewatch.services.cli import SERVICE_NAMES
from chokewatch.services.stack import METRICS_PORTS
from chokewatch.shared.settings import Settings

from .conftest import ROOT


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def bind_mounts(service: dict) -> dict[str, str]:
    out = {}
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        out[source] = target
    return out


def test_every_container_has_a_health_check():
    services = compose()["services"]
    assert set(services) == {*SERVICE_NAMES, "redis", "prometheus", "grafana"}
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_redis_persists_with_append_only_file_on_a_volume():
    doc = compose()
    redis = doc["services"]["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    source, target = redis["volumes"][0].split(":")[:2]
    assert target == "/data" and source in doc["volumes"]


def test_redis_memory_is_bounded_and_never_evicts():
    command = compose()["services"]["redis"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"
    assert command[command.index("--maxmemory") + 1].endswith("mb")


def test_services_run_the_cli_from_the_project_image():
    services = compose()["services"]
    settings = {f"CHOKEWATCH_{name.upper()}" for name in Settings.model_fields}
    for name in SERVICE_NAMES:
        service = services[name]
        assert service["command"] == ["run", name]
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"
        assert (ROOT / service["build"]["dockerfile"]).exists()
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        env = service["environment"]
        unknown = {k for k in env if k.startswith("CHOKEWATCH_")} - settings
        assert not unknown, f"{name} sets unknown settings {unknown}"
        assert env["CHOKEWATCH_LOG_JSON"] == "true"
        if name in METRICS_PORTS:
            assert env["CHOKEWATCH_METRICS_PORT"] == str(METRICS_PORTS[name])
            assert "CHOKEWATCH_METRICS_PORT" in " ".join(service["healthcheck"]["test"])
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])


def test_prometheus_and_grafana_mount_the_project_files():
    services = compose()["services"]
    prometheus = bind_mounts(services["prometheus"])
    assert prometheus["./deploy/prometheus"] == "/etc/prometheus"
    assert "--config.file=/etc/prometheus/prometheus.yml" in services["prometheus"]["command"]
    grafana = bind_mounts(services["grafana"])
    for source in list(prometheus) + list(grafana):
        if source.startswith("./"):
            assert (ROOT / source).is_dir(), source
    assert grafana["./deploy/grafana/provisioning"] == "/etc/grafana/provisioning"
    home = services["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert home.startswith(grafana["./deploy/grafana/dashboards"] + "/")
    assert (ROOT / "deploy/grafana/dashboards" / home.rsplit("/", 1)[1]).exists()
