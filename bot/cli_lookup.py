"""``casebot lookup``, ``casebot hits`` and ``casebot export ftm``. Registry only; no model."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot import texts
from bot.lookups import hit_line, look_up_as_operator, print_card
from bot.services import Services, build_services
from casework.entities.ftm import export_ftm
from casework.settings import load_settings

export_app = typer.Typer(no_args_is_help=True, help=texts.EXPORT_APP_HELP)


def _services() -> Services:
    return build_services(load_settings())


def lookup(
    value: Annotated[str, typer.Argument(help=texts.LOOKUP_VALUE_HELP)],
    case: Annotated[str | None, typer.Option(help=texts.LOOKUP_CASE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)] = False,
) -> None:
    card = look_up_as_operator(_services(), value, case).card
    if as_json:
        typer.echo(json.dumps(card.as_json()))
    else:
        print_card(Console(), card)
    if not card.found:
        raise typer.Exit(1)


def hits(
    case: Annotated[str | None, typer.Option(help=texts.HITS_CASE_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)] = False,
) -> None:
    found = _services().hits.hits(case_id=case)
    if as_json:
        for hit in found:
            typer.echo(json.dumps(hit.as_json()))
        return
    if not found:
        typer.echo(texts.HITS_NONE)
    for hit in found:
        typer.echo(hit_line(hit))


@export_app.command("ftm", help=texts.EXPORT_FTM_HELP)
def export_ftm_command(
    case: Annotated[str | None, typer.Option(help=texts.EXPORT_CASE_HELP)] = None,
    output: Annotated[Path | None, typer.Option(help=texts.EXPORT_OUTPUT_HELP)] = None,
) -> None:
    sessions = _services().sessions
    if output is None:
        export_ftm(sessions, sys.stdout, case)
        return
    with output.open("w", encoding="utf-8") as out:
        counts = export_ftm(sessions, out, case)
    Console(stderr=True).print(
        texts.EXPORT_FTM_DONE.format(
            documents=counts.documents,
            entities=counts.entities,
            mentions=counts.mentions,
            output=output,
        )
    )
