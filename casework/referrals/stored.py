"""A package read back from the JSON stored with its referral (what
:meth:`~casework.referrals.package.ReferralPackage.as_json` wrote), so the outbox and an export
send exactly what was built and approved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from casework.referrals.package import (
    Evidence,
    Handling,
    Investigator,
    PartnerRef,
    PolicyResult,
    Priority,
    Redaction,
    ReferralPackage,
    RelatedHit,
    RequestedAction,
    Subject,
    Tlp,
    Withheld,
)


def package_from_json(data: dict[str, Any]) -> ReferralPackage:
    handling = data["handling"]
    policy = data["policy"]
    return ReferralPackage(
        referral_id=data["referral_id"],
        version=int(data["version"]),
        created_at=datetime.fromisoformat(data["created_at"]),
        case_id=data["case_id"],
        investigator=Investigator(**data["investigator"]),
        partner=PartnerRef(**data["partner"]),
        requested_action=RequestedAction(data["requested_action"]),
        priority=Priority(data["priority"]),
        handling=Handling(
            markings=tuple(handling["markings"]),
            tlp=Tlp(handling["tlp"]) if handling["tlp"] else None,
            dissemination=handling["dissemination"],
        ),
        summary=data["summary"],
        subjects=tuple(_subject(subject) for subject in data["subjects"]),
        evidence=tuple(Evidence(**item) for item in data["evidence"]),
        related_hits=tuple(RelatedHit(**hit) for hit in data["related_hits"]),
        policy=PolicyResult(
            allowed=policy["allowed"],
            blocked_reason=policy["blocked_reason"],
            withheld=tuple(Withheld(**item) for item in policy["withheld"]),
            redactions=tuple(Redaction(**item) for item in policy["redactions"]),
        ),
    )


def _subject(data: dict[str, Any]) -> Subject:
    identifiers = tuple((item["kind"], item["value"]) for item in data["identifiers"])
    return Subject(name=data["name"], identifiers=identifiers)
