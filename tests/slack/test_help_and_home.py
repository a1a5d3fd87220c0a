"""``/casebot help`` and the Home tab explain the commands."""

from __future__ import annotations

from typing import Any

from bot.testing.fake_slack import RecordedCall
from bot.testing.signing import event_callback, slash_command
from tests.slack.casebot_app import MEMBER, OTHER_CHANNEL, OUTSIDER, RunningCasebot, blocks_text


def app_home_opened(user: str, tab: str = "home") -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": tab}


def test_casebot_help_lists_every_command(casebot: RunningCasebot) -> None:
    help_text = casebot.send(slash_command("/casebot", "help", MEMBER, OTHER_CHANNEL)).text
    unknown = casebot.send(slash_command("/casebot", "dance", MEMBER, OTHER_CHANNEL)).text

    for command in ("@Casebot", "/ask", "/case link", "/case add", "/case files"):
        assert command in help_text
    assert "only know `/casebot help`" in unknown and "/ask" in unknown


def test_home_tab_is_published_with_the_help(casebot: RunningCasebot) -> None:
    casebot.send(event_callback(app_home_opened(MEMBER)))
    casebot.send(event_callback(app_home_opened(MEMBER, tab="messages")))
    casebot.send(event_callback(app_home_opened(OUTSIDER)))  # the marker, on the same pool

    [published] = casebot.slack.quiet_until_marker("views.publish", for_outsider, expected=1)
    view = published.json_param("view")
    assert published.params["user_id"] == MEMBER and view["type"] == "home"
    assert "/ask" in blocks_text(published) or "/ask" in str(view)


def for_outsider(call: RecordedCall) -> bool:
    return call.params.get("user_id") == OUTSIDER
