"""The partner's buttons on the referral in its channel: Acknowledge, Accept, Decline… (which
asks for a reason in a modal). Partners' people are often in another workspace (a Slack Connect
channel) and are no case's members: they cannot run Casebot's commands, so everything they do is
a button or a modal opened from one. Whether the press counts is the use case's decision: it
must come from one of that partner's channels.

After a press the partner's message shows the new status and who pressed (the buttons go once
the referral is accepted or declined), and the case's rooms are told."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from slack_bolt import Ack, App

from bot.slack import replies
from bot.slack.blocks import Message, context
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts
from bot.slack.referrals.blocks import (
    ACCEPT_ACTION,
    ACKNOWLEDGE_ACTION,
    DECLINE_ACTION,
    partner_message,
)
from bot.slack.referrals.clicks import channel_of, message_ts, refuse
from bot.slack.referrals.notices import partner_name, tell_case_rooms, who
from bot.slack.referrals.views import REASON_BLOCK, reason_modal, reason_of
from casework.errors import CasebotError
from casework.referrals.lifecycle import FINISHED, Status
from casework.referrals.store import ReferralView
from casework.referrals.stored import package_from_json

log = logging.getLogger(__name__)

Listener = Callable[..., None]
DECLINE_CALLBACK: Final = "casebot_referral_decline_reason"
RESPONSES: Final = {ACKNOWLEDGE_ACTION: Status.ACKNOWLEDGED, ACCEPT_ACTION: Status.ACCEPTED}


@dataclass(frozen=True)
class Press:
    """Who pressed which referral's button, in which message."""

    user_id: str
    user_name: str
    channel_id: str
    message_ts: str
    referral_id: str

    def as_json(self) -> dict[str, str]:
        return {
            "u": self.user_id,
            "n": self.user_name,
            "ch": self.channel_id,
            "ts": self.message_ts,
            "r": self.referral_id,
        }


def register(app: App, deps: Deps) -> None:
    for action_id in RESPONSES:
        app.action(action_id)(_response_listener(deps))
    app.action(DECLINE_ACTION)(_decline_listener(deps))
    app.view(DECLINE_CALLBACK)(_decline_reason_listener(deps))


def _response_listener(deps: Deps) -> Listener:
    def on_response(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        press = _press(body, str(action.get("value", "")))
        response = RESPONSES[action["action_id"]]
        deps.pools.notices.submit(lambda: _respond(deps, body, press, response))

    return on_response


def _respond(deps: Deps, body: dict[str, Any], press: Press, response: Status) -> None:
    try:
        referral = deps.services.referring.partner_response(
            press.user_id, press.channel_id, press.referral_id, response.value
        )
    except CasebotError as error:
        refuse(deps, body, error)
        return
    _told(deps, press, referral, None)


def _decline_listener(deps: Deps) -> Listener:
    def on_decline(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        press = _press(body, str(action.get("value", "")))
        metadata = json.dumps(press.as_json())
        view = reason_modal(texts.DECLINE_TITLE, DECLINE_CALLBACK, texts.DECLINE_SUBMIT, metadata)
        deps.client.views_open(trigger_id=body["trigger_id"], view=view)
        ack()

    return on_decline


def _decline_reason_listener(deps: Deps) -> Listener:
    def on_reason(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        reason = reason_of(view)
        if not reason:
            ack(response_action="errors", errors={REASON_BLOCK: texts.NEEDS_REASON})
            return
        kept = json.loads(view.get("private_metadata") or "{}")
        press = Press(kept["u"], kept["n"], kept["ch"], kept["ts"], kept["r"])
        try:
            referral = deps.services.referring.partner_response(
                body["user"]["id"], press.channel_id, press.referral_id, "declined", reason
            )
        except CasebotError as error:
            ack(response_action="errors", errors={REASON_BLOCK: str(error)})
            return
        ack(response_action="clear")
        deps.pools.notices.submit(lambda: _told(deps, press, referral, reason))

    return on_reason


def _told(deps: Deps, press: Press, referral: ReferralView, reason: str | None) -> None:
    """The partner's message updated, the case's rooms told."""
    presser = who(press.user_id, press.user_name)
    word = texts.PARTNER_STATUS_WORDS.get(referral.status.value, referral.status.value)
    status = texts.PARTNER_STATUS.format(status=word, who=presser)
    if reason:
        status = texts.PARTNER_DECLINE_REASON.format(status=status, reason=escape(reason))
    _update_partner_message(deps, press, referral, status)
    line = texts.ROOM_DECIDED.format(
        referral_id=escape(referral.id),
        partner=partner_name(referral),
        decision=referral.status.value,
        who=presser,
    )
    if reason:
        line = texts.ROOM_DECLINED.format(
            referral_id=escape(referral.id),
            partner=partner_name(referral),
            who=presser,
            reason=escape(reason),
        )
    tell_case_rooms(deps, referral.case_id, line)


def _update_partner_message(deps: Deps, press: Press, referral: ReferralView, status: str) -> None:
    if referral.package is None or not press.message_ts:
        return
    message = partner_message(package_from_json(referral.package))
    blocks = message.blocks
    if referral.status in FINISHED:
        blocks = [block for block in blocks if block.get("type") != "actions"]
    blocks.append(context(status))
    try:
        replies.replace(
            deps.client, press.channel_id, press.message_ts, Message(message.text, blocks)
        )
    except Exception:
        log.exception("could not update the partner's message of %s", referral.id)


def _press(body: dict[str, Any], referral_id: str) -> Press:
    user = body.get("user") or {}
    return Press(
        user_id=str(user.get("id", "")),
        user_name=str(user.get("name") or user.get("username") or ""),
        channel_id=channel_of(body),
        message_ts=message_ts(body),
        referral_id=referral_id,
    )
