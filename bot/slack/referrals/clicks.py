"""Reading a button press: where it happened, and telling the presser why it was refused."""

from __future__ import annotations

from typing import Any

from bot.slack import replies
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts
from casework.errors import CasebotError


def channel_of(body: dict[str, Any]) -> str:
    channel = body.get("channel") or {}
    return str(channel.get("id") or (body.get("container") or {}).get("channel_id", ""))


def message_ts(body: dict[str, Any]) -> str:
    container = body.get("container") or {}
    return str(container.get("message_ts") or (body.get("message") or {}).get("ts") or "")


def refuse(deps: Deps, body: dict[str, Any], error: CasebotError) -> None:
    """The use case's reason, to the presser only (through the response_url where Slack will
    not post an ephemeral message, as for a Slack Connect partner)."""
    text = texts.RESPONSE_FAILED.format(reason=escape(str(error)))
    replies.tell(
        deps.client,
        channel_of(body),
        body["user"]["id"],
        text,
        response_url=body.get("response_url"),
    )
