"""``casebot referral …``: the local operator's view of referrals to partner agencies. Registry
only: no model is loaded. A refused request exits 1."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bot import texts
from bot.operator import operator_requester
from bot.refusals import refusals_reported
from bot.services import Services, build_services, export_referral
from casework.referrals.store import ReferralView
from casework.settings import load_settings
from casework.usecases.requester import Requester

referral_app = typer.Typer(no_args_is_help=True, help=texts.REFERRAL_APP_HELP)

ReferralId = Annotated[str, typer.Argument(help=texts.REFERRAL_ID_HELP)]
AsJson = Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)]


class ExportFormat(StrEnum):
    PDF = "pdf"
    JSON = "json"


def _services_and_operator() -> tuple[Services, Requester]:
    settings = load_settings()
    return build_services(settings), operator_requester(settings.operator, None)


@referral_app.command("list", help=texts.REFERRAL_LIST_HELP)
def list_referrals(as_json: AsJson = False) -> None:
    services, operator = _services_and_operator()
    referrals = services.referring.list(operator)
    if as_json:
        typer.echo(json.dumps([referral.as_json() for referral in referrals]))
        return
    if not referrals:
        typer.echo(texts.REFERRAL_NONE)
    for referral in referrals:
        typer.echo(_line(referral))


@referral_app.command("show", help=texts.REFERRAL_SHOW_HELP)
def show_referral(referral_id: ReferralId, as_json: AsJson = False) -> None:
    services, operator = _services_and_operator()
    with refusals_reported():
        referral = services.referring.show(operator, referral_id)
    _print(referral, as_json)


@referral_app.command("export", help=texts.REFERRAL_EXPORT_HELP)
def export(
    referral_id: ReferralId,
    fmt: Annotated[ExportFormat, typer.Option("--format", help=texts.REFERRAL_FORMAT_HELP)],
    output: Annotated[Path, typer.Option(help=texts.REFERRAL_OUTPUT_HELP)],
    as_json: AsJson = False,
) -> None:
    services, operator = _services_and_operator()
    with refusals_reported():
        package = services.referring.package(operator, referral_id)
    content = export_referral(package, fmt.value)
    output.write_bytes(content)
    if as_json:
        typer.echo(
            json.dumps({"referral_id": referral_id, "output": str(output), "bytes": len(content)})
        )
        return
    typer.echo(
        texts.REFERRAL_EXPORTED.format(referral_id=referral_id, output=output, size=len(content))
    )


@referral_app.command("retry", help=texts.REFERRAL_RETRY_HELP)
def retry(referral_id: ReferralId, as_json: AsJson = False) -> None:
    services, operator = _services_and_operator()
    with refusals_reported():
        referral = services.referring.retry(operator, referral_id)
    _print_status(referral, as_json)


@referral_app.command("withdraw", help=texts.REFERRAL_WITHDRAW_HELP)
def withdraw(referral_id: ReferralId, as_json: AsJson = False) -> None:
    services, operator = _services_and_operator()
    with refusals_reported():
        referral = services.referring.withdraw(operator, referral_id)
    _print_status(referral, as_json)


def _print_status(referral: ReferralView, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(referral.as_json()))
    else:
        typer.echo(texts.REFERRAL_STATUS_CHANGED.format(id=referral.id, status=referral.status))


def _line(referral: ReferralView) -> str:
    error = (
        texts.REFERRAL_LINE_ERROR.format(error=referral.last_error) if referral.last_error else ""
    )
    return texts.REFERRAL_LINE.format(
        id=referral.id,
        status=referral.status.value,
        case_id=referral.case_id,
        partner_id=referral.partner_id,
        priority=referral.priority,
        created_by=referral.created_by,
        error=error,
    )


def _print(referral: ReferralView, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(referral.as_json()))
        return
    typer.echo(
        texts.REFERRAL_HEADING.format(
            id=referral.id,
            case_id=referral.case_id,
            partner_id=referral.partner_id,
            status=referral.status.value,
            version=referral.version,
        )
    )
    typer.echo(
        texts.REFERRAL_DETAILS.format(
            action=referral.requested_action,
            priority=referral.priority,
            created_at=referral.created_at.isoformat(timespec="seconds"),
            created_by=referral.created_by,
        )
    )
    typer.echo(texts.REFERRAL_HISTORY_HEADING)
    for event in referral.history:
        typer.echo(
            texts.REFERRAL_HISTORY_LINE.format(
                at=event.at.isoformat(timespec="seconds"),
                from_status=event.from_status or "-",
                to_status=event.to_status,
                actor=event.actor or "Casebot",
                note=f": {event.note}" if event.note else "",
            )
        )
    typer.echo(texts.REFERRAL_DELIVERIES_HEADING)
    for delivery in referral.deliveries:
        detail = f"; {delivery.last_error}" if delivery.last_error else ""
        typer.echo(
            texts.REFERRAL_DELIVERY_LINE.format(
                target=delivery.target_key,
                status=delivery.status,
                attempts=delivery.attempts,
                detail=detail,
            )
        )
