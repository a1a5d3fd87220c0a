"""Posting to Slack: placeholders, answers and messages only the asker sees.

:func:`tell` is the path of last resort (errors, "busy"): it never raises. It posts an ephemeral
message through the Web API, and when Slack refuses (the bot is not in the channel, for
instance) it falls back to the command's or action's ``response_url``, which works anywhere.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.slack import texts
from bot.slack.blocks import Message

log = logging.getLogger(__name__)

EPHEMERAL = "ephemeral"
IN_CHANNEL = "in_channel"


def post_placeholder(client: WebClient, channel_id: str, thread_ts: str | None) -> str:
    """Post "Searching…" (in the thread, if any); returns its ts, to update with the answer."""
    response = client.chat_postMessage(
        channel=channel_id, thread_ts=thread_ts, text=texts.SEARCHING
    )
    return str(response["ts"])


def replace(client: WebClient, channel_id: str, ts: str, message: Message) -> None:
    client.chat_update(channel=channel_id, ts=ts, text=message.text, blocks=message.blocks)


def post(client: WebClient, channel_id: str, message: Message) -> None:
    client.chat_postMessage(channel=channel_id, text=message.text, blocks=message.blocks)


def post_ephemeral(
    client: WebClient, channel_id: str, user_id: str, message: Message, thread_ts: str | None
) -> None:
    client.chat_postEphemeral(
        channel=channel_id,
        user=user_id,
        text=message.text,
        blocks=message.blocks,
        thread_ts=thread_ts,
    )


def post_to_asker(
    client: WebClient,
    channel_id: str,
    user_id: str,
    message: Message,
    thread_ts: str | None,
    response_url: str | None,
) -> None:
    """Ephemeral to the asker; through the ``response_url`` when Slack refuses (not a member)."""
    try:
        post_ephemeral(client, channel_id, user_id, message, thread_ts)
    except SlackApiError:
        if not response_url:
            raise
        respond(response_url, message, EPHEMERAL)


def respond(response_url: str, message: Message, response_type: str) -> None:
    """Answer through a ``response_url`` (works where the bot is not a member)."""
    response = WebhookClient(response_url).send(
        text=message.text, blocks=message.blocks, response_type=response_type
    )
    if response.status_code != 200:
        raise RuntimeError(f"response_url answered HTTP {response.status_code}: {response.body}")


def tell(
    client: WebClient,
    channel_id: str,
    user_id: str,
    text: str,
    *,
    thread_ts: str | None = None,
    response_url: str | None = None,
) -> bool:
    """Show ``text`` to ``user_id`` only; True if it reached them. Never raises."""
    message = Message(text=text, blocks=[])
    try:
        client.chat_postEphemeral(channel=channel_id, user=user_id, text=text, thread_ts=thread_ts)
        return True
    except SlackApiError as error:
        log.warning("chat.postEphemeral to %s in %s refused: %s", user_id, channel_id, error)
    except Exception:
        log.exception("chat.postEphemeral to %s in %s failed", user_id, channel_id)
    if response_url:
        try:
            respond(response_url, message, EPHEMERAL)
            return True
        except Exception:
            log.exception("response_url failed too; %s was not told: %s", user_id, text)
    return False


def slack_error_code(error: SlackApiError) -> str:
    data: Any = error.response.data if error.response is not None else None
    if isinstance(data, dict):
        return str(data.get("error", "unknown_error"))
    return "unknown_error"
