"""Casebot's errors. Every error Casebot raises on purpose is a :class:`CasebotError`, so an edge
can tell "something a person can act on" from a defect with one ``except``. Each message says
what to do next (casework's texts in :mod:`casework.texts`, ingestion's in
:mod:`ingestion.messages`); each error also carries its facts as attributes, so an edge (the
command line, Slack) can render its own message::

    CasebotError                        casework/errors.py
    ├── CaseworkError                   anything about cases and the audit log
    │   ├── InvalidIdError              an empty, over-long or spaced case, user or channel id
    │   ├── CaseError                   about one case in the directory
    │   │   ├── UnknownCaseError        no case has this id
    │   │   ├── CaseExistsError         create() with an id already in use
    │   │   ├── InvalidTitleError       a title longer than the registry holds
    │   │   ├── ChannelTakenError       the channel is already another case's room
    │   │   ├── ChannelNotLinkedError   unlinking a channel the case does not have
    │   │   ├── NotCaseMemberError      removing someone who is not a member
    │   │   ├── NotCaseLeadError        a change asked for by someone who is not a lead
    │   │   └── LastLeadError           a change that would leave the case without a lead
    │   └── AuditError                  about the audit log
    │       ├── UnknownAuditRecordError feedback on an audit record that does not exist
    │       └── InvalidFeedbackError    feedback other than "up" or "down"
    ├── InvalidFtMEntityError           an export entity FollowTheMoney rejects (casework/entities)
    ├── IngestError                     a file could not be ingested (ingestion/errors.py)
    │   └── …                           unreadable, too large, empty, corrupt, encrypted, …
    ├── IngestionBusyError              another ingestion holds the data folder (ingestion/lock.py)
    ├── RetrievalError                  the model is missing, answering failed (retrieval/errors.py)
    │   ├── ModelNotOnDiskError         the embedding model is not on this machine
    │   └── AnsweringError              a citation leak (a defect), a rejected LLM reply, an LLM
    │                                   setting or prompt template that is wrong, a closed service
    ├── PartnersFileError               the partners file is malformed (casework/referrals)
    ├── ReferralError                   a referral cannot be made or changed as asked (same)
    ├── SlackConfigError                a setting Slack needs is missing (bot/slack/app.py)
    └── FileRefused                     a file shared in Slack that cannot be fetched
"""

from __future__ import annotations

from collections.abc import Sequence

from casework import texts


class CasebotError(Exception):
    """Anything Casebot raises on purpose; ``str(error)`` says what to do."""


class CaseworkError(CasebotError):
    """Anything a person can act on; ``str(error)`` says what to do."""


class InvalidIdError(CaseworkError):
    def __init__(self, what: str, value: str, limit: int) -> None:
        super().__init__(texts.INVALID_ID.format(what=what, value=value, limit=limit))
        self.what = what
        self.value = value


class CaseError(CaseworkError):
    def __init__(self, message: str, case_id: str) -> None:
        super().__init__(message)
        self.case_id = case_id


class UnknownCaseError(CaseError):
    def __init__(self, case_id: str) -> None:
        super().__init__(texts.UNKNOWN_CASE.format(case_id=case_id), case_id)


class CaseExistsError(CaseError):
    def __init__(self, case_id: str) -> None:
        super().__init__(texts.CASE_EXISTS.format(case_id=case_id), case_id)


class InvalidTitleError(CaseError):
    def __init__(self, case_id: str, length: int, limit: int) -> None:
        message = texts.TITLE_TOO_LONG.format(case_id=case_id, length=length, limit=limit)
        super().__init__(message, case_id)


class ChannelTakenError(CaseError):
    """``case_id`` is the case asking; ``owner_case_id`` the case the channel belongs to."""

    def __init__(self, case_id: str, channel_id: str, owner_case_id: str) -> None:
        message = texts.CHANNEL_TAKEN.format(channel_id=channel_id, owner_case_id=owner_case_id)
        super().__init__(message, case_id)
        self.channel_id = channel_id
        self.owner_case_id = owner_case_id


class ChannelNotLinkedError(CaseError):
    def __init__(self, case_id: str, channel_id: str) -> None:
        message = texts.CHANNEL_NOT_LINKED.format(case_id=case_id, channel_id=channel_id)
        super().__init__(message, case_id)
        self.channel_id = channel_id


class NotCaseMemberError(CaseError):
    def __init__(self, case_id: str, user_id: str) -> None:
        super().__init__(texts.NOT_A_MEMBER.format(case_id=case_id, user_id=user_id), case_id)
        self.user_id = user_id


class NotCaseLeadError(CaseError):
    """``leads`` are the people who can make the change (empty: only the local operator)."""

    def __init__(self, case_id: str, user_id: str, leads: Sequence[str]) -> None:
        if leads:
            message = texts.NOT_A_LEAD.format(case_id=case_id, leads=", ".join(leads))
        else:
            message = texts.NO_LEADS.format(case_id=case_id)
        super().__init__(message, case_id)
        self.user_id = user_id
        self.leads = tuple(leads)


class LastLeadError(CaseError):
    def __init__(self, case_id: str, user_id: str) -> None:
        super().__init__(texts.LAST_LEAD.format(case_id=case_id, user_id=user_id), case_id)
        self.user_id = user_id


class AuditError(CaseworkError):
    pass


class UnknownAuditRecordError(AuditError):
    def __init__(self, audit_id: int) -> None:
        super().__init__(texts.UNKNOWN_AUDIT_RECORD.format(audit_id=audit_id))
        self.audit_id = audit_id


class InvalidFeedbackError(AuditError):
    def __init__(self, value: str) -> None:
        super().__init__(texts.INVALID_FEEDBACK.format(value=value))
        self.value = value
