"""A lead rejects a referral awaiting approval: Reject… asks for the reason in a modal, the use
case sends the referral back to draft with it, and the lead's message, the case's rooms and the
referral's sender are told."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any, Final

from slack_bolt import Ack, App

from bot.slack import replies
from bot.slack.blocks import Message, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts
from bot.slack.referrals.approval import REJECT_ACTION, update_lead_message
from bot.slack.referrals.clicks import channel_of, message_ts
from bot.slack.referrals.notices import partner_name, tell_case_rooms, who
from bot.slack.referrals.views import REASON_BLOCK, reason_modal, reason_of
from casework.errors import CasebotError
from casework.referrals.store import ReferralView
from casework.usecases.requester import Requester, Surface

log = logging.getLogger(__name__)

Listener = Callable[..., None]
REJECT_CALLBACK: Final = "casebot_referral_reject_reason"


def register(app: App, deps: Deps) -> None:
    app.action(REJECT_ACTION)(_reject_listener(deps))
    app.view(REJECT_CALLBACK)(_reason_listener(deps))


def _reject_listener(deps: Deps) -> Listener:
    def on_reject(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        metadata = json.dumps(
            {"r": str(action.get("value", "")), "ch": channel_of(body), "ts": message_ts(body)}
        )
        view = reason_modal(texts.REJECT_TITLE, REJECT_CALLBACK, texts.REJECT_SUBMIT, metadata)
        deps.client.views_open(trigger_id=body["trigger_id"], view=view)
        ack()

    return on_reject


def _reason_listener(deps: Deps) -> Listener:
    def on_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        reason = reason_of(view)
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
    channel_id, ts = str(origin.get("ch", "")), str(origin.get("ts", ""))
    update_lead_message(deps, channel_id, ts, referral, note)
    line = texts.ROOM_REJECTED.format(
        referral_id=escape(referral.id),
        partner=partner_name(referral),
        who=who(user_id),
        reason=shown,
    )
    tell_case_rooms(deps, referral.case_id, line)
    to_sender = texts.REJECTED_TO_SENDER.format(
        user_id=user_id,
        referral_id=escape(referral.id),
        partner=partner_name(referral),
        reason=shown,
    )
    try:
        replies.post(deps.client, referral.created_by, Message(to_sender, [section(to_sender)]))
    except Exception:
        log.exception("could not tell %s that %s was rejected", referral.created_by, referral.id)
