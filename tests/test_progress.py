"""Long commands show progress on stderr when it is a terminal, and stdout stays their output."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

from rich.console import Console

from chokewatch.services.classify import evaluate
from chokewatch.shared.progress import QUIET, tracking

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "heldout3"


class Recorder:
    def __init__(self) -> None:
        self.phases: list[tuple[str, int | None]] = []
        self.done: dict[str, int] = {}

    def phase(self, description: str, total: int | None = None) -> None:
        self.phases.append((description, total))
        self.done[description] = 0

    def advance(self, units: int = 1) -> None:
        self.done[self.phases[-1][0]] += units


def test_a_terminal_gets_a_bar_per_step_and_anything_else_nothing():
    screen = StringIO()
    with tracking(Console(file=screen, force_terminal=True, width=100)) as progress:
        progress.phase("classifying texts", 3)
        for _ in range(3):
            progress.advance()
        progress.phase("waiting for the last alerts")
    shown = screen.getvalue()
    assert "classifying texts" in shown and "3/3" in shown and "waiting for the last alerts" in shown

    piped = StringIO()
    with tracking(Console(file=piped)) as progress:  # not a terminal
        progress.phase("classifying texts", 3)
        progress.advance()
    assert progress is QUIET and piped.getvalue() == ""


def test_evaluate_counts_every_text_it_classifies():
    recorder = Recorder()
    report = evaluate.run(HELDOUT, recorder)
    [(classifying, total), _] = recorder.phases
    assert classifying == "classifying heldout3" and total == report["texts"] > 0
    assert recorder.done[classifying] == report["texts"]


def _run_with_stderr_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """The command with stderr on a pseudo-terminal (read as it is written) and stdout piped."""
    leader, follower = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(leader, 65_536)
            except OSError:  # every writer closed its end
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "chokewatch.services.cli", *args],
                                stdout=subprocess.PIPE, stderr=follower, text=True,
                                env={**os.environ, "TERM": "xterm", "COLUMNS": "120"})
    finally:
        os.close(follower)
    stdout, _ = proc.communicate(timeout=120)
    reader.join(10)
    os.close(leader)
    return proc.returncode, stdout, b"".join(chunks).decode(errors="replace")


def test_evaluate_shows_progress_on_a_terminal_and_keeps_stdout_json():
    code, stdout, terminal = _run_with_stderr_on_a_terminal("evaluate", str(HELDOUT), "--json")
    assert code == 0
    assert json.loads(stdout)["folder"] == str(HELDOUT)  # nothing else on stdout
    assert "classifying heldout3" in terminal


def test_evaluate_piped_prints_no_progress():
    done = subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "evaluate",
                           str(HELDOUT), "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)["texts"] > 0
    assert done.stderr == ""


def test_ingest_shows_what_it_admits_on_a_terminal(tmp_path, redis_url, namespace, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": f"China adds element {n} to export controls"}) + "\n"
                            for n in range(40)))
    note = tmp_path / "note.md"
    note.write_text("Japan and the US agree on a rare earth stockpile.")
    monkeypatch.setenv("CHOKEWATCH_REDIS_URL", redis_url)
    monkeypatch.setenv("CHOKEWATCH_NAMESPACE", namespace)
    code, stdout, terminal = _run_with_stderr_on_a_terminal("ingest", str(feed), str(note))
    assert code == 0 and stdout.strip() == "admitted 41 of 41 event(s); 0 exact duplicate(s) dropped"
    assert "admitting from 2 file(s)" in terminal
