"""How a referral reaches a partner: each partner names one or more delivery targets (a Slack
channel, usually a Slack Connect channel shared with the partner; an e-mail address over SMTP; a
webhook URL with a shared secret), and a :class:`Sender` per kind of target delivers the package.

Deliveries go through a durable outbox (one row per referral and target), so a sender only has
to deliver once or raise :class:`DeliveryFailedError`; the outbox retries, backs off and gives up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from casework.errors import CasebotError
from casework.referrals.package import ReferralPackage


class TargetKind(StrEnum):
    SLACK = "slack"
    EMAIL = "email"
    WEBHOOK = "webhook"


@dataclass(frozen=True)
class DeliveryTarget:
    kind: TargetKind
    address: str
    """A Slack channel id, an e-mail address or a webhook URL."""
    secret: str | None = None
    """The webhook's shared secret for its HMAC-SHA256 signature (webhooks only)."""

    @property
    def key(self) -> str:
        """Unique per partner: a referral is delivered once per key."""
        return f"{self.kind.value}:{self.address}"


@dataclass(frozen=True)
class Rendered:
    """The package as sent: the JSON document and the PDF, both made once per version."""

    package: ReferralPackage
    pdf: bytes
    json_text: str

    @property
    def pdf_name(self) -> str:
        return f"referral-{self.package.referral_id}-v{self.package.version}.pdf"


class DeliveryFailedError(CasebotError):
    """A delivery did not go through. ``permanent``: retrying cannot help (a refused address,
    a channel the app is not in); otherwise the outbox tries again later."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Sender(Protocol):
    kind: TargetKind

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        """Deliver; returns a reference the partner's side gave (a message ts, a message id),
        or None. Raises :class:`DeliveryFailedError`."""
        ...
