"""``/case``: show the case whose room this channel is, link the channel to a case, add or
remove members, and turn the ingestion of shared files on or off.

Changes go through :class:`~casework.cases.CaseDirectory` as the asking user, so only a case's
leads may make them; a refusal names the leads to ask. Every reply is shown to the asker only
(the slash command's ack).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.slack import texts
from bot.slack.mrkdwn import escape, is_safe_id, user_ids
from casework.cases import CaseDirectory, CaseInfo
from casework.errors import (
    CaseworkError,
    ChannelTakenError,
    LastLeadError,
    NotCaseLeadError,
    NotCaseMemberError,
    UnknownCaseError,
)


@dataclass(frozen=True)
class Invocation:
    cases: CaseDirectory
    verb: str
    arguments: list[str]
    raw: str
    user_id: str
    channel_id: str

    def room_case(self) -> CaseInfo:
        case = self.cases.case_for_channel(self.channel_id)
        if case is None:
            raise _Reply(texts.CASE_NEEDS_ROOM)
        return case

    def named_user(self) -> str:
        named = user_ids(self.raw) or [a for a in self.arguments if is_safe_id(a)]
        if not named:
            raise _Reply(texts.CASE_NEEDS_USER.format(verb=self.verb))
        return named[0]


class _Reply(Exception):  # noqa: N818 - control flow: the reply to give instead
    pass


Verb = Callable[[Invocation], str]


def run_case_command(cases: CaseDirectory, text: str, user_id: str, channel_id: str) -> str:
    """The reply to ``/case text`` from ``user_id`` in ``channel_id`` (mrkdwn)."""
    words = text.split()
    verb = words[0].lower() if words else "show"
    handler = _VERBS.get(verb)
    if handler is None:
        return texts.CASE_UNKNOWN_VERB.format(verb=escape(verb), usage=texts.CASE_USAGE)
    invocation = Invocation(cases, verb, words[1:], text, user_id, channel_id)
    try:
        return handler(invocation)
    except _Reply as reply:
        return str(reply)
    except CaseworkError as error:
        return describe_case_error(error)


def describe_case_error(error: CaseworkError) -> str:
    if isinstance(error, NotCaseLeadError):
        if not error.leads:
            return texts.CASE_NO_LEADS.format(case_id=escape(error.case_id))
        return texts.CASE_NOT_LEAD.format(case_id=escape(error.case_id), leads=_people(error.leads))
    if isinstance(error, UnknownCaseError):
        return texts.CASE_UNKNOWN.format(case_id=escape(error.case_id))
    if isinstance(error, ChannelTakenError):
        return texts.CASE_CHANNEL_TAKEN.format(owner_case_id=escape(error.owner_case_id))
    if isinstance(error, LastLeadError):
        return texts.CASE_LAST_LEAD.format(user_id=error.user_id, case_id=escape(error.case_id))
    if isinstance(error, NotCaseMemberError):
        return texts.CASE_NOT_MEMBER.format(user_id=error.user_id, case_id=escape(error.case_id))
    return texts.CASE_ERROR.format(reason=escape(str(error)))


def describe_case(case: CaseInfo) -> str:
    members = [member.user_id for member in case.members]
    rooms = ", ".join(f"<#{channel}>" for channel in case.channels if is_safe_id(channel))
    return texts.CASE_SHOW.format(
        case_id=escape(case.id),
        title=escape(case.title),
        channels=rooms or texts.CASE_NONE,
        leads=_people(case.leads),
        members=_people(members),
        shared_files=texts.CASE_FILES_ON if case.ingest_shared_files else texts.CASE_FILES_OFF,
    )


def _show(invocation: Invocation) -> str:
    case = invocation.cases.case_for_channel(invocation.channel_id)
    return texts.CASE_NOT_A_ROOM if case is None else describe_case(case)


def _link(invocation: Invocation) -> str:
    if not invocation.arguments:
        return texts.CASE_NEEDS_ID
    case = invocation.cases.link_channel(
        invocation.arguments[0], invocation.channel_id, by_user=invocation.user_id
    )
    return texts.CASE_LINKED.format(case_id=escape(case.id), title=escape(case.title))


def _unlink(invocation: Invocation) -> str:
    case = invocation.room_case()
    invocation.cases.unlink_channel(case.id, invocation.channel_id, by_user=invocation.user_id)
    return texts.CASE_UNLINKED.format(case_id=escape(case.id))


def _add(invocation: Invocation) -> str:
    case, user_id = invocation.room_case(), invocation.named_user()
    fields = {"user_id": user_id, "case_id": escape(case.id)}
    if case.member(user_id) is not None:
        return texts.CASE_ALREADY_MEMBER.format(**fields)
    invocation.cases.add_member(case.id, user_id, by_user=invocation.user_id)
    return texts.CASE_MEMBER_ADDED.format(**fields)


def _remove(invocation: Invocation) -> str:
    case, user_id = invocation.room_case(), invocation.named_user()
    invocation.cases.remove_member(case.id, user_id, by_user=invocation.user_id)
    return texts.CASE_MEMBER_REMOVED.format(user_id=user_id, case_id=escape(case.id))


def _files(invocation: Invocation) -> str:
    setting = invocation.arguments[0].lower() if invocation.arguments else ""
    if setting not in {"on", "off"}:
        return texts.CASE_BAD_FILES
    case = invocation.room_case()
    enabled = setting == "on"
    invocation.cases.set_ingest_shared_files(case.id, enabled, by_user=invocation.user_id)
    state = texts.CASE_FILES_STATE_ON if enabled else texts.CASE_FILES_STATE_OFF
    return texts.CASE_FILES_SET.format(case_id=escape(case.id), state=state)


def _usage(_invocation: Invocation) -> str:
    return texts.CASE_USAGE


def _people(user_ids_: tuple[str, ...] | list[str]) -> str:
    shown = [f"<@{user_id}>" for user_id in user_ids_ if is_safe_id(user_id)]
    return ", ".join(shown) or texts.CASE_NONE


_VERBS: dict[str, Verb] = {
    "show": _show,
    "link": _link,
    "unlink": _unlink,
    "add": _add,
    "remove": _remove,
    "files": _files,
    "help": _usage,
}
