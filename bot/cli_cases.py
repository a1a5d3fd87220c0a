"""``casebot case …``: the local operator's view of the case directory.

The operator (``by_user=None``) may change any case. These commands open the registry only: they
never load the embedding model. A refused change exits 1, a malformed id 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from bot import texts
from bot.services import build_services
from casework.cases import CaseDirectory, CaseInfo, MemberInfo
from casework.errors import CaseworkError, InvalidIdError, UnknownCaseError
from casework.settings import load_settings

case_app = typer.Typer(no_args_is_help=True, help=texts.CASE_APP_HELP)

CaseId = Annotated[str, typer.Argument(help=texts.CASE_ID_HELP)]
UserId = Annotated[str, typer.Argument(help=texts.USER_ID_HELP)]
ChannelId = Annotated[str, typer.Argument(help=texts.CHANNEL_ID_HELP)]
AsJson = Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)]


def _directory() -> CaseDirectory:
    return build_services(load_settings()).cases


@contextmanager
def _refusals_reported() -> Iterator[None]:
    """A refused change is told on stderr, with what to do next, and exits 1 (2: a bad id)."""
    try:
        yield
    except CaseworkError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2 if isinstance(error, InvalidIdError) else 1) from error


@case_app.command("create", help=texts.CASE_CREATE_HELP)
def create_case(
    case_id: CaseId,
    title: Annotated[str, typer.Option(help=texts.CASE_TITLE_HELP)],
    channel: Annotated[list[str] | None, typer.Option(help=texts.CASE_CHANNEL_HELP)] = None,
    member: Annotated[list[str] | None, typer.Option(help=texts.CASE_MEMBER_HELP)] = None,
    lead: Annotated[list[str] | None, typer.Option(help=texts.CASE_LEAD_HELP)] = None,
    sixe: Annotated[list[str] | None, typer.Option(help=texts.CASE_SIXE_HELP)] = None,
    as_json: AsJson = False,
) -> None:
    with _refusals_reported():
        case = _directory().create(
            case_id,
            title,
            channels=channel or (),
            members=member or (),
            leads=lead or (),
            sixe_cleared=sixe or (),
        )
    _print_case(case, as_json)


@case_app.command("show", help=texts.CASE_SHOW_HELP)
def show_case(case_id: CaseId, as_json: AsJson = False) -> None:
    with _refusals_reported():
        case = _existing_case(case_id)
    _print_case(case, as_json)


@case_app.command("list", help=texts.CASE_LIST_HELP)
def list_cases(as_json: AsJson = False) -> None:
    cases = _directory().all_cases()
    if as_json:
        typer.echo(json.dumps([case.as_json() for case in cases]))
        return
    if not cases:
        typer.echo(texts.NO_CASES)
    for case in cases:
        typer.echo(
            texts.CASE_LIST_LINE.format(
                case_id=case.id,
                members=len(case.members),
                channels=len(case.channels),
                title=case.title,
            )
        )


@case_app.command("add-member", help=texts.CASE_ADD_MEMBER_HELP)
def add_member(
    case_id: CaseId,
    user_id: UserId,
    lead: Annotated[bool, typer.Option("--lead", help=texts.MEMBER_LEAD_HELP)] = False,
    sixe: Annotated[bool, typer.Option("--sixe", help=texts.MEMBER_SIXE_HELP)] = False,
) -> None:
    with _refusals_reported():
        case = _directory().add_member(case_id, user_id, None, lead=lead, sixe_cleared=sixe)
    _print_case(case, as_json=False)


@case_app.command("remove-member", help=texts.CASE_REMOVE_MEMBER_HELP)
def remove_member(case_id: CaseId, user_id: UserId) -> None:
    with _refusals_reported():
        case = _directory().remove_member(case_id, user_id, None)
    _print_case(case, as_json=False)


@case_app.command("link", help=texts.CASE_LINK_HELP)
def link_channel(case_id: CaseId, channel_id: ChannelId) -> None:
    with _refusals_reported():
        case = _directory().link_channel(case_id, channel_id, None)
    _print_case(case, as_json=False)


@case_app.command("unlink", help=texts.CASE_UNLINK_HELP)
def unlink_channel(case_id: CaseId, channel_id: ChannelId) -> None:
    with _refusals_reported():
        case = _directory().unlink_channel(case_id, channel_id, None)
    _print_case(case, as_json=False)


def _existing_case(case_id: str) -> CaseInfo:
    case = _directory().get(case_id)
    if case is None:
        raise UnknownCaseError(case_id)
    return case


def _print_case(case: CaseInfo, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(case.as_json()))
        return
    shared_files = (
        texts.CASE_SHARED_FILES_ON if case.ingest_shared_files else texts.CASE_SHARED_FILES_OFF
    )
    lines = [
        texts.CASE_HEADING.format(case_id=case.id, title=case.title),
        texts.CASE_CHANNELS_LINE.format(channels=", ".join(case.channels) or texts.CASE_NONE),
        texts.CASE_MEMBERS_LINE.format(
            members=", ".join(map(_describe_member, case.members)) or texts.CASE_NONE
        ),
        texts.CASE_SHARED_FILES_LINE.format(shared_files=shared_files),
    ]
    typer.echo("\n".join(lines))


def _describe_member(member: MemberInfo) -> str:
    roles = []
    if member.lead:
        roles.append(texts.CASE_ROLE_LEAD)
    if member.sixe_cleared:
        roles.append(texts.CASE_ROLE_SIXE)
    return f"{member.user_id} ({', '.join(roles)})" if roles else member.user_id
