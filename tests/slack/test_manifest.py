"""manifest.yml creates an app with everything the code listens to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
SCOPES = {
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "im:history",
    "mpim:history",
    "chat:write",
    "commands",
    "files:read",
    "files:write",
    "reactions:write",
    "users:read",
    "channels:read",
    "groups:read",
    "im:write",
}
EVENTS = {
    "app_mention",
    "message.channels",
    "message.groups",
    "message.im",
    "file_shared",
    "app_home_opened",
}


def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def test_manifest_has_the_commands_scopes_events_and_interactivity() -> None:
    app = manifest()

    commands = {command["command"] for command in app["features"]["slash_commands"]}
    assert commands == {"/ask", "/case", "/lookup", "/casebot", "/refer", "/referral"}
    assert set(app["oauth_config"]["scopes"]["bot"]) == SCOPES
    assert set(app["settings"]["event_subscriptions"]["bot_events"]) == EVENTS
    assert app["settings"]["interactivity"]["is_enabled"] is True
    assert app["settings"]["socket_mode_enabled"] is True
    assert app["features"]["app_home"]["home_tab_enabled"] is True


def test_case_command_escapes_mentions_so_user_ids_arrive() -> None:
    [case] = [c for c in manifest()["features"]["slash_commands"] if c["command"] == "/case"]

    assert case["should_escape"] is True


def test_http_mode_instructions_point_at_the_events_path() -> None:
    text = MANIFEST.read_text(encoding="utf-8")

    assert text.count("https://HOST/slack/events") >= 5
