"""A referral's states and the moves between them::

    draft ─► awaiting_approval ─► submitted ─► delivered ─► acknowledged ─► accepted ─► closed
      │            │ (rejected: back to draft) │           │            └─► declined ─► closed
      └────────────┴──────────┬────────────────┴───────────┘
                              ▼
                          withdrawn      (from any state before accepted / declined)

- ``draft``: created, not yet sent for approval or delivery. A rejected approval comes back
  here, with the reason in its history, rather than to ``withdrawn``: the creator reads why and
  decides (withdraw it, or submit a corrected referral).
- ``submitted``: the package is built and one outbox row per partner target is queued.
- ``delivered``: every target's row is delivered.
- ``acknowledged`` / ``accepted`` / ``declined``: the partner's answer. A partner may answer a
  referral still being delivered elsewhere (its Slack copy arrived before its e-mail copy), so
  these follow ``submitted`` too.

Every move is written to ``referral_events`` and the audit log in one transaction
(:mod:`casework.referrals.store`); a move not listed here raises
:class:`~casework.referrals.errors.InvalidTransitionError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from casework.referrals.errors import InvalidTransitionError


class Status(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    SUBMITTED = "submitted"
    DELIVERED = "delivered"
    ACKNOWLEDGED = "acknowledged"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


TRANSITIONS: Final[Mapping[Status, frozenset[Status]]] = {
    Status.DRAFT: frozenset({Status.AWAITING_APPROVAL, Status.SUBMITTED, Status.WITHDRAWN}),
    Status.AWAITING_APPROVAL: frozenset({Status.SUBMITTED, Status.DRAFT, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset(
        {Status.DELIVERED, Status.ACKNOWLEDGED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}
    ),
    Status.DELIVERED: frozenset(
        {Status.ACKNOWLEDGED, Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}
    ),
    Status.ACKNOWLEDGED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.CLOSED}),
    Status.DECLINED: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

PARTNER_RESPONSES: Final = (Status.ACKNOWLEDGED, Status.ACCEPTED, Status.DECLINED)
FINISHED: Final = frozenset({Status.ACCEPTED, Status.DECLINED, Status.CLOSED, Status.WITHDRAWN})
"""Nothing more is expected of the referring side: not listed among open referrals."""
DELIVERING: Final = frozenset({Status.SUBMITTED, Status.DELIVERED, Status.ACKNOWLEDGED})
"""States in which the outbox may still send the package."""


def require_transition(referral_id: str, current: str, wanted: Status) -> None:
    allowed = TRANSITIONS[Status(current)]
    if wanted not in allowed:
        names = sorted(status.value for status in allowed)
        raise InvalidTransitionError(referral_id, current, wanted.value, names)
