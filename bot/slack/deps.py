"""What every listener needs, built once by :func:`bot.slack.app.build_app`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from slack_sdk import WebClient

from bot.services import Services
from bot.slack.dedupe import SlackDedupe
from bot.slack.threads import ThreadMemory
from bot.slack.work import Pools
from casework.referrals.worker import OutboxWorker
from casework.sources.worker import SourceWorker


@dataclass(frozen=True)
class SlackOptions:
    """The few settings the listeners act on."""

    answer_bots: bool
    """Answer messages posted by other bots."""
    max_file_bytes: int
    files_folder: Path
    """Where files shared in case rooms are downloaded before they are ingested."""


@dataclass(frozen=True)
class Deps:
    options: SlackOptions
    services: Services
    client: WebClient
    pools: Pools
    threads: ThreadMemory
    dedupe: SlackDedupe
    outbox: OutboxWorker
    """Drains the referral outbox; listeners :meth:`~OutboxWorker.wake` it after a submission
    or an approval."""
    source_worker: SourceWorker | None = None
    """This process's source worker, if it runs one: ``/casebot sources run`` wakes it."""
