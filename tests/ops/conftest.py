"""Fixtures of the operations tests: promtool, and the repository's deploy files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


@pytest.fixture(scope="session")
def promtool() -> str:
    """promtool's path. In CI (CI=true) a missing promtool fails the test; locally it skips."""
    path = shutil.which("promtool")
    if path:
        return path
    message = "promtool not found (Debian: apt-get install prometheus; .ci/run installs it)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def run_promtool(promtool: str, *args: str, stdin: str | None = None, cwd: Path | None = None):
    """Run promtool and fail the test with its output unless it succeeds."""
    done = subprocess.run([promtool, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, timeout=120)
    assert done.returncode == 0, f"promtool {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done
