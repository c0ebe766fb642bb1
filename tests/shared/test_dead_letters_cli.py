"""`chokewatch dead-letters`: an operator sees why entries failed and can send them again."""

from __future__ import annotations

import os
import subprocess
import sys

from chokewatch.shared import streams
from chokewatch.shared.names import ALERTS


def cli(settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": settings.redis_url,
           "CHOKEWATCH_NAMESPACE": settings.namespace}
    return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "dead-letters", *args],
                          env=env, capture_output=True, text=True, timeout=60)


def test_list_and_redrive(settings, sync_redis, names):
    keys = names.stream(ALERTS)
    sync_redis.xadd(keys.dead, {streams.DATA: '{"data": "{}", "headers": {}}', "attempts": "12",
                                "reason": "failed 12 times; last: HTTP 503"})
    listed = cli(settings, "alerts")
    assert listed.returncode == 0, listed.stderr
    assert "alerts: 1 dead-lettered" in listed.stdout and "HTTP 503" in listed.stdout
    redriven = cli(settings, "alerts", "--redrive")
    assert "alerts: 1 entry sent again" in redriven.stdout
    assert sync_redis.xlen(keys.dead) == 0 and sync_redis.xlen(keys.stream) == 1
    assert cli(settings, "nope").returncode == 2
