"""The whole pipeline as separate processes on a real Redis, with a real webhook receiver."""

from __future__ import annotations

import os
import signal
import time

import httpx
import pytest

from chokewatch.shared.embedded import free_port
from chokewatch.shared.names import ALERTS, CLASSIFIED, RAW, SUBMITTED
from tests.conftest import wait_for

from .helpers import DYSPROSIUM_CONTROL, api_client, drained, subscribe

pytestmark = pytest.mark.slow


def test_event_reaches_exposed_subscriber_only(services, receiver, names):
    ports = {name: free_port() for name in ("ingest", "classify", "alert")}
    for name in ("ingest", "classify", "alert"):
        services.start(name, metrics_port=str(ports[name]))
    services.start("api")
    client = api_client(services)
    try:
        exposed = subscribe(client, receiver, "/hooks/magnets",
                            {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}})
        subscribe(client, receiver, "/hooks/batteries",
                  {"Li": {"weight": 0.9, "country_shares": {"CL": 0.6}}})
        assert client.post("/v1/events", json=DYSPROSIUM_CONTROL).status_code == 202

        wait_for(lambda: receiver.received("/hooks/magnets"), what="the alert",
                 timeout=30)
        assert drained(services), services.logs()
        [delivery] = receiver.received("/hooks/magnets")
        assert delivery.verified is True
        alert = delivery.body["alert"]
        assert delivery.body["type"] == "alert.created"
        assert alert["subscriber_id"] == exposed and "Dy" in alert["elements"]
        assert alert["score"] >= 30 and alert["parts"]
        assert alert["submitted_by"] == "admin"  # who put the event in, in the payload
        assert delivery.webhook_id == alert["alert_id"]
        [record] = client.get(f"/v1/subscribers/{exposed}/alerts").json()["items"]
        assert record["alert"]["submitted_by"] == "admin"  # and in the history
        assert receiver.received("/hooks/batteries") == []

        # The same text again is an exact duplicate: no second alert.
        assert client.post("/v1/events", json=DYSPROSIUM_CONTROL).status_code == 202
        assert drained(services)
        assert len(receiver.received("/hooks/magnets")) == 1

        history = client.get(f"/v1/subscribers/{exposed}/alerts").json()["items"]
        assert [h["status"] for h in history] == ["delivered"]
        assert history[0]["alert"]["alert_id"] == alert["alert_id"]

        # Each service counts what it handled on its own metrics port.
        for service, hop, expected in [("ingest", SUBMITTED, 2), ("classify", RAW, 1),
                                       ("alert", ALERTS, 1)]:
            text = httpx.get(f"http://127.0.0.1:{ports[service]}/metrics").text
            line = (f'chokewatch_messages_total{{outcome="ok",stream="{names.stream(hop).stream}"}} '
                    f"{float(expected)}")
            assert line in text, (service, [x for x in text.splitlines() if "messages_total" in x])
    finally:
        client.close()


@pytest.mark.parametrize("victim", ["classify", "alert"])
def test_worker_killed_mid_message_loses_nothing_and_doubles_nothing(
    services, receiver, sync_redis, names, victim
):
    for name in ("ingest", "classify", "alert", "api"):
        if name == victim:
            # Holds each message after its effects are stored and before its acknowledgement.
            doomed = services.start(name, fault_hold_ms="60000")
        else:
            services.start(name)
    client = api_client(services)
    try:
        subscribe(client, receiver, "/hooks/magnets",
                  {"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}})
        assert client.post("/v1/events", json=DYSPROSIUM_CONTROL).status_code == 202

        if victim == "classify":
            wait_for(lambda: sync_redis.xlen(names.stream(CLASSIFIED).stream) >= 1,
                     what="classify to publish")
        else:
            wait_for(lambda: receiver.received("/hooks/magnets"), what="the first delivery")
        time.sleep(0.2)
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(10)
        pending = sum(
            sync_redis.xpending(k.stream, k.group)["pending"] for k in names.all_streams()
        )
        assert pending >= 1  # the killed worker left its message unacknowledged

        services.start(victim)
        wait_for(lambda: receiver.received("/hooks/magnets"), what="the alert", timeout=30)
        assert drained(services), services.logs()
        time.sleep(1.0)  # room for a duplicate to show up, if there were one
        deliveries = receiver.received("/hooks/magnets")
        assert len(deliveries) == 1, [d.webhook_id for d in deliveries]
    finally:
        client.close()
