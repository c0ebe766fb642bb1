"""The Kubernetes manifests parse, and everything they name exists: the ConfigMaps and Secrets
Deployments use, the Deployments that budgets, Services and KEDA scalers point at, and the
streams and consumer groups chokewatch really reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chokewatch.services.cli import SERVICE_NAMES
from chokewatch.services.stack import METRICS_PORTS
from chokewatch.shared.names import ALERTS, CLASSIFIED, RAW, Names
from chokewatch.shared.settings import Settings

from .conftest import DEPLOY, ROOT

K8S = DEPLOY / "k8s"
# The streams each autoscaled worker reads (services/*/service.py build their stages on these).
SCALED = {"classify": [RAW], "alert": [CLASSIFIED, ALERTS]}


def kustomization() -> dict:
    return yaml.safe_load((K8S / "kustomization.yaml").read_text())


def objects() -> list[dict]:
    docs = []
    for resource in kustomization()["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / resource).read_text()) if d]
    for generated in kustomization().get("secretGenerator", []):
        keys = [f.split("=", 1)[0] for f in generated["files"]]
        docs.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": generated["name"]},
                     "data": dict.fromkeys(keys, "")})
    return docs


def of_kind(kind: str) -> dict[str, dict]:
    return {o["metadata"]["name"]: o for o in objects() if o["kind"] == kind}


def workloads() -> dict[str, dict]:
    return {**of_kind("Deployment"), **of_kind("StatefulSet")}


def containers() -> list[tuple[str, dict]]:
    return [(name, c) for name, w in workloads().items()
            for c in w["spec"]["template"]["spec"]["containers"]]


def test_kustomization_lists_every_manifest():
    listed = set(kustomization()["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    for doc in objects():
        assert doc["apiVersion"] and doc["kind"] and doc["metadata"]["name"]


def test_the_generated_secret_is_ignored_by_git():
    for generated in kustomization()["secretGenerator"]:
        for item in generated["files"]:
            folder = (K8S / item.split("=", 1)[1]).parent
            assert "*" in (folder / ".gitignore").read_text().split(), folder


def test_a_deployment_per_service_running_the_cli():
    deployments = of_kind("Deployment")
    assert set(deployments) == {f"chokewatch-{name}" for name in SERVICE_NAMES}
    image = kustomization()["images"][0]["name"]
    for name in SERVICE_NAMES:
        spec = deployments[f"chokewatch-{name}"]["spec"]
        [container] = spec["template"]["spec"]["containers"]
        assert container["image"] == image
        assert "command" not in container  # the image's entrypoint is `chokewatch`
        assert container["args"] == ["run", name]
        labels = spec["template"]["metadata"]["labels"]
        assert all(labels.get(k) == v for k, v in spec["selector"]["matchLabels"].items())
        assert labels["app.kubernetes.io/component"] == name


def test_entrypoint_is_the_chokewatch_command():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["chokewatch"]' in dockerfile
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'chokewatch = "chokewatch.services.cli:main"' in pyproject


@pytest.mark.parametrize("probe", ["livenessProbe", "readinessProbe"])
def test_every_container_has_probes_on_a_declared_port(probe):
    for name, container in containers():
        assert probe in container, f"{name} has no {probe}"
        http = container[probe].get("httpGet")
        if http is not None:
            ports = {p.get("name") for p in container["ports"]} | {
                p["containerPort"] for p in container["ports"]}
            assert http["port"] in ports, f"{name} {probe} port {http['port']}"


def test_every_container_has_resource_requests_and_limits():
    for name, container in containers():
        for kind in ("requests", "limits"):
            assert set(container["resources"][kind]) >= {"cpu", "memory"}, f"{name} {kind}"


def test_redis_maxmemory_is_below_its_container_limit_and_never_evicts():
    container = dict(containers())["redis"]
    args = container["args"]
    assert args[args.index("--maxmemory-policy") + 1] == "noeviction"
    max_mb = int(args[args.index("--maxmemory") + 1].removesuffix("mb"))
    limit = container["resources"]["limits"]["memory"]
    assert limit.endswith("Gi") and max_mb < int(limit.removesuffix("Gi")) * 1024


def test_workers_serve_metrics_where_probes_and_scrapes_look():
    deployments = of_kind("Deployment")
    for name, port in METRICS_PORTS.items():
        [container] = deployments[f"chokewatch-{name}"]["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        assert env["CHOKEWATCH_METRICS_PORT"] == str(port)
        assert {"name": "metrics", "containerPort": port} in container["ports"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/metrics"
    [api] = deployments["chokewatch-api"]["spec"]["template"]["spec"]["containers"]
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"
    # The API's keyless metrics on a port of their own; its public /metrics needs the admin key.
    env = {e["name"]: e.get("value") for e in api.get("env", [])}
    assert {"name": "metrics", "containerPort": int(env["CHOKEWATCH_METRICS_PORT"])} in api["ports"]
    [config] = of_kind("ConfigMap").values()
    assert config["data"]["CHOKEWATCH_METRICS_HOST"] == "0.0.0.0"  # reachable by Prometheus in-cluster


def test_configuration_and_secrets_named_by_workloads_exist():
    config_maps, secrets = of_kind("ConfigMap"), of_kind("Secret")
    settings = {f"CHOKEWATCH_{name.upper()}" for name in Settings.model_fields}
    for config in config_maps.values():
        assert set(config["data"]) <= settings, set(config["data"]) - settings
    for name, workload in workloads().items():
        pod = workload["spec"]["template"]["spec"]
        for volume in pod.get("volumes", []):
            if "configMap" in volume:
                assert volume["configMap"]["name"] in config_maps, name
            if "secret" in volume:
                secret = secrets[volume["secret"]["secretName"]]
                for item in volume["secret"].get("items", []):
                    assert item["key"] in secret.get("data", {}) | secret.get("stringData", {})
        mounted = {v["name"] for v in pod.get("volumes", [])} | {
            c["metadata"]["name"] for c in workload["spec"].get("volumeClaimTemplates", [])}
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps, name
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secrets, name
            for var in container.get("env", []):
                assert var["name"] in settings, f"{name} sets unknown {var['name']}"
                ref = var.get("valueFrom", {})
                if "configMapKeyRef" in ref:
                    key_ref = ref["configMapKeyRef"]
                    assert key_ref["key"] in config_maps[key_ref["name"]]["data"], name
                if "secretKeyRef" in ref:
                    assert ref["secretKeyRef"]["name"] in secrets, name
            for mount in container.get("volumeMounts", []):
                assert mount["name"] in mounted, f"{name} mounts unknown volume {mount['name']}"


def test_services_and_budgets_select_existing_pods():
    pods = [w["spec"]["template"]["metadata"]["labels"] for w in workloads().values()]

    def selects(selector: dict) -> bool:
        return any(all(labels.get(k) == v for k, v in selector.items()) for labels in pods)

    budgets = of_kind("PodDisruptionBudget")
    for name, budget in budgets.items():
        assert selects(budget["spec"]["selector"]["matchLabels"]), name
    covered = {b["spec"]["selector"]["matchLabels"]["app.kubernetes.io/component"]
               for b in budgets.values()}
    assert covered == set(SERVICE_NAMES)
    for name, service in of_kind("Service").items():
        assert selects(service["spec"]["selector"]), name


def test_keda_scales_classify_and_alert_on_the_streams_they_read():
    config = next(iter(of_kind("ConfigMap").values()))["data"]
    names = Names(config["CHOKEWATCH_NAMESPACE"])
    assert config["CHOKEWATCH_NAMESPACE"] == Settings.model_fields["namespace"].default
    redis_service = of_kind("Service")["redis"]
    redis_port = redis_service["spec"]["ports"][0]["port"]
    assert config["CHOKEWATCH_REDIS_URL"] == f"redis://redis:{redis_port}/0"
    scaled = of_kind("ScaledObject")
    deployments = of_kind("Deployment")
    assert {s["spec"]["scaleTargetRef"]["name"] for s in scaled.values()} == {
        f"chokewatch-{name}" for name in SCALED}
    for so in scaled.values():
        target = so["spec"]["scaleTargetRef"]["name"]
        assert target in deployments
        service = target.removeprefix("chokewatch-")
        triggers = so["spec"]["triggers"]
        assert all(t["type"] == "redis-streams" for t in triggers)
        read = {(t["metadata"]["stream"], t["metadata"]["consumerGroup"]) for t in triggers}
        expected = {(names.stream(hop).stream, names.stream(hop).group) for hop in SCALED[service]}
        assert read == expected
        address = f"redis.{so['metadata']['namespace']}.svc.cluster.local:{redis_port}"
        for t in triggers:
            assert t["metadata"]["address"] == address
            assert int(t["metadata"]["lagCount"]) > 0
        assert 1 <= so["spec"]["minReplicaCount"] <= so["spec"]["maxReplicaCount"]


def test_optional_pod_monitor_labels_targets_by_service():
    [monitor] = yaml.safe_load_all(Path(K8S / "monitoring" / "podmonitor.yaml").read_text())
    [endpoint] = monitor["spec"]["podMetricsEndpoints"]
    assert endpoint["port"] == "metrics"
    assert any(r["targetLabel"] == "service" for r in endpoint["relabelings"])
