"""`chokewatch bench --quick` runs end to end and reports every figure (no timing is judged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_quick_bench_reports_every_figure(redis_url):
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": redis_url}
    done = subprocess.run(
        [sys.executable, "-m", "chokewatch.services.cli", "bench", "--quick", "--json-only"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    f = json.loads(done.stdout)
    assert f["baseline"]["messages_per_s"] > 0
    assert set(f["classify"]) == {"short", "5kb"}
    assert all(c["texts_per_s"] > 0 for c in f["classify"].values())
    assert len(f["scoring"]) == 2 and all(s["events_per_s"] > 0 for s in f["scoring"].values())
    d = f["delivery"]
    assert d["complete"] and d["alerts_per_s"] > 0 and d["duplicates"] == 0
    p = f["pipeline"]
    assert p["burst"]["complete"] and p["latency"]["complete"]
    assert p["burst"]["events_per_s"] > 0 and p["burst"]["ratio_to_baseline"] > 0
    for q in ("p50_ms", "p95_ms", "p99_ms"):
        assert p["latency"][q] >= 0
    assert set(p["peak_rss_mb"]) == {"ingest", "classify", "alert"}
    assert p["burst"]["ratio_to_classify_5kb"] > 0
    assert set(p["cpu_ms_per_event"]) == {"ingest", "classify", "alert"}
    assert all(ms > 0 for ms in p["cpu_ms_per_event"].values())
    assert p["duplicates"] == 0
    storm = f["storm"]
    assert storm["delivered"] == storm["expected"] == 1_000
    assert storm["lost"] == 0 and storm["duplicates"] == 0
