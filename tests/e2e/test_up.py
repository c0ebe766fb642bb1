"""`chokewatch up`: embedded Redis, four services, restart of a dead one, clean stop."""

from __future__ import annotations

import os
import re
import signal
import socket
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
    """What `up` printed since the last call (its stdout is a pipe; read without blocking).

    Reads the file descriptor itself: a buffered readline would keep lines that select cannot see.
    """
    import select

    out = b""
    fd = proc.stdout.fileno()
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        out += chunk
    return out.decode("utf-8", "replace")


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
        seen: list[str] = []

        def ready_line_printed() -> bool:
            seen.append(up_output_so_far(up))
            return "Ctrl-C" in "".join(seen)

        wait_for(ready_line_printed, timeout=40, what="the ready line")
        shown = "".join(seen)
        assert f"chokewatch: ready. API http://127.0.0.1:{port}" in shown
        console = re.search(r"console (http://\S+/console)\)", shown).group(1)
        assert httpx.get(f"{console}/signin", timeout=5).status_code == 200
        metrics = re.findall(r"(\w+) metrics (http://\S+/metrics)", shown)
        metrics = [(name, url) for name, url in metrics if name != "API"]
        assert [name for name, _ in metrics] == ["ingest", "classify", "alert"]
        assert len({url for _, url in metrics}) == 3  # CHOKEWATCH_METRICS_PORT=0: three ports
        for _, url in metrics:
            assert httpx.get(url, timeout=5).status_code == 200
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


def test_up_fails_fast_with_one_line_when_the_api_port_is_taken(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
        env.update(CHOKEWATCH_DATA_DIR=str(tmp_path / "data"), CHOKEWATCH_API_PORT=str(port),
                   CHOKEWATCH_METRICS_PORT="0")
        done = subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "up"], env=env,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"chokewatch: error: port {port} on 127.0.0.1 (API) is taken; "
                                   "choose another with CHOKEWATCH_API_PORT")
    assert "ready" not in done.stdout
    assert not (tmp_path / "data" / "redis.url").exists()  # nothing was started


def test_a_metrics_port_setting_gives_each_worker_its_own_port():
    from chokewatch.services.stack import StartError, metrics_ports

    assert metrics_ports({"CHOKEWATCH_METRICS_PORT": "18901"}) == {
        "ingest": 18901, "classify": 18902, "alert": 18903}
    assert metrics_ports({}) == {"ingest": 9101, "classify": 9102, "alert": 9103}
    picked = metrics_ports({"CHOKEWATCH_METRICS_PORT": "0"})
    assert len(set(picked.values())) == 3 and all(p > 0 for p in picked.values())
    with pytest.raises(StartError, match="not a port number"):
        metrics_ports({"CHOKEWATCH_METRICS_PORT": "lots"})
