"""What every listener needs, built once by :func:`bot.slack.app.build_app`."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient

from bot.services import Services
from bot.slack.dedupe import SlackDedupe
from bot.slack.threads import ThreadMemory
from bot.slack.work import Pools
from casework.settings import Settings


@dataclass(frozen=True)
class Deps:
    settings: Settings
    services: Services
    client: WebClient
    pools: Pools
    threads: ThreadMemory
    dedupe: SlackDedupe
