"""Every CLI failure is one clear line on stderr and a non-zero exit; --debug shows the traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chokewatch.services.cli import one_line


def chokewatch(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", *args],
                          capture_output=True, text=True, timeout=60, env={**os.environ, **env})


def test_a_missing_file_is_one_line(tmp_path: Path):
    done = chokewatch("classify", str(tmp_path / "missing.txt"))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "missing.txt" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_that_is_not_utf8_is_one_line(tmp_path: Path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Ministère du Commerce, contrôles à l'exportation".encode("latin-1"))
    done = chokewatch("classify", str(bad))
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "UTF-8" in lines[0], done.stderr


def test_an_unreachable_redis_is_one_line_and_debug_shows_the_traceback():
    done = chokewatch("dead-letters", CHOKEWATCH_REDIS_URL="redis://127.0.0.1:1/0")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("chokewatch: error: ")
    assert "127.0.0.1:1" in done.stderr
    debug = chokewatch("dead-letters", "--debug", CHOKEWATCH_REDIS_URL="redis://127.0.0.1:1/0")
    assert debug.returncode != 0 and "Traceback" in debug.stderr


@pytest.mark.parametrize(("exc", "expected"), [
    (FileNotFoundError(2, "No such file or directory", "a.txt"), "No such file or directory: a.txt"),
    (ValueError("bad\n   value"), "bad value"),
    (ConnectionRefusedError("refused"), "ConnectionRefusedError: refused"),
    (RuntimeError(), "RuntimeError"),
])
def test_one_line_names_what_failed(exc: BaseException, expected: str):
    assert one_line(exc) == expected
