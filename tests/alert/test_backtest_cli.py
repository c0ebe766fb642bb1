"""`chokewatch backtest`: what a profile would have received, from stored events, sending nothing."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from chokewatch.shared import streams
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import ClassifiedEvent, new_id, utcnow
from chokewatch.shared.names import ALERTS, CLASSIFIED
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.redis import connect
from chokewatch.shared.subscribers import SubscriberStore
from tests.conftest import seed_subscriber_for_test

GALLIUM = ("China's Ministry of Commerce announced export controls on gallium and germanium, "
           "taking effect on August 1; exporters must apply for licences.")
TUNGSTEN = ("China's Ministry of Commerce put tungsten, tellurium and bismuth items under export "
            "control; the measure takes effect immediately.")


async def _seed(settings, names) -> None:
    redis = connect(settings.redis_url)
    try:
        now = datetime.now(UTC)
        await seed_subscriber_for_test(SubscriberStore(redis, names), Subscriber(
            id="fab", created_at=now, updated_at=now, name="fab", threshold=30,
            elements={"Ga": {"weight": 0.9, "country_shares": {"CN": 0.9}}}))
        for n, text in enumerate((GALLIUM, TUNGSTEN)):
            c = classify(text).model_copy(update={"incident_id": f"inc_{n}"})
            eid = new_id()
            await streams.publish(redis, names.stream(CLASSIFIED), ClassifiedEvent(
                correlation_id=eid, ingested_at=utcnow(), event_id=eid, title=f"event {n}",
                classification=c))
    finally:
        await redis.aclose()


def test_backtest_lists_what_would_have_alerted_and_sends_nothing(settings, names, sync_redis,
                                                                  tmp_path):
    asyncio.run(_seed(settings, names))
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": settings.redis_url,
           "CHOKEWATCH_NAMESPACE": settings.namespace, "COLUMNS": "160"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "backtest", *args],
                              env=env, capture_output=True, text=True, timeout=60)

    stored = run("fab", "--days", "7")
    assert stored.returncode == 0, stored.stderr
    assert "Would have been alerted: 1 of 2 incidents" in stored.stdout and "event 0" in stored.stdout
    assert sync_redis.xlen(names.stream(ALERTS).stream) == 0  # nothing sent

    wider = tmp_path / "profile.json"
    wider.write_text(json.dumps({"name": "wider", "threshold": 30, "elements": {
        "Ga": {"weight": 0.9}, "W": {"weight": 0.9}}}))
    tried = run("fab", "--profile", str(wider))
    assert "Would have been alerted: 2 of 2 incidents" in tried.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "elements": {"Qq": {"weight": 1}}}')
    refused = run("fab", "--profile", str(bad))
    assert refused.returncode == 2 and "unknown element" in refused.stderr
    assert run("nobody").returncode == 2
