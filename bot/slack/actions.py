"""Buttons on an answer: 👍/👎 (stored with the question's audit id) and "Refer to a partner",
which opens the referral form with the answer's cited documents selected (see
:mod:`bot.slack.referrals.opening`); its case is the channel's, else that of the cited notes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.slack import replies, texts
from bot.slack.blocks import FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION, REFER_ACTION
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.referrals.opening import FormRequest, open_form
from casework.errors import CaseworkError
from casework.usecases.requester import Requester, Surface

Listener = Callable[..., None]
FEEDBACK_VALUES = {FEEDBACK_UP_ACTION: "up", FEEDBACK_DOWN_ACTION: "down"}


def register(app: App, deps: Deps) -> None:
    app.action(FEEDBACK_UP_ACTION)(_feedback_listener(deps))
    app.action(FEEDBACK_DOWN_ACTION)(_feedback_listener(deps))
    app.action(REFER_ACTION)(_refer_listener(deps))


def _feedback_listener(deps: Deps) -> Listener:
    def on_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        value = FEEDBACK_VALUES[action["action_id"]]
        user_id, channel_id = body["user"]["id"], _channel(body)
        try:
            audit_id = int(action.get("value", ""))
            requester = Requester.in_slack(user_id, channel_id, Surface.BUTTON)
            deps.services.feedback.give(audit_id, value, requester)
            text = texts.FEEDBACK_THANKS.format(value=value)
        except (ValueError, CaseworkError) as error:
            text = texts.FEEDBACK_FAILED.format(reason=escape(str(error)))
        _tell_clicker(deps, body, text)

    return on_feedback


def _refer_listener(deps: Deps) -> Listener:
    def on_refer(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        channel_id = _channel(body)
        case = deps.services.cases.case_for_channel(channel_id)
        request = FormRequest(
            user_id=body["user"]["id"],
            channel_id=channel_id,
            trigger_id=body["trigger_id"],
            case_id=case.id if case else None,
            question_audit_id=_audit_id(action),
        )
        open_form(deps, request)
        ack()

    return on_refer


def _audit_id(action: dict[str, Any]) -> int | None:
    try:
        return int(action.get("value", ""))
    except ValueError:
        return None


def _tell_clicker(deps: Deps, body: dict[str, Any], text: str) -> None:
    container = body.get("container") or {}
    thread_ts = (body.get("message") or {}).get("thread_ts")
    deps.pools.notices.submit(
        lambda: replies.tell(
            deps.client,
            _channel(body),
            body["user"]["id"],
            text,
            thread_ts=thread_ts if not container.get("is_ephemeral") else None,
            response_url=body.get("response_url"),
        )
    )


def _channel(body: dict[str, Any]) -> str:
    channel = body.get("channel") or {}
    return str(channel.get("id") or (body.get("container") or {}).get("channel_id", ""))
