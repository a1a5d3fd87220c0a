"""A rich progress bar for ingestion runs and index rebuilds on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot import texts


class RichProgress:
    def __init__(self, console: Console, label: str = texts.PROGRESS_INGESTING) -> None:
        self._progress = Progress(
            TextColumn(f"[bold]{label}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim"),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task("", total=None)

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def start(self, total: int) -> None:
        self._progress.update(self._task, total=total)

    def advance(self, source: str) -> None:
        self._progress.update(self._task, advance=1, description=source[-60:])


@contextmanager
def progress_on_terminal(as_json: bool) -> Iterator[RichProgress | None]:
    """A progress bar on stderr when stdout is a terminal and no JSON is asked for; else None,
    so piped and ``--json`` output stays machine-readable."""
    if as_json or not sys.stdout.isatty():
        yield None
        return
    with RichProgress(Console(stderr=True)) as progress:
        yield progress
