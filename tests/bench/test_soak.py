"""`chokewatch soak`, short: streams are trimmed while events flow, and no alert is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_short_soak_trims_every_stream_and_loses_nothing(redis_url):
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": redis_url}
    done = subprocess.run(
        [sys.executable, "-m", "chokewatch.services.cli", "soak", "--events", "1500",
         "--rate", "250", "--keep-s", "2"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    f = json.loads(done.stdout)
    assert f["alerts_received"] == f["alerts_expected"] == 1500
    assert f["duplicates"] == 0
    # Every entry was handled and acknowledged, so retention has removed every one of them.
    assert f["stream_lengths_at_end"] == {"submitted": 0, "raw": 0, "classified": 0, "alerts": 0}
    assert f["streams_bytes_at_end"] < 4 * 1024
    assert f["used_memory_mb"]["end"] >= f["used_memory_mb"]["before"]
    # Incident state and what makes effects once are bounded by age too: what is left at the end
    # is at most the last retention window's, not a key per event.
    families = f["families"]
    for family in ("{inc}:incident", "{inc}:member", "{inc}:course", "{inc}:alerted", "delivered",
                   "{inc}:reports", "{inc}:texts"):
        assert families.get(family, {"keys": 0})["keys"] < 1500 // 4, (family, families.get(family))
    assert families.get("{inc}:members") is None  # no unbounded membership hash
