"""The senders that deliver a rendered referral: by e-mail over SMTP (:mod:`.smtp`) and to a
partner's webhook (:mod:`.webhook`). Each implements :class:`casework.referrals.delivery.Sender`."""

from __future__ import annotations

from casework.referrals.delivery import DeliveryFailedError, DeliveryTarget, TargetKind
from casework.referrals.senders import texts


def require_kind(target: DeliveryTarget, kind: TargetKind, sender: str) -> None:
    """A target of another kind is a routing mistake no retry can fix."""
    if target.kind is not kind:
        message = texts.WRONG_TARGET_KIND.format(
            sender=sender, kind=target.kind.value, address=target.address
        )
        raise DeliveryFailedError(message, permanent=True)
