"""`chokewatch demo`, the README's first command after setup, ends with its tables and exit 0;
with `--keep` it stays up and the console shows what it made."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import httpx
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
    assert "chokewatch demo --keep" in out


def test_demo_keep_serves_the_console_on_what_it_made(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
    env.update(COLUMNS="200", CHOKEWATCH_DATA_DIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "chokewatch.services.cli", "demo", "--keep"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 180
        line = ""
        while time.monotonic() < deadline and not line.startswith("Console: "):
            line = proc.stdout.readline()
            assert line or proc.poll() is None, "".join(seen)[-3000:]
            seen.append(line)
        found = re.match(r"Console: (\S+)/console  \(sign in with the demo's admin key (\S+)\)", line)
        assert found, "".join(seen)[-3000:]
        base, key = found.groups()
        assert httpx.get(f"{base}/console/signin", timeout=10).status_code == 200
        listed = httpx.get(f"{base}/v1/incidents", headers={"authorization": f"Bearer {key}"},
                           timeout=10)
        assert listed.status_code == 200, listed.text
        titles = [i["title"] for i in listed.json()["items"]]
        assert any("gallium" in t.lower() for t in titles), titles
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
