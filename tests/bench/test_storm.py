"""`chokewatch bench --storm-only`, tiny: every alert of the storm arrives once (no timing judged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_a_tiny_storm_delivers_every_alert_once(redis_url):
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": redis_url}
    done = subprocess.run(
        [sys.executable, "-m", "chokewatch.services.cli", "bench", "--quick", "--storm-only",
         "--storm-subscribers", "240", "--json-only"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    f = json.loads(done.stdout)
    assert set(f) >= {"scoring", "scoring_ratio", "storm"} and "pipeline" not in f
    s = f["storm"]
    assert s["subscribers"] == 240 and s["expected"] == 120
    assert s["delivered"] == s["expected"]
    assert s["lost"] == 0 and s["duplicates"] == 0
    assert s["refused_429"] > 0  # the throttled hosts were met, and their alerts still arrived
    assert s["scoring"]["full"]["exposed"] == 120
    assert s["shape"]["webhook_hosts"] == 12
