"""Socket Mode: the same app over a WebSocket, acked within Slack's three seconds."""

from __future__ import annotations

from bot.services import Services
from bot.slack.app import build_app
from bot.slack.socket import close, connect, socket_mode_handler
from bot.slack.work import Pools
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.payloads import APP_TOKEN, BOT_USER_ID, app_mention_event
from tests.slack.casebot_app import OTHER_CHANNEL, PUBLIC_QUESTION, blocks_text, slack_settings
from tests.slack.fake_socket_mode import FakeSocketModeServer


def test_mention_over_socket_mode_is_acked_and_answered(
    slack_services: Services,
    fake_slack: FakeSlackWebAPI,
    fake_socket: FakeSocketModeServer,
    pools: Pools,
) -> None:
    settings = slack_settings(slack_services.settings.casebot_home, fake_slack.url)
    app = build_app(settings, slack_services, pools=pools)
    handler = socket_mode_handler(app, settings.slack_app_token)
    try:
        connect(handler)
        fake_socket.wait_connected()
        mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)
        envelope = fake_socket.send_event(mention)
        ack = fake_socket.wait_for_ack(envelope)
        [answer] = fake_slack.wait_for("chat.update")
        ask_ack = fake_socket.wait_for_ack(fake_socket.send_slash_command("/casebot", "help"))
        fake_socket.drop_connections()  # else close() waits out the client's receive timeout
    finally:
        close(handler)

    assert ack.latency is not None and ack.latency < 3.0
    assert ask_ack.payload is not None and "/ask" in ask_ack.payload["text"]
    assert "500 counterfeit routers" in blocks_text(answer)
    [connections_open] = fake_slack.calls("apps.connections.open")
    assert connections_open.token == APP_TOKEN
