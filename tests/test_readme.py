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


def test_the_lock_pins_every_dependency_the_project_declares():
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]

    def name(requirement: str) -> str:
        return re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    pinned = {name(line): line.split("==", 1)[1] for line in
              (ROOT / "requirements.lock").read_text().splitlines()
              if line and not line.startswith("#")}
    assert all("==" in line for line in (ROOT / "requirements.lock").read_text().splitlines()
               if line and not line.startswith("#"))
    assert sorted({name(r) for r in declared} - set(pinned)) == []
    makefile = (ROOT / "Makefile").read_text()
    assert "-c requirements.lock" in makefile
