"""Telling people what happened to a referral when nobody is waiting on a request: a delivery
the outbox gave up on goes to its sender, in a direct message from Casebot; submissions,
approvals and the partner's answers are told in the case's rooms."""

from __future__ import annotations

import logging

from bot.slack import replies
from bot.slack.blocks import Message, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape, is_safe_id
from bot.slack.referrals import texts
from casework.referrals.store import ReferralView

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


def tell_case_rooms(deps: Deps, case_id: str, text: str) -> None:
    """One line (already-escaped mrkdwn) in each room of the case; never raises."""
    case = deps.services.cases.get(case_id)
    for channel_id in case.channels if case else ():
        try:
            replies.post(deps.client, channel_id, Message(text=text, blocks=[section(text)]))
        except Exception:
            log.exception("could not tell room %s of case %s about a referral", channel_id, case_id)


def partner_name(referral: ReferralView) -> str:
    """The partner's name as the package names it (escaped), else its id."""
    partner = (referral.package or {}).get("partner") or {}
    return escape(str(partner.get("name") or referral.partner_id))


def who(user_id: str, name: str = "") -> str:
    """A mention of a Slack user, which works across Slack Connect, or their escaped name."""
    return f"<@{user_id}>" if is_safe_id(user_id) else escape(name or user_id)
