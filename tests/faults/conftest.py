"""Fault drills: a table of what each drill sent, received, duplicated and dead-lettered, printed
at the end of the run and written to `faults-table.txt` in pytest's base temp directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from .drill import Drill, Row

ROWS: list[Row] = []
TABLE_FILE: list[Path] = []


def render(rows: list[Row]) -> str:
    head = f"{'fault':<34} {'sent':>5} {'expected':>8} {'received':>8} {'dup':>4} {'missing':>7} " \
           f"{'dead-lettered':<28} {'s':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        dead = ", ".join(f"{k} {v}" for k, v in r.dead_lettered.items()) or "0"
        lines.append(f"{r.fault:<34} {r.sent:>5} {r.expected:>8} {r.received:>8} {r.duplicated:>4} "
                     f"{r.missing:>7} {dead:<28} {r.seconds:>5.1f}")
        if r.note:
            lines.append(f"    {r.note}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def fault_table(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.getbasetemp() / "faults-table.txt"
    TABLE_FILE[:] = [path]
    yield ROWS
    if ROWS:
        path.write_text(render(ROWS) + "\n")


@pytest.fixture
def drill(request, tmp_path: Path, fault_table):
    made: list[Drill] = []

    def make(fault: str) -> Drill:
        made.append(Drill(tmp_path, fault))
        return made[-1]

    yield make
    for d in made:
        d.close()
        if d.row.sent:
            fault_table.append(d.row)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not ROWS:
        return
    terminalreporter.section("fault drills")
    terminalreporter.write_line(render(ROWS))
    if TABLE_FILE:
        terminalreporter.write_line(f"(also in {TABLE_FILE[0]})")
