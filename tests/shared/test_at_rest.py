"""Secrets and internals at rest and on the wire: metrics ports listen where configured."""

from __future__ import annotations

import psutil

from chokewatch.shared.settings import Settings
from chokewatch.shared.telemetry import serve_metrics


def _listening(port: int) -> set[str]:
    return {c.laddr.ip for c in psutil.Process().net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr.port == port}


def test_metrics_listen_on_the_configured_host_by_default_loopback():
    settings = Settings(_env_file=None)
    assert settings.metrics_host == "127.0.0.1"
    port = serve_metrics(0, settings.metrics_host)
    assert _listening(port) == {"127.0.0.1"}
