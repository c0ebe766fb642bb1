"""`chokewatch up`: embedded Redis, four services, restart of a dead one, clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from chokewatch.shared.embedded import free_port
from tests.conftest import wait_for

pytestmark = pytest.mark.slow


def up_output_so_far(proc) -> str:
    """What `up` printed until now (its stdout is a pipe; read without blocking)."""
    import select

    out = ""
    while select.select([proc.stdout], [], [], 0)[0]:
        line = proc.stdout.readline()
        if not line:
            break
        out += line
    return out


def test_up_runs_everything_restarts_the_dead_and_stops_cleanly(tmp_path: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
    env.update(CHOKEWATCH_DATA_DIR=str(tmp_path / "data"), CHOKEWATCH_API_PORT=str(port),
               CHOKEWATCH_METRICS_PORT="0")
    up = subprocess.Popen([sys.executable, "-m", "chokewatch.services.cli", "up"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def ready() -> bool:
            try:
                return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(ready, timeout=40, what="the API of `up`")
        key_file = tmp_path / "data" / "admin.key"  # made by `up`, for the owner only
        assert key_file.stat().st_mode & 0o077 == 0
        key = key_file.read_text().strip()
        assert key not in up_output_so_far(up)
        listed = httpx.get(f"http://127.0.0.1:{port}/v1/subscribers",
                           headers={"authorization": f"Bearer {key}"}, timeout=5)
        assert listed.status_code == 200
        url_file = tmp_path / "data" / "redis.url"
        password_file = tmp_path / "data" / "redis" / "redis.password"
        password = password_file.read_text().strip()
        assert url_file.read_text().startswith(f"redis://:{password}@127.0.0.1:")
        for secret_file in (url_file, password_file, tmp_path / "data" / "secrets.key"):
            assert secret_file.stat().st_mode & 0o077 == 0
        assert password not in up_output_so_far(up)
        children = psutil.Process(up.pid).children(recursive=True)
        commands = [" ".join(c.cmdline()) for c in children]
        for service in ("ingest", "classify", "alert", "api"):
            assert any(f"run {service}" in c for c in commands), commands
        assert any("valkey-server" in c or "redis-server" in c for c in commands), commands

        victim = next(c for c in children if "run classify" in " ".join(c.cmdline()))
        victim.kill()
        wait_for(lambda: any("run classify" in " ".join(c.cmdline())
                             for c in psutil.Process(up.pid).children(recursive=True)
                             if c.pid != victim.pid and c.is_running()),
                 timeout=15, what="classify to be restarted")

        up.send_signal(signal.SIGTERM)
        output, _ = up.communicate(timeout=30)
    finally:
        if up.poll() is None:
            up.kill()
    assert up.returncode == 0, output
    assert "classify exited" in output
    assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in children
                   if p.pid != victim.pid)
    assert not (tmp_path / "data" / "redis.url").exists()
