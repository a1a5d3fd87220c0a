"""Cases: the unit of need-to-know.

A case has members (some of them leads, some 6(e)-cleared) and channels that are its rooms (a
channel is the room of at most one case). :class:`CaseDirectory` keeps them, lets only a case's
leads change it, records every change in the audit log, and turns "who is asking, and where"
into the :class:`~casework.access.Viewer` that retrieval applies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from casework.access import Viewer
from casework.audit import CASE_CHANGE, AuditLog, AuditTransaction
from casework.errors import (
    CaseExistsError,
    ChannelNotLinkedError,
    ChannelTakenError,
    InvalidIdError,
    InvalidTitleError,
    LastLeadError,
    NotCaseLeadError,
    NotCaseMemberError,
    UnknownCaseError,
)
from casework.storage.cases import Case, CaseChannel, CaseMember
from casework.storage.db import SessionFactory

ID_LIMIT: Final = 64
TITLE_LIMIT: Final = 300
_WITH_PEOPLE_AND_ROOMS = (selectinload(Case.members), selectinload(Case.channels))

Change = Callable[[Session, Case], dict[str, Any] | None]
"""Applies one change to a loaded case; returns its audit details, or None if nothing changed."""


@dataclass(frozen=True)
class MemberInfo:
    user_id: str
    lead: bool
    sixe_cleared: bool


@dataclass(frozen=True)
class CaseInfo:
    id: str
    title: str
    channels: tuple[str, ...]
    members: tuple[MemberInfo, ...]
    ingest_shared_files: bool

    @property
    def leads(self) -> tuple[str, ...]:
        return tuple(member.user_id for member in self.members if member.lead)

    def member(self, user_id: str) -> MemberInfo | None:
        return next((member for member in self.members if member.user_id == user_id), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "channels": list(self.channels),
            "members": [asdict(member) for member in self.members],
            "leads": list(self.leads),
            "ingest_shared_files": self.ingest_shared_files,
        }


class CaseDirectory:
    """Who works on which case, and which channels are its rooms.

    Need-to-know, by where the answer is read (:meth:`viewer_for_dm`,
    :meth:`viewer_for_channel`): in a direct message, the ``LES`` material of the user's cases
    and the ``6E`` material of those where they are 6(e)-cleared; in a case's room, that case's
    ``LES`` material if the asker is a member, never ``6E``; elsewhere, ``PUBLIC`` only.

    Changes (everything but :meth:`create`) may be made only by a lead of the case; otherwise
    :class:`~casework.errors.NotCaseLeadError` names the leads to ask. ``by_user=None`` is the
    local operator (the command line), who may always make them. Removing or demoting a case's
    last lead is refused (:class:`~casework.errors.LastLeadError`). With an
    :class:`~casework.audit.AuditLog`, every change writes a ``CASE_CHANGE`` record in the same
    transaction as the change itself; a call that changes nothing writes none.
    """

    def __init__(self, sessions: SessionFactory, audit: AuditLog | None = None) -> None:
        self._sessions = sessions
        self._audit = audit

    # -- reading ----------------------------------------------------------------------------

    def get(self, case_id: str) -> CaseInfo | None:
        with self._sessions() as session:
            case = session.get(Case, case_id, options=_WITH_PEOPLE_AND_ROOMS)
            return None if case is None else _info_of(case)

    def case_for_channel(self, channel_id: str) -> CaseInfo | None:
        """The case whose room this channel is, if any."""
        with self._sessions() as session:
            room = session.get(CaseChannel, channel_id)
            if room is None:
                return None
            case = session.get(Case, room.case_id, options=_WITH_PEOPLE_AND_ROOMS)
            return None if case is None else _info_of(case)

    def cases_of(self, user_id: str) -> list[CaseInfo]:
        """The cases this user is a member (or lead) of, by case id."""
        query = select(Case).join(CaseMember).where(CaseMember.user_id == user_id)
        return self._cases(query)

    def all_cases(self) -> list[CaseInfo]:
        return self._cases(select(Case))

    # -- need-to-know -----------------------------------------------------------------------

    def viewer_for_dm(self, user_id: str) -> Viewer:
        """What a user may see in a direct message with Casebot, where only they read the
        answer: the ``LES`` material of every case they are a member of, the ``6E`` material of
        the cases where they are 6(e)-cleared, and all ``PUBLIC`` material."""
        with self._sessions() as session:
            memberships = session.scalars(
                select(CaseMember).where(CaseMember.user_id == user_id)
            ).all()
        return Viewer.member(
            f"{user_id} in a direct message",
            cases=[member.case_id for member in memberships],
            sixe_cleared=[member.case_id for member in memberships if member.sixe_cleared],
        )

    def viewer_for_channel(self, channel_id: str, user_id: str) -> Viewer:
        """What may be shown in a channel, where everyone in it reads the answer.

        In a case's channel (its room): that case's ``LES`` material and ``PUBLIC`` material,
        but only when the asking user is a member of that case; anyone else asking there gets
        ``PUBLIC`` material only. ``6E`` material is never shown in a channel, not even to a
        6(e)-cleared member in the case's own room: it is for direct messages only. In any other
        channel: ``PUBLIC`` material only.
        """
        label = f"{user_id} in {channel_id}"
        with self._sessions() as session:
            room = session.get(CaseChannel, channel_id)
            if room is None or session.get(CaseMember, (room.case_id, user_id)) is None:
                return Viewer.public(label)
            return Viewer(label=label, les_cases=frozenset({room.case_id}))

    # -- changing ---------------------------------------------------------------------------

    def create(
        self,
        case_id: str,
        title: str,
        channels: Iterable[str] = (),
        members: Iterable[str] = (),
        leads: Iterable[str] = (),
        sixe_cleared: Iterable[str] = (),
        by_user: str | None = None,
    ) -> CaseInfo:
        """Create a case. Leads and 6(e)-cleared users are members too; a case created without
        a lead can be changed only by the local operator until someone is made its lead.
        ``by_user`` is recorded as the creator (None: the local operator)."""
        _check_id("A case id", case_id)
        _check_title(case_id, title)
        people = _memberships(members, leads, sixe_cleared)
        rooms = sorted(set(channels))
        for channel_id in rooms:
            _check_id("A channel id", channel_id)
        with self._transaction() as (session, chain):
            if session.get(Case, case_id) is not None:
                raise CaseExistsError(case_id)
            case = Case(id=case_id, title=title, created_at=_now(), ingest_shared_files=True)
            session.add(case)
            for channel_id in rooms:
                _link(session, case, channel_id, by_user)
            case.members.extend(people)
            details = {
                "change": "create",
                "title": title,
                "channels": rooms,
                "members": [_member_details(member) for member in people],
            }
            _record(chain, case_id, by_user, details)
            return _info_of(case)

    def link_channel(self, case_id: str, channel_id: str, by_user: str | None) -> CaseInfo:
        """Make the channel a room of the case. Linking it again to the same case changes
        nothing; a channel that is another case's room raises ChannelTakenError."""
        _check_id("A channel id", channel_id)

        def link(session: Session, case: Case) -> dict[str, Any] | None:
            if not _link(session, case, channel_id, by_user):
                return None
            return {"change": "link_channel", "channel_id": channel_id}

        return self._change(case_id, by_user, link)

    def unlink_channel(self, case_id: str, channel_id: str, by_user: str | None) -> CaseInfo:
        def unlink(_session: Session, case: Case) -> dict[str, Any]:
            room = next((room for room in case.channels if room.channel_id == channel_id), None)
            if room is None:
                raise ChannelNotLinkedError(case_id, channel_id)
            case.channels.remove(room)
            return {"change": "unlink_channel", "channel_id": channel_id}

        return self._change(case_id, by_user, unlink)

    def add_member(
        self,
        case_id: str,
        user_id: str,
        by_user: str | None,
        lead: bool = False,
        sixe_cleared: bool = False,
    ) -> CaseInfo:
        """Make the user a member with exactly these flags. For someone already a member, the
        flags are replaced: this is also how a lead is made or 6(e) clearance granted or
        withdrawn (demoting the last lead is refused)."""
        _check_id("A user id", user_id)

        def add(_session: Session, case: Case) -> dict[str, Any] | None:
            member = _find_member(case, user_id)
            if member is None:
                member = CaseMember(user_id=user_id, added_at=_now())
                case.members.append(member)
                change = "add_member"
            elif (member.lead, member.sixe_cleared) == (lead, sixe_cleared):
                return None
            else:
                if member.lead and not lead:
                    _refuse_losing_last_lead(case, user_id)
                change = "update_member"
            member.lead, member.sixe_cleared = lead, sixe_cleared
            return {"change": change, **_member_details(member)}

        return self._change(case_id, by_user, add)

    def remove_member(self, case_id: str, user_id: str, by_user: str | None) -> CaseInfo:
        def remove(_session: Session, case: Case) -> dict[str, Any]:
            member = _find_member(case, user_id)
            if member is None:
                raise NotCaseMemberError(case_id, user_id)
            if member.lead:
                _refuse_losing_last_lead(case, user_id)
            case.members.remove(member)
            return {"change": "remove_member", "user_id": user_id}

        return self._change(case_id, by_user, remove)

    def set_ingest_shared_files(self, case_id: str, enabled: bool, by_user: str | None) -> CaseInfo:
        """Whether files shared in the case's channels are ingested as its notes."""

        def switch(_session: Session, case: Case) -> dict[str, Any] | None:
            if case.ingest_shared_files == enabled:
                return None
            case.ingest_shared_files = enabled
            return {"change": "set_ingest_shared_files", "enabled": enabled}

        return self._change(case_id, by_user, switch)

    # -- internals --------------------------------------------------------------------------

    def _cases(self, query: Select[Case]) -> list[CaseInfo]:
        with self._sessions() as session:
            found = session.scalars(query.options(*_WITH_PEOPLE_AND_ROOMS).order_by(Case.id))
            return [_info_of(case) for case in found]

    def _change(self, case_id: str, by_user: str | None, change: Change) -> CaseInfo:
        """Load the case, check ``by_user`` may change it, apply ``change`` and record it, all
        in one transaction."""
        with self._transaction() as (session, chain):
            case = session.get(Case, case_id, options=_WITH_PEOPLE_AND_ROOMS)
            if case is None:
                raise UnknownCaseError(case_id)
            _require_lead(case, by_user)
            details = change(session, case)
            if details is not None:
                _record(chain, case_id, by_user, details)
            return _info_of(case)

    @contextmanager
    def _transaction(self) -> Iterator[tuple[Session, AuditTransaction | None]]:
        if self._audit is None:
            with self._sessions.begin() as session:
                yield session, None
        else:
            with self._audit.appending() as chain:
                yield chain.session, chain


def ensure_case(session: Session, case_id: str, title: str = "") -> Case:
    """The case with this id, created if it does not exist yet."""
    case = session.get(Case, case_id)
    if case is None:
        case = Case(id=case_id, title=title, created_at=_now())
        session.add(case)
    return case


def _link(session: Session, case: Case, channel_id: str, by_user: str | None) -> bool:
    """Link the channel to the case; False if it already was."""
    room = session.get(CaseChannel, channel_id)
    if room is not None:
        if room.case_id == case.id:
            return False
        raise ChannelTakenError(case.id, channel_id, room.case_id)
    case.channels.append(CaseChannel(channel_id=channel_id, linked_by=by_user, linked_at=_now()))
    return True


def _memberships(
    members: Iterable[str], leads: Iterable[str], sixe_cleared: Iterable[str]
) -> list[CaseMember]:
    leading, cleared = set(leads), set(sixe_cleared)
    people = sorted(set(members) | leading | cleared)
    for user_id in people:
        _check_id("A user id", user_id)
    now = _now()
    return [
        CaseMember(
            user_id=user_id,
            lead=user_id in leading,
            sixe_cleared=user_id in cleared,
            added_at=now,
        )
        for user_id in people
    ]


def _find_member(case: Case, user_id: str) -> CaseMember | None:
    return next((member for member in case.members if member.user_id == user_id), None)


def _leads_of(case: Case) -> list[str]:
    return sorted(member.user_id for member in case.members if member.lead)


def _require_lead(case: Case, by_user: str | None) -> None:
    leads = _leads_of(case)
    if by_user is not None and by_user not in leads:
        raise NotCaseLeadError(case.id, by_user, leads)


def _refuse_losing_last_lead(case: Case, user_id: str) -> None:
    if _leads_of(case) == [user_id]:
        raise LastLeadError(case.id, user_id)


def _record(
    chain: AuditTransaction | None, case_id: str, by_user: str | None, details: dict[str, Any]
) -> None:
    if chain is not None:
        chain.record(CASE_CHANGE, by_user, None, {"case_id": case_id, **details})


def _member_details(member: CaseMember) -> dict[str, Any]:
    return {"user_id": member.user_id, "lead": member.lead, "sixe_cleared": member.sixe_cleared}


def _info_of(case: Case) -> CaseInfo:
    members = sorted(case.members, key=lambda member: member.user_id)
    return CaseInfo(
        id=case.id,
        title=case.title,
        channels=tuple(sorted(room.channel_id for room in case.channels)),
        members=tuple(
            MemberInfo(member.user_id, member.lead, member.sixe_cleared) for member in members
        ),
        ingest_shared_files=case.ingest_shared_files,
    )


def _check_id(what: str, value: str) -> None:
    if not value or len(value) > ID_LIMIT or any(character.isspace() for character in value):
        raise InvalidIdError(what, value, ID_LIMIT)


def _check_title(case_id: str, title: str) -> None:
    if len(title) > TITLE_LIMIT:
        raise InvalidTitleError(case_id, len(title), TITLE_LIMIT)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
