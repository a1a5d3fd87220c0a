"""Referrals in Slack: ``/refer`` opens the form; the form, preview, approval, partner and
``/referral`` listeners live in their own modules and are registered here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.slack.deps import Deps
from bot.slack.mrkdwn import unescape
from bot.slack.referrals import (
    approval,
    partner_actions,
    rejection,
    status,
    submitting,
    texts,
)
from bot.slack.referrals.opening import FormRequest, open_form

Listener = Callable[..., None]


def register(app: App, deps: Deps) -> None:
    app.command("/refer")(_refer_listener(deps))
    for module in (submitting, approval, rejection, partner_actions, status):
        module.register(app, deps)


def _refer_listener(deps: Deps) -> Listener:
    def on_refer(ack: Ack, command: dict[str, Any]) -> None:
        words = unescape(str(command.get("text", ""))).split()
        channel_id = command["channel_id"]
        case_id = words[0] if words else _channel_case(deps, channel_id)
        if case_id is None:
            ack(text=texts.REFER_NEEDS_CASE)
            return
        request = FormRequest(command["user_id"], channel_id, command["trigger_id"], case_id)
        ack(text="" if open_form(deps, request) else texts.REFER_NOT_OPENED)

    return on_refer


def _channel_case(deps: Deps, channel_id: str) -> str | None:
    case = deps.services.cases.case_for_channel(channel_id)
    return case.id if case else None
