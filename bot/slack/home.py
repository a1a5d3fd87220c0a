"""The app's Home tab: the same help as ``/casebot help``, published on ``app_home_opened``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot.slack import texts
from bot.slack.blocks import Block, section
from bot.slack.commands import help_text
from bot.slack.deps import Deps

Listener = Callable[..., None]


def register(app: App, deps: Deps) -> None:
    app.event("app_home_opened")(_home_listener(deps))


def home_view() -> dict[str, Any]:
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": texts.HOME_HEADER}},
        *[section(part) for part in help_text().split("\n\n")],
    ]
    return {"type": "home", "blocks": blocks}


def _home_listener(deps: Deps) -> Listener:
    def on_home_opened(event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = str(event["user"])
        deps.pools.notices.submit(
            lambda: deps.client.views_publish(user_id=user_id, view=home_view())
        )

    return on_home_opened
