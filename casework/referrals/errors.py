"""What can go wrong with referrals that a person can act on::

CasebotError
├── PartnersFileError           the partners file is unreadable or malformed
└── ReferralError               about one referral or the request to make one
    ├── UnknownReferralError
    ├── UnknownPartnerError
    ├── InvalidTransitionError  e.g. approving a referral that is not awaiting approval
    ├── PolicyBlockedError      the sharing policy leaves nothing to send
    ├── NotCaseMemberError      referring from a case one is not a member of
    ├── NotApproverError        approving without being a lead of the case
    ├── NotReferralOwnerError   withdrawing or retrying someone else's referral
    ├── NotPartnerChannelError  a partner response from a channel not the partner's
    └── InvalidResponseError
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from casework.errors import CasebotError
from casework.referrals import texts


class PartnersFileError(CasebotError):
    """``problems`` are ``(line, text)`` pairs, line 0 when no line applies."""

    def __init__(self, path: Path | str, problems: Sequence[tuple[int, str]]) -> None:
        lines = "\n".join(
            texts.PARTNERS_FILE_PROBLEM.format(line=line, problem=problem)
            for line, problem in problems
        )
        message = texts.PARTNERS_FILE_PROBLEMS.format(
            path=path, count=len(problems), problems=lines
        )
        super().__init__(message)
        self.path = str(path)
        self.problems = tuple(problems)


class ReferralError(CasebotError):
    pass


class UnknownReferralError(ReferralError):
    def __init__(self, referral_id: str) -> None:
        super().__init__(texts.UNKNOWN_REFERRAL.format(referral_id=referral_id))
        self.referral_id = referral_id


class UnknownPartnerError(ReferralError):
    def __init__(self, partner_id: str, known: Sequence[str]) -> None:
        partners = ", ".join(known) or texts.NO_PARTNERS
        super().__init__(texts.UNKNOWN_PARTNER.format(partner_id=partner_id, partners=partners))
        self.partner_id = partner_id


class InvalidTransitionError(ReferralError):
    def __init__(self, referral_id: str, current: str, wanted: str, allowed: Sequence[str]) -> None:
        message = texts.INVALID_TRANSITION.format(
            referral_id=referral_id,
            current=current,
            wanted=wanted,
            allowed=", ".join(allowed) or texts.NOTHING_ALLOWED,
        )
        super().__init__(message)
        self.referral_id = referral_id
        self.current = current
        self.wanted = wanted


class PolicyBlockedError(ReferralError):
    def __init__(self, reason: str) -> None:
        super().__init__(texts.POLICY_BLOCKED.format(reason=reason))
        self.reason = reason


class NotCaseMemberError(ReferralError):
    def __init__(self, case_id: str, user_id: str) -> None:
        super().__init__(texts.NOT_A_CASE_MEMBER.format(case_id=case_id))
        self.case_id = case_id
        self.user_id = user_id


class NotApproverError(ReferralError):
    def __init__(self, case_id: str, user_id: str, leads: Sequence[str]) -> None:
        named = ", ".join(leads) or texts.NO_LEADS
        super().__init__(texts.NOT_AN_APPROVER.format(case_id=case_id, leads=named))
        self.case_id = case_id
        self.user_id = user_id


class NotReferralOwnerError(ReferralError):
    def __init__(self, referral_id: str, case_id: str, user_id: str) -> None:
        super().__init__(texts.NOT_YOURS.format(referral_id=referral_id, case_id=case_id))
        self.referral_id = referral_id
        self.user_id = user_id


class NotPartnerChannelError(ReferralError):
    def __init__(self, referral_id: str, partner: str, channel_id: str | None) -> None:
        super().__init__(texts.NOT_PARTNER_CHANNEL.format(partner=partner, referral_id=referral_id))
        self.referral_id = referral_id
        self.channel_id = channel_id


class InvalidResponseError(ReferralError):
    def __init__(self, response: str, responses: Sequence[str]) -> None:
        message = texts.UNKNOWN_RESPONSE.format(response=response, responses=", ".join(responses))
        super().__init__(message)
        self.response = response


class NothingToRetryError(ReferralError):
    def __init__(self, referral_id: str) -> None:
        super().__init__(texts.NOTHING_TO_RETRY.format(referral_id=referral_id))
        self.referral_id = referral_id
