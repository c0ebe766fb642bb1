"""The dependency rule, read from the source: every arrow of the import graph points into shared.

- no service (ingest, classify, alert, api) imports another service, nor the command line,
  the stack supervisor, the demo or the benchmark that run them;
- `shared` imports nothing from `services`;
- the pure core (`shared/core`) imports only the core, the contracts it reads (messages,
  elements, profiles) and libraries without I/O;
- no module imports another module's private (`_name`) names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Folders and the import names they install as; tests are read for the private-name rule only.
PACKAGES = {"services": "chokewatch.services", "shared": "chokewatch.shared", "tests": "tests"}
SERVICES = ("ingest", "classify", "alert", "api")
CORE = "chokewatch.shared.core"
# What the core may read from the rest of shared: data contracts, no Redis, no settings.
CORE_MAY_USE = ("chokewatch.shared.messages", "chokewatch.shared.elements", "chokewatch.shared.profiles")
IO_LIBRARIES = frozenset({
    "asyncio", "socket", "ssl", "selectors", "subprocess", "multiprocessing", "threading",
    "http", "urllib.request", "requests", "httpx", "aiohttp", "redis", "faststream", "fastapi",
    "starlette", "uvicorn", "prometheus_client", "structlog", "typer",
})

Import = tuple[str, str, int]  # (imported module, imported name or "", line)


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [PACKAGES[rel.parts[0]], *rel.parts[1:]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool) -> list[Import]:
    """Every import in a module, nested ones included, with relative imports resolved."""
    found: list[Import] = []
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[: len(here) - node.level + 1]) if node.level else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            for alias in node.names:
                if node.module is None:  # `from . import x`: x is a module
                    found.append((f"{target}.{alias.name}", "", node.lineno))
                else:
                    found.append((target, alias.name, node.lineno))
    return found


def graph(root: Path = ROOT) -> dict[str, list[Import]]:
    out = {}
    for folder in PACKAGES:
        for path in sorted((root / folder).rglob("*.py")):
            name = module_name(path)
            out[name] = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
    return out


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _service_of(module: str) -> str | None:
    for service in SERVICES:
        if _within(module, f"chokewatch.services.{service}"):
            return service
    return None


def violations(imports: dict[str, list[Import]]) -> list[str]:
    """Each broken rule as `module:line: what`, for the test to print."""
    bad = []
    for module, found in imports.items():
        service = _service_of(module)
        for target, name, line in found:
            where = f"{module}:{line}: imports {target}{'.' + name if name else ''}"
            if service and _within(target, "chokewatch.services") \
                    and not _within(target, f"chokewatch.services.{service}"):
                bad.append(f"{where} (a service imports only itself and shared)")
            if _within(module, "chokewatch.shared") and _within(target, "chokewatch.services"):
                bad.append(f"{where} (shared never imports services)")
            if _within(module, CORE):
                top = target.split(".")[0]
                if _within(target, "chokewatch") and not (
                    _within(target, CORE) or any(_within(target, m) for m in CORE_MAY_USE)
                ):
                    bad.append(f"{where} (the core uses only the core and the contracts)")
                if top in IO_LIBRARIES or target in IO_LIBRARIES:
                    bad.append(f"{where} (the core does no I/O)")
            if name.startswith("_") and not name.startswith("__") and target != module:
                bad.append(f"{where} (a private name of another module)")
    return bad


def test_the_tree_keeps_the_dependency_rule():
    imports = graph()
    read = {"chokewatch.shared.core.score", "chokewatch.services.alert.service", "tests.conftest"}
    assert read <= set(imports)
    assert violations(imports) == []


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("chokewatch.services.api.preview", "from chokewatch.services.alert.score import score",
         "a service imports only itself and shared"),
        ("chokewatch.services.ingest.commands", "def f():\n    from chokewatch.services.cli import main",
         "a service imports only itself and shared"),
        ("chokewatch.services.alert.deliver", "from ..api import app", "a service imports only itself"),
        ("chokewatch.shared.sources", "import chokewatch.services.ingest.poller", "shared never imports"),
        ("chokewatch.shared.core.score", "import redis.asyncio as aioredis", "the core does no I/O"),
        ("chokewatch.shared.core.decide", "import asyncio", "the core does no I/O"),
        ("chokewatch.shared.core.decide", "from ..redis import connect", "only the core and the contracts"),
        ("chokewatch.services.bench.delivery", "from .pipeline import _env", "a private name"),
    ],
)
def test_a_broken_rule_is_reported(module, source, broken):
    is_package = False
    [problem] = violations({module: imports_of(source, module, is_package)})
    assert broken in problem and module in problem


def test_what_the_rule_allows():
    allowed = {
        "chokewatch.services.alert.service": imports_of(
            "from .deliver import Deliverer\nfrom chokewatch.shared.core.score import score",
            "chokewatch.services.alert.service", False),
        "chokewatch.shared.core.score": imports_of(
            "import math\nfrom chokewatch.shared.messages import Alert\nfrom .severity import TYPE",
            "chokewatch.shared.core.score", False),
        "chokewatch.services.cli": imports_of(
            "from chokewatch.services.api.app import create_app", "chokewatch.services.cli", False),
    }
    assert violations(allowed) == []
    [(target, _, _)] = imports_of("from . import cues", "chokewatch.shared.core.reading", True)
    assert target == "chokewatch.shared.core.reading.cues"
