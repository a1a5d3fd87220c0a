"""The bodies Slack sends to an app, as plain data, shared by HTTP mode and Socket Mode.

The same payload travels two ways:

- HTTP mode: `bot.testing.signing` serialises it (JSON for events, form fields for slash
  commands, `payload=<json>` for interactivity) and signs it.
- Socket Mode: `tests.slack.fake_socket_mode` wraps it in an envelope
  (`{"envelope_id", "type", "payload", "accepts_response_payload"}`) unchanged.

Identities are fixed so that assertions can name them: the workspace is `TEAM_ID` ("T1"), the
app is `APP_ID` ("A1"), the bot user is `BOT_USER_ID` ("UBOT") with bot id `BOT_ID` ("BBOT"),
which is what the fake `auth.test` answers, so bolt's "ignore my own messages" middleware
recognises messages from `BOT_USER_ID`.

Example::

    event = message_event("look up case 42", user="U1", channel="C1")
    payload = event_callback_payload(event)          # what Slack POSTs to /slack/events
"""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any

TEAM_ID = "T1"
TEAM_DOMAIN = "casebot-test"
PARTNER_TEAM_ID = "T2PARTNER"
"""Another organisation's workspace: its people reach Casebot through a Slack Connect channel."""
PARTNER_TEAM_DOMAIN = "partner-agency"
APP_ID = "A1"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
BOT_TOKEN = "xoxb-test"
APP_TOKEN = "xapp-test"
SIGNING_SECRET = "casebot-test-signing-secret"
VERIFICATION_TOKEN = "legacy-verification-token"

UNSET_RESPONSE_URL = "http://127.0.0.1:9/response-url-not-set"
"""Default `response_url`: port 9 on loopback refuses connections, so an app that answers through
`respond()` without the test passing `response_url=fake_slack.response_url()` fails fast instead
of reaching hooks.slack.com."""

_counter = itertools.count(1)
_counter_lock = threading.Lock()


def _next_number() -> int:
    with _counter_lock:
        return next(_counter)


def new_ts() -> str:
    """A fresh, unique, increasing Slack message timestamp such as "1718000000.000042"."""
    return f"{int(time.time())}.{_next_number():06d}"


def new_id(prefix: str) -> str:
    """A fresh Slack-style identifier: `new_id("Ev")` -> "Ev000043"."""
    return f"{prefix}{_next_number():06d}"


def message_event(
    text: str,
    *,
    user: str = "U1",
    channel: str = "C1",
    ts: str | None = None,
    thread_ts: str | None = None,
    channel_type: str = "channel",
    files: list[dict[str, Any]] | None = None,
    subtype: str | None = None,
    bot_id: str | None = None,
) -> dict[str, Any]:
    """A `message` event as it appears under `event` in an `event_callback`.

    Pass `thread_ts` for a reply in a thread, `channel_type="im"` (and a "D..." channel) for a
    direct message, `files=[fake_slack.add_file(...)]` with `subtype="file_share"` for an upload,
    and `user=BOT_USER_ID, bot_id=BOT_ID` for a message the bot itself posted.
    """
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "text": text,
        "user": user,
        "ts": ts,
        "event_ts": ts,
        "channel": channel,
        "channel_type": channel_type,
        "team": TEAM_ID,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    if files is not None:
        event["files"] = files
    if subtype is not None:
        event["subtype"] = subtype
    if bot_id is not None:
        event["bot_id"] = bot_id
    return event


def app_mention_event(
    text: str,
    *,
    user: str = "U1",
    channel: str = "C1",
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """An `app_mention` event; `text` should contain `<@UBOT>` as Slack's does."""
    event = message_event(text, user=user, channel=channel, ts=ts, thread_ts=thread_ts)
    event["type"] = "app_mention"
    del event["channel_type"]
    return event


def event_callback_payload(
    event: dict[str, Any],
    *,
    event_id: str | None = None,
    team: str = TEAM_ID,
    event_time: int | None = None,
) -> dict[str, Any]:
    """The Events API outer body around `event` (`"type": "event_callback"`).

    Reuse the same `event_id` to simulate Slack redelivering one event.
    """
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_id("Ev"),
        "event_time": event_time if event_time is not None else int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": new_id("4-eyJ"),
    }


def slash_command_payload(
    command: str,
    text: str = "",
    *,
    user_id: str = "U1",
    channel_id: str = "C1",
    user_name: str | None = None,
    channel_name: str | None = None,
    team: str = TEAM_ID,
    response_url: str = UNSET_RESPONSE_URL,
    trigger_id: str | None = None,
) -> dict[str, str]:
    """The form fields of a slash command invocation (`command` includes the slash: "/case")."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name or channel_id.lower(),
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": trigger_id or new_id("trigger."),
    }


def block_action_payload(
    action_id: str,
    value: str | None = None,
    *,
    user_id: str = "U1",
    channel_id: str = "C1",
    message_ts: str | None = None,
    block_id: str | None = None,
    action_type: str = "button",
    team: str = TEAM_ID,
    response_url: str = UNSET_RESPONSE_URL,
    message: dict[str, Any] | None = None,
    state_values: dict[str, Any] | None = None,
    user_team: str | None = None,
    trigger_id: str | None = None,
) -> dict[str, Any]:
    """A `block_actions` interaction: a click on `action_id` in the bot's message `message_ts`.

    `message` defaults to a minimal bot message with that ts; pass the blocks the app posted if
    the listener reads them back. `user_team` is the clicker's own workspace when it is not
    `team` (an external member of a Slack Connect channel, e.g. `PARTNER_TEAM_ID`): Slack then
    sends the clicker's team as `user.team_id` and `team`, and flags the channel as shared.
    """
    message_ts = message_ts or new_ts()
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id or new_id("b"),
        "type": action_type,
        "action_ts": new_ts(),
    }
    if value is not None:
        action["value"] = value
    clicker_team = user_team or team
    payload = {
        "type": "block_actions",
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": clicker_team,
        },
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "trigger_id": trigger_id or new_id("trigger."),
        "team": _team(clicker_team),
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": channel_id.lower()},
        "message": message
        or {
            "type": "message",
            "ts": message_ts,
            "text": "",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
        },
        "state": {"values": state_values or {}},
        "response_url": response_url,
        "actions": [action],
    }
    if user_team is not None and user_team != team:
        payload["is_ext_shared_channel"] = True
    return payload


def view_submission_payload(
    view: dict[str, Any],
    state_values: dict[str, Any] | None = None,
    *,
    user_id: str = "U1",
    team: str = TEAM_ID,
    user_team: str | None = None,
) -> dict[str, Any]:
    """A `view_submission`: the user pressed the modal's submit button.

    `view` is the modal as Slack keeps it (`FakeSlackWebAPI.view(view_id)`: with its `id`,
    `hash`, `callback_id` and `private_metadata`); `state_values` is what the user entered,
    `{block_id: {action_id: {...}}}` (see `input_value`, `selected`, `multi_selected`).
    """
    clicker_team = user_team or team
    return {
        "type": "view_submission",
        "team": _team(clicker_team),
        "user": {
            "id": user_id,
            "username": user_id.lower(),
            "name": user_id.lower(),
            "team_id": clicker_team,
        },
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": new_id("trigger."),
        "view": {**view, "state": {"values": state_values or {}}},
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


def input_value(action_type: str, value: str | None) -> dict[str, Any]:
    """A text input's state (`plain_text_input`): `{"type": ..., "value": ...}`."""
    return {"type": action_type, "value": value}


def selected(action_type: str, option: dict[str, Any] | None) -> dict[str, Any]:
    """A single choice's state (`static_select`, `radio_buttons`): the chosen option object."""
    return {"type": action_type, "selected_option": option}


def multi_selected(action_type: str, options: list[dict[str, Any]]) -> dict[str, Any]:
    """A multiple choice's state (`multi_static_select`, `checkboxes`)."""
    return {"type": action_type, "selected_options": options}


def _team(team_id: str) -> dict[str, str]:
    domain = PARTNER_TEAM_DOMAIN if team_id == PARTNER_TEAM_ID else TEAM_DOMAIN
    return {"id": team_id, "domain": domain}


def url_verification_payload(challenge: str) -> dict[str, Any]:
    """The handshake Slack sends when the Request URL is saved; the app must echo `challenge`."""
    return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
