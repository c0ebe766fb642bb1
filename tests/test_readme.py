"""The README stays true: every setting is listed, and CI runs the test command it shows."""

from __future__ import annotations

from pathlib import Path

from chokewatch.shared.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented():
    readme = (ROOT / "README.md").read_text()
    missing = [f"CHOKEWATCH_{name.upper()}" for name in Settings.model_fields
               if f"`CHOKEWATCH_{name.upper()}`" not in readme]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme.split("\n## ")[0] and "make test" in ci
