"""Telling people what happened to a referral when nobody is waiting on a request: a delivery
the outbox gave up on goes to its sender, in a direct message from Casebot."""

from __future__ import annotations

import logging

from bot.slack import replies
from bot.slack.blocks import Message, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts

log = logging.getLogger(__name__)


def tell_sender_delivery_failed(deps: Deps, referral_id: str, error: str) -> None:
    """Never raises: the outbox goes on whatever Slack says."""
    try:
        referral = deps.services.referring.for_notice(referral_id)
        text = texts.DELIVERY_FAILED.format(
            referral_id=escape(referral.id),
            partner_id=escape(referral.partner_id),
            error=escape(error),
        )
        replies.post(deps.client, referral.created_by, Message(text=text, blocks=[section(text)]))
    except Exception:
        log.exception("could not tell the sender of %s that its delivery failed", referral_id)
