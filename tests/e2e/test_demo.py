"""`chokewatch demo`, the README's first command after setup, ends with its tables and exit 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_demo_delivers_each_sample_subscriber_its_alerts(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
    env.update(COLUMNS="200", CHOKEWATCH_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "demo"], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "4 alert(s) delivered, all signatures verified: yes; pipeline drained: yes" in out
    rows = [line for line in out.splitlines() if line.startswith("│ ") and "│ new" in line]
    who = sorted(row.split("│")[1].strip().split(" (")[0] for row in rows)
    # EV maker and defense supplier: the April licensing rule; chip fab: the gallium ban;
    # defense supplier again: the easing (suspension of the October controls).
    assert who == ["Aegis Guidance", "Aegis Guidance", "Lumen Fab", "Voltmotive"], out
