"""A lead's approval, for partners that require one: each lead of the case gets a direct
message with the package's essentials and Approve / Reject… (value: the referral id). Approving
queues the delivery (rejecting: :mod:`.rejection`). Only a lead may decide — the use case
refuses anyone else, and the refusal is shown to them only. The lead's message then says who
decided."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final

from slack_bolt import Ack, App

from bot.slack import replies
from bot.slack.blocks import Block, Message, button, context, fallback_text, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import cut, escape
from bot.slack.referrals import texts
from bot.slack.referrals.clicks import channel_of, message_ts, refuse
from bot.slack.referrals.notices import partner_name, tell_case_rooms, who
from casework.errors import CasebotError
from casework.referrals.store import ReferralView
from casework.referrals.texts import REDACTION_LABELS
from casework.usecases.requester import Requester, Surface

log = logging.getLogger(__name__)

Listener = Callable[..., None]
APPROVE_ACTION: Final = "casebot_referral_approve"
REJECT_ACTION: Final = "casebot_referral_reject"
SUMMARY_LIMIT: Final = 2000


def register(app: App, deps: Deps) -> None:
    app.action(APPROVE_ACTION)(_approve_listener(deps))


def ask_leads(deps: Deps, referral: ReferralView) -> None:
    case = deps.services.cases.get(referral.case_id)
    message = approval_message(referral)
    for lead in case.leads if case else ():
        try:
            replies.post(deps.client, lead, message)
        except Exception:
            log.exception("could not ask lead %s to approve %s", lead, referral.id)


def approval_message(referral: ReferralView) -> Message:
    package = referral.package or {}
    heading = texts.APPROVAL_HEADING.format(
        user_id=referral.created_by,
        referral_id=escape(referral.id),
        case_id=escape(referral.case_id),
        partner=partner_name(referral),
    )
    titles = ", ".join(escape(str(item["title"])) for item in package.get("evidence", []))
    blocks: list[Block] = [
        section(heading),
        section(cut(escape(str(package.get("summary", referral.summary))), SUMMARY_LIMIT, "…")),
        context(texts.APPROVAL_EVIDENCE.format(items=titles or "-")),
        context(_policy_line(package.get("policy") or {})),
        {
            "type": "actions",
            "block_id": f"casebot_approval_{referral.id}",
            "elements": [
                button(APPROVE_ACTION, texts.APPROVE_LABEL, referral.id),
                button(REJECT_ACTION, texts.REJECT_LABEL, referral.id),
            ],
        },
    ]
    fallback = texts.APPROVAL_FALLBACK.format(referral_id=referral.id, partner=referral.partner_id)
    return Message(text=fallback_text(fallback), blocks=blocks)


def _policy_line(policy: dict[str, Any]) -> str:
    withheld = "; ".join(
        texts.APPROVAL_WITHHELD_ITEM.format(
            item=escape(str(item["item"])), reason=escape(str(item["reason"]))
        )
        for item in policy.get("withheld", [])
    )
    redacted = ", ".join(
        texts.APPROVAL_REDACTED_ITEM.format(
            count=item["count"],
            kind=escape(REDACTION_LABELS.get(str(item["kind"]), str(item["kind"]))),
            where=escape(str(item["where"])),
        )
        for item in policy.get("redactions", [])
    )
    return texts.APPROVAL_POLICY.format(
        withheld=withheld or texts.APPROVAL_NOTHING, redacted=redacted or texts.APPROVAL_NOTHING
    )


def _approve_listener(deps: Deps) -> Listener:
    def on_approve(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        deps.pools.notices.submit(lambda: _approve(deps, body, str(action.get("value", ""))))

    return on_approve


def _approve(deps: Deps, body: dict[str, Any], referral_id: str) -> None:
    user_id, channel_id = body["user"]["id"], channel_of(body)
    requester = Requester.in_slack(user_id, channel_id, Surface.APPROVAL)
    try:
        referral = deps.services.referring.approve(requester, referral_id)
    except CasebotError as error:
        refuse(deps, body, error)
        return
    deps.outbox.wake()
    note = texts.APPROVED_BY.format(user_id=user_id)
    update_lead_message(deps, channel_of(body), message_ts(body), referral, note)
    line = texts.ROOM_DECIDED.format(
        referral_id=escape(referral.id),
        partner=partner_name(referral),
        decision=texts.DECISION_APPROVED,
        who=who(user_id),
    )
    tell_case_rooms(deps, referral.case_id, line)


def update_lead_message(
    deps: Deps, channel_id: str, ts: str, referral: ReferralView, note: str
) -> None:
    """The lead's message without its buttons, saying who decided."""
    if not channel_id or not ts:
        return
    message = approval_message(referral)
    blocks = [block for block in message.blocks if block.get("type") != "actions"]
    blocks.append(section(note))
    try:
        replies.replace(deps.client, channel_id, ts, Message(text=message.text, blocks=blocks))
    except Exception:
        log.exception("could not update the approval message of %s", referral.id)
