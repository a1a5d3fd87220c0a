"""What a referral sends a partner: the package, built under the sharing policy, then rendered as
Slack blocks, a PDF and JSON (``referral-package.schema.json``).

Everything in it has passed the policy (:mod:`casework.referrals.policy`): what was held back is
listed in :attr:`PolicyResult.withheld` with its reason, what was redacted in
:attr:`PolicyResult.redactions`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1"


class RequestedAction(StrEnum):
    SEIZE_SHIPMENT = "seize_shipment"
    DETAIN_SHIPMENT = "detain_shipment"
    OPEN_INVESTIGATION = "open_investigation"
    TAKE_DOWN_LISTING = "take_down_listing"
    PRESERVE_RECORDS = "preserve_records"
    INFORMATION_ONLY = "information_only"


class Priority(StrEnum):
    ROUTINE = "routine"
    PRIORITY = "priority"
    IMMEDIATE = "immediate"


class Tlp(StrEnum):
    """Traffic Light Protocol 2.0 labels, for private partners."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"


@dataclass(frozen=True)
class Investigator:
    user_id: str
    name: str
    contact: str
    """How the partner reaches the investigator (e-mail or phone), as the case states it."""


@dataclass(frozen=True)
class PartnerRef:
    id: str
    name: str
    kind: str
    """``government`` or ``private``."""


@dataclass(frozen=True)
class Handling:
    markings: tuple[str, ...]
    """The markings of the material the package carries (``PUBLIC``, ``LES``)."""
    tlp: Tlp | None
    """For private partners only."""
    dissemination: str
    """Who the partner may pass it on to, in words."""


@dataclass(frozen=True)
class Subject:
    name: str
    identifiers: tuple[tuple[str, str], ...] = ()
    """(kind, normalised value) pairs."""


@dataclass(frozen=True)
class Evidence:
    document_id: str
    title: str
    page: int | None
    quote: str
    sha256: str
    """Of the source file the document was read from."""
    marking: str


@dataclass(frozen=True)
class RelatedHit:
    """A cross-case hit the partner may know of, for deconfliction."""

    kind: str
    value: str
    other_case_id: str | None
    """None when the other case may not be named to this partner."""


@dataclass(frozen=True)
class Withheld:
    item: str
    """What was held back: a document title, a subject, a hit."""
    reason: str


@dataclass(frozen=True)
class Redaction:
    kind: str
    """What kind of data was redacted (``phone``, ``email``, ``date_of_birth``, ``ssn``)."""
    where: str
    """Which part of the package: the summary, a quote of a document, a subject."""
    count: int


@dataclass(frozen=True)
class PolicyResult:
    allowed: bool
    """False when nothing may go to this partner at all (say why in :attr:`blocked_reason`)."""
    blocked_reason: str | None = None
    withheld: tuple[Withheld, ...] = ()
    redactions: tuple[Redaction, ...] = ()


def for_partner(policy: PolicyResult, describe: Callable[[int], str]) -> PolicyResult:
    """The policy result as the partner may read it: why things were held back and how many,
    never what they were (a withheld document's title can itself be sensitive)."""
    counts = Counter(withheld.reason for withheld in policy.withheld)
    withheld = tuple(Withheld(describe(count), reason) for reason, count in counts.items())
    return dataclasses.replace(policy, withheld=withheld)


@dataclass(frozen=True)
class ReferralPackage:
    referral_id: str
    version: int
    created_at: datetime
    case_id: str
    investigator: Investigator
    partner: PartnerRef
    requested_action: RequestedAction
    priority: Priority
    handling: Handling
    summary: str
    subjects: tuple[Subject, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    related_hits: tuple[RelatedHit, ...] = ()
    policy: PolicyResult = field(default_factory=lambda: PolicyResult(allowed=True))

    def as_json(self) -> dict[str, Any]:
        """The package as the JSON its schema describes."""
        data = asdict(self)
        data["schema_version"] = SCHEMA_VERSION
        data["created_at"] = self.created_at.isoformat()
        for subject in data["subjects"]:
            subject["identifiers"] = [
                {"kind": kind, "value": value} for kind, value in subject["identifiers"]
            ]
        plain: dict[str, Any] = _plain(data)
        return plain


def _plain(value: Any) -> Any:
    """Enums to their values, tuples to lists: what ``json.dumps`` takes."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value
