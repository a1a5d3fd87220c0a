"""``casebot audit …``: read, export and verify the audit log. Registry only; no model."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from bot import texts
from bot.services import build_services
from casework.settings import load_settings
from casework.usecases.audit_review import (
    ACTIONS,
    AuditEntry,
    ExportFormat,
    ReviewingAudit,
    canonical_json,
)

audit_app = typer.Typer(no_args_is_help=True, help=texts.AUDIT_APP_HELP)
_ACTION_NAMES = ", ".join(ACTIONS)


def _parse_action(value: str | None) -> str | None:
    if value is not None and value not in ACTIONS:
        raise typer.BadParameter(texts.AUDIT_BAD_ACTION.format(value=value, actions=_ACTION_NAMES))
    return value


def _parse_since(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(texts.AUDIT_BAD_SINCE.format(value=value)) from error


Action = Annotated[
    str | None,
    typer.Option(
        help=texts.AUDIT_ACTION_HELP.format(actions=_ACTION_NAMES), callback=_parse_action
    ),
]
User = Annotated[str | None, typer.Option("--user", help=texts.AUDIT_USER_HELP)]
Since = Annotated[
    datetime | None, typer.Option(help=texts.AUDIT_SINCE_HELP, metavar="ISO", parser=_parse_since)
]
Limit = Annotated[int | None, typer.Option(min=1, help=texts.AUDIT_LIMIT_HELP)]


def _audit_log() -> ReviewingAudit:
    return build_services(load_settings()).audit_review


@audit_app.command("list", help=texts.AUDIT_LIST_HELP)
def list_records(
    action: Action = None,
    user: User = None,
    since: Since = None,
    limit: Limit = None,
    as_json: Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)] = False,
) -> None:
    entries = _audit_log().entries(action, user, since, limit)
    if as_json:
        for entry in entries:
            typer.echo(json.dumps(entry.as_json(), ensure_ascii=False))
        return
    if not entries:
        typer.echo(texts.AUDIT_NO_RECORDS)
    for entry in entries:
        typer.echo(_audit_line(entry))


@audit_app.command("export", help=texts.AUDIT_EXPORT_HELP)
def export_records(
    fmt: Annotated[ExportFormat, typer.Option("--format", help=texts.AUDIT_FORMAT_HELP)],
    output: Annotated[Path | None, typer.Option(help=texts.AUDIT_OUTPUT_HELP)] = None,
    action: Action = None,
    user: User = None,
    since: Since = None,
) -> None:
    audit = _audit_log()
    if output is None:
        audit.export(fmt, sys.stdout, action=action, user_id=user, since=since)
        return
    with output.open("w", encoding="utf-8", newline="") as out:
        count = audit.export(fmt, out, action=action, user_id=user, since=since)
    typer.echo(texts.AUDIT_EXPORTED.format(count=count, output=output), err=True)


@audit_app.command("verify", help=texts.AUDIT_VERIFY_HELP)
def verify_records() -> None:
    verification = _audit_log().verify()
    if verification.ok:
        typer.echo(
            texts.AUDIT_INTACT.format(
                checked=verification.checked, last_hash=verification.last_hash or "-"
            )
        )
        return
    typer.echo(
        texts.AUDIT_BROKEN.format(
            first_bad_id=verification.first_bad_id,
            problem=verification.problem,
            last_hash=verification.last_hash or "-",
        )
    )
    raise typer.Exit(1)


def _audit_line(entry: AuditEntry) -> str:
    return texts.AUDIT_LINE.format(
        id=entry.id,
        at=entry.at.isoformat(timespec="seconds"),
        action=entry.action,
        user_id=entry.user_id or "-",
        channel_id=entry.channel_id or "-",
        details=canonical_json(entry.details),
    )
