"""Progress of the long commands (bench, soak, evaluate, ingest) on stderr, for someone watching.

A bar is drawn only when stderr is a terminal, and is transient: it is erased when the command
ends, and nothing of it reaches stdout, where those commands write their JSON. Anywhere else
(a pipe, a log file, CI) the same calls do nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class Tracker(Protocol):
    def phase(self, description: str, total: int | None = None) -> None:
        """Start the next step; `total` units of it, or None where the end is unknown."""

    def advance(self, units: int = 1) -> None:
        """Units of the current step done."""


class Quiet:
    """Progress for no one: stderr is not a terminal."""

    def phase(self, description: str, total: int | None = None) -> None:
        return None

    def advance(self, units: int = 1) -> None:
        return None


QUIET = Quiet()


class Bar:
    """One line per step: spinner, what, a bar with done/total, time spent on it."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def phase(self, description: str, total: int | None = None) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            self.progress.update(self.task, total=task.total or task.completed or 1,
                                 completed=task.total or task.completed or 1)
            self.progress.stop_task(self.task)
        self.task = self.progress.add_task(description, total=total)

    def advance(self, units: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, units)


@contextmanager
def tracking(console: Console | None = None) -> Iterator[Tracker]:
    """A `Bar` on `console` (default: stderr) if it is a terminal, else `QUIET`."""
    console = console or Console(stderr=True)
    if not console.is_terminal:
        yield QUIET
        return
    bar = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
        redirect_stdout=False, redirect_stderr=False,  # stdout stays the command's JSON alone
    )
    with bar:
        yield Bar(bar)
