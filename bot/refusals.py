"""How a command-line refusal ends: the error's own words (which say what to do next) on
stderr, and exit status 1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from casework.errors import CasebotError


@contextmanager
def refusals_reported() -> Iterator[None]:
    try:
        yield
    except CasebotError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from error
