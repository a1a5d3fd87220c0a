"""The app's Home tab, published on ``app_home_opened``: the user's open referrals and those
awaiting their approval, then the same help as ``/casebot help``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App

from bot.slack import texts
from bot.slack.blocks import Block, section
from bot.slack.commands import help_text
from bot.slack.deps import Deps
from bot.slack.referrals.status import home_blocks
from casework.referrals.store import ReferralView
from casework.usecases.requester import Requester, Surface

Listener = Callable[..., None]


def register(app: App, deps: Deps) -> None:
    app.event("app_home_opened")(_home_listener(deps))


def home_view(user_id: str = "", referrals: list[ReferralView] | None = None) -> dict[str, Any]:
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": texts.HOME_HEADER}},
    ]
    if referrals is not None:
        blocks += [*home_blocks(user_id, referrals), {"type": "divider"}]
    blocks += [section(part) for part in help_text().split("\n\n")]
    return {"type": "home", "blocks": blocks}


def _home_listener(deps: Deps) -> Listener:
    def on_home_opened(event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = str(event["user"])
        channel_id = str(event.get("channel", ""))
        deps.pools.notices.submit(lambda: _publish(deps, user_id, channel_id))

    return on_home_opened


def _publish(deps: Deps, user_id: str, channel_id: str) -> None:
    requester = Requester.in_modal(user_id, channel_id, Surface.HOME)
    referrals = deps.services.referring.list(requester)
    deps.client.views_publish(user_id=user_id, view=home_view(user_id, referrals))
