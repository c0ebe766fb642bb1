"""Secrets and internals at rest: the embedded server's password and file modes, and metrics
ports listening where configured."""

from __future__ import annotations

import os

import psutil
import pytest
import redis as syncredis

from chokewatch.shared.embedded import PASSWORD_FILE, EmbeddedRedis
from chokewatch.shared.settings import Settings
from chokewatch.shared.telemetry import serve_metrics
from tests.conftest import wait_for


def _listening(port: int) -> set[str]:
    return {c.laddr.ip for c in psutil.Process().net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr.port == port}


def test_metrics_listen_on_the_configured_host_by_default_loopback():
    settings = Settings(_env_file=None)
    assert settings.metrics_host == "127.0.0.1"
    port = serve_metrics(0, settings.metrics_host)
    assert _listening(port) == {"127.0.0.1"}


def test_the_embedded_server_wants_its_password_and_keeps_its_files_owner_only(tmp_path):
    data = tmp_path / "redis"
    with EmbeddedRedis(data) as server:
        password = (data / PASSWORD_FILE).read_text().strip()
        assert password and server.url == f"redis://:{password}@127.0.0.1:{server.port}/0"
        with syncredis.Redis(port=server.port) as anonymous, pytest.raises(syncredis.AuthenticationError):
            anonymous.set("k", "v")
        with syncredis.Redis.from_url(server.url) as client:
            client.set("k", "v")
            client.execute_command("BGREWRITEAOF")  # the append-only files written now
            wait_for(lambda: client.info("persistence")["aof_rewrite_in_progress"] == 0, what="rewrite")
        assert password not in " ".join(psutil.Process(server.proc.pid).cmdline())
    assert os.stat(data).st_mode & 0o777 == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {PASSWORD_FILE, "server.log"} and any(".aof" in p.name for p in files)
    for path in data.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path
    with EmbeddedRedis(data) as again:  # restarted: the same password, the data kept
        with syncredis.Redis.from_url(again.url) as client:
            assert client.get("k") == b"v"
