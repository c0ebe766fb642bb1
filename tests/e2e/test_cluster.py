"""The whole pipeline on a local Redis Cluster of three masters (keys spread over slots)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
import redis as syncredis

from chokewatch.shared.embedded import EmbeddedCluster, free_port
from chokewatch.shared.names import CLASSIFIED, RAW, Names
from tests.conftest import Services, wait_for

from .helpers import DYSPROSIUM_CONTROL, api_client, subscribe

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    with EmbeddedCluster(tmp_path_factory.mktemp("cluster")) as running:
        yield running


def test_pipeline_runs_on_a_redis_cluster(cluster, receiver, tmp_path: Path):
    env = dict(os.environ)
    env.update(
        CHOKEWATCH_REDIS_URL=cluster.url, CHOKEWATCH_REDIS_CLUSTER="true",
        CHOKEWATCH_NAMESPACE="c" + secrets.token_hex(4),
        CHOKEWATCH_ADMIN_KEY=secrets.token_urlsafe(16), CHOKEWATCH_API_PORT=str(free_port()),
        CHOKEWATCH_METRICS_PORT="0", CHOKEWATCH_CLAIM_IDLE_MS="1000",
        CHOKEWATCH_WEBHOOK_ALLOW_HOSTS="127.0.0.1", CHOKEWATCH_WEBHOOK_ALLOW_HTTP="true",
    )
    services = Services(env, tmp_path)
    try:
        for name in ("ingest", "classify", "alert", "api"):
            services.start(name)
        client = api_client(services)
        try:
            subscribe(client, receiver, "/hooks/magnets",
                      {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}})
            subscribe(client, receiver, "/hooks/batteries", {"Li": {"weight": 0.9}})
            assert client.post("/v1/events", json=DYSPROSIUM_CONTROL).status_code == 202
            wait_for(lambda: receiver.received("/hooks/magnets"), timeout=40, what="the alert")
            [delivery] = receiver.received("/hooks/magnets")
            assert delivery.verified is True and "Dy" in delivery.body["alert"]["elements"]
            assert receiver.received("/hooks/batteries") == []
            url = f"/v1/subscribers/{delivery.body['alert']['subscriber_id']}/alerts"

            def statuses() -> list[str]:
                return [h["status"] for h in client.get(url).json()["items"]]

            # The receiver answers before the worker records the delivery: wait for the record.
            wait_for(lambda: statuses() == ["delivered"], what=f"the delivery recorded: {statuses()}")
        finally:
            client.close()
        # A poison entry takes the dead-letter transaction (one slot per stream) on the cluster.
        nodes = syncredis.RedisCluster.from_url(cluster.url, decode_responses=True)
        raw = Names(env["CHOKEWATCH_NAMESPACE"]).stream(RAW)
        nodes.xadd(raw.stream, {"garbage": "1"})
        wait_for(lambda: nodes.xlen(raw.dead) == 1, what="the dead letter")
        assert "no '__data__' field" in nodes.xrange(raw.dead)[0][1]["reason"]
        # The decision was recorded (its script runs on the cluster) before the alert went out.
        names = Names(env["CHOKEWATCH_NAMESPACE"])
        alert = delivery.body["alert"]
        assert nodes.hget(names.alerted(alert["subscriber_id"]), alert["incident_id"])
        assert nodes.xlen(names.stream(CLASSIFIED).dead) == 0
        # The keys really are spread over the three masters.
        sizes = [n.redis_connection.dbsize() for n in nodes.get_nodes()]
        nodes.close()
        assert sum(1 for size in sizes if size) >= 2, sizes
        assert services.procs and all(p.poll() is None for p in services.procs), services.logs()
    finally:
        services.stop_all()
