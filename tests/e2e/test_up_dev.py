"""`chokewatch up --dev` refuses to start, in one line, when its receiver's port is taken."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from chokewatch.services.stack import StartError, dev_receiver_port
from chokewatch.shared.embedded import free_port


def test_a_taken_receiver_port_is_one_line_naming_the_setting(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
        env.update(CHOKEWATCH_DATA_DIR=str(tmp_path / "data"), CHOKEWATCH_API_PORT=str(free_port()),
                   CHOKEWATCH_METRICS_PORT="0", CHOKEWATCH_DEV_RECEIVER_PORT=str(port))
        done = subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "up", "--dev"],
                              env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"chokewatch: error: port {port} on 127.0.0.1 (dev receiver) is "
                                   "taken; choose another with CHOKEWATCH_DEV_RECEIVER_PORT")
    assert not (tmp_path / "data" / "redis.url").exists()


def test_the_receiver_port_setting():
    assert dev_receiver_port({}) == 8010
    assert dev_receiver_port({"CHOKEWATCH_DEV_RECEIVER_PORT": "18010"}) == 18010
    assert dev_receiver_port({"CHOKEWATCH_DEV_RECEIVER_PORT": "0"}) > 0
    for bad in ("x", "70000", "-1"):
        with pytest.raises(StartError, match="CHOKEWATCH_DEV_RECEIVER_PORT"):
            dev_receiver_port({"CHOKEWATCH_DEV_RECEIVER_PORT": bad})
