"""Socket Mode: Casebot opens a WebSocket to Slack (``apps.connections.open`` with the app-level
token) and receives events, commands and interactivity over it; no public URL is needed.

bolt's built-in client acks each envelope after dispatch; the listeners return at once (the work
runs on the pools), so acks stay well inside Slack's three seconds. The client reconnects when
Slack asks it to or the connection drops.
"""

from __future__ import annotations

from pydantic import SecretStr
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.slack import texts
from bot.slack.app import SlackConfigError

CONCURRENCY = 10


def socket_mode_handler(app: App, app_token: SecretStr | None) -> SocketModeHandler:
    if app_token is None:
        raise SlackConfigError(texts.CONFIG_NO_APP_TOKEN)
    return SocketModeHandler(app, app_token.get_secret_value(), concurrency=CONCURRENCY)


def connect(handler: SocketModeHandler) -> None:
    """Open the connection and return (the client works on its own threads)."""
    handler.client.connect()


def close(handler: SocketModeHandler) -> None:
    handler.client.close()
