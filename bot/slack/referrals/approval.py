"""A lead's approval, for partners that require one: each lead of the case gets a direct
message with the package's essentials and Approve / Reject… (value: the referral id). Approving
queues the delivery; rejecting asks for a reason in a modal. Only a lead may do either — the use
case refuses anyone else, and the refusal is shown to them only. The lead's message then says
who decided."""

from __future__ import annotations

import json
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
from bot.slack.referrals.views import input_block, modal, text_input, text_of
from casework.errors import CasebotError
from casework.referrals.store import ReferralView
from casework.usecases.requester import Requester, Surface

log = logging.getLogger(__name__)

Listener = Callable[..., None]
APPROVE_ACTION: Final = "casebot_referral_approve"
REJECT_ACTION: Final = "casebot_referral_reject"
REJECT_CALLBACK: Final = "casebot_referral_reject_reason"
REASON_BLOCK: Final = "referral_reason"
REASON_ACTION: Final = "value"
REASON_LIMIT: Final = 500
SUMMARY_LIMIT: Final = 2000


def register(app: App, deps: Deps) -> None:
    app.action(APPROVE_ACTION)(_approve_listener(deps))
    app.action(REJECT_ACTION)(_reject_listener(deps))
    app.view(REJECT_CALLBACK)(_reason_listener(deps))


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
    _mark_decided(deps, body, referral, texts.APPROVED_BY.format(user_id=user_id))
    line = texts.ROOM_DECIDED.format(
        referral_id=escape(referral.id),
        partner=partner_name(referral),
        decision=texts.DECISION_APPROVED,
        who=who(user_id),
    )
    tell_case_rooms(deps, referral.case_id, line)


def _reject_listener(deps: Deps) -> Listener:
    def on_reject(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        metadata = json.dumps(
            {"r": str(action.get("value", "")), "ch": channel_of(body), "ts": message_ts(body)}
        )
        reason = input_block(
            REASON_BLOCK, texts.LABEL_REASON, text_input(REASON_ACTION, max_length=REASON_LIMIT)
        )
        view = modal(
            texts.REJECT_TITLE,
            [reason],
            callback_id=REJECT_CALLBACK,
            submit=texts.REJECT_SUBMIT,
            metadata=metadata,
        )
        deps.client.views_open(trigger_id=body["trigger_id"], view=view)
        ack()

    return on_reject


def _reason_listener(deps: Deps) -> Listener:
    def on_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        reason = text_of(view, REASON_BLOCK, REASON_ACTION)
        if not reason:
            ack(response_action="errors", errors={REASON_BLOCK: texts.NEEDS_REASON})
            return
        origin = json.loads(view.get("private_metadata") or "{}")
        user_id = body["user"]["id"]
        requester = Requester.in_slack(user_id, str(origin.get("ch", "")), Surface.APPROVAL)
        try:
            referral = deps.services.referring.reject(requester, str(origin.get("r")), reason)
        except CasebotError as error:
            ack(response_action="errors", errors={REASON_BLOCK: str(error)})
            return
        ack(response_action="clear")
        deps.pools.notices.submit(lambda: _rejected(deps, origin, referral, user_id, reason))

    return on_reason


def _rejected(
    deps: Deps, origin: dict[str, Any], referral: ReferralView, user_id: str, reason: str
) -> None:
    shown = escape(reason)
    note = texts.REJECTED_BY.format(user_id=user_id, reason=shown)
    _update(deps, str(origin.get("ch", "")), str(origin.get("ts", "")), referral, note)
    line = texts.ROOM_REJECTED.format(
        referral_id=escape(referral.id),
        partner=partner_name(referral),
        who=who(user_id),
        reason=shown,
    )
    tell_case_rooms(deps, referral.case_id, line)


def _mark_decided(deps: Deps, body: dict[str, Any], referral: ReferralView, note: str) -> None:
    _update(deps, channel_of(body), message_ts(body), referral, note)


def _update(deps: Deps, channel_id: str, ts: str, referral: ReferralView, note: str) -> None:
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
