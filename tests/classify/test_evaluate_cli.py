"""`chokewatch evaluate` prints the per-field report for a labelled folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout4"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "evaluate", *args],
                          capture_output=True, text=True, timeout=120)


def test_report_as_text_and_json(tmp_path):
    text = cli(str(HELDOUT))
    assert text.returncode == 0, text.stderr
    assert "event_type      accuracy" in text.stdout and "incidents  pairwise" in text.stdout
    report = json.loads(cli(str(HELDOUT), "--json").stdout)
    assert report["texts"] == 20 and 0 <= report["elements"]["f1"] <= 1
    missing = cli(str(tmp_path))
    assert missing.returncode == 2 and "no labels.jsonl" in missing.stderr
