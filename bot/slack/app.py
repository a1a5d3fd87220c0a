"""The Slack app: a bolt ``App`` whose listeners ack at once and answer on bounded pools.

``process_before_response=True``: bolt runs each listener on the thread that received the
request and sends the ack when it returns. Listeners only read the payload and hand the slow
work to :class:`~bot.slack.work.Pools`, so the ack leaves within milliseconds whatever the load,
and the number of threads doing work is fixed (``CASEBOT_SLACK_WORKERS``) instead of one per
request.

bolt does not deduplicate redelivered events; the workers do, by ``event_id``
(:func:`bot.slack.queueing.first_delivery`). Every Web API call goes to
``CASEBOT_SLACK_API_URL`` and a 429 is retried after its ``Retry-After``.
"""

from __future__ import annotations

import logging
import threading
from typing import Final

from pydantic import SecretStr
from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.services import Services
from bot.slack import actions, commands, files, home, lookup, mentions, texts
from bot.slack.dedupe import SlackDedupe
from bot.slack.deps import Deps, SlackOptions
from bot.slack.hit_notices import NoticePoller
from bot.slack.referrals import listeners as referrals
from bot.slack.referrals.notices import tell_sender_delivery_failed
from bot.slack.referrals.sender import SlackChannelSender
from bot.slack.threads import ThreadMemory
from bot.slack.work import Pools
from casework.errors import CasebotError
from casework.referrals.delivery import TargetKind
from casework.referrals.worker import OutboxWorker
from casework.settings import Settings
from casework.sources.worker import SourceWorker

RATE_LIMIT_RETRIES: Final = 2
SHARED_FILES_FOLDER: Final = "slack-files"
WEB_API_TIMEOUT_SECONDS: Final = 30


class SlackConfigError(CasebotError, RuntimeError):
    """A setting Slack needs is missing; the message names it."""


def build_client(bot_token: SecretStr | None, api_url: str) -> WebClient:
    """The Web API client: the bot token, ``CASEBOT_SLACK_API_URL``, retries on 429 and lost
    connections."""
    if bot_token is None:
        raise SlackConfigError(texts.CONFIG_NO_BOT_TOKEN)
    return WebClient(
        token=bot_token.get_secret_value(),
        base_url=api_url,
        timeout=WEB_API_TIMEOUT_SECONDS,
        retry_handlers=[
            ConnectionErrorRetryHandler(),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def build_app(
    settings: Settings,
    services: Services,
    client: WebClient | None = None,
    pools: Pools | None = None,
    post_hit_notices: bool = False,
    deliver_referrals: bool = False,
    source_worker: SourceWorker | None = None,
    stop_hit_notices: threading.Event | None = None,
) -> App:
    """Build the app; calls ``auth.test`` once to check the token. Whoever passes ``pools``
    shuts them down; default pools live as long as the process. With ``post_hit_notices``,
    cross-case hits are posted every ``CASEBOT_SLACK_HIT_NOTICE_SECONDS`` (``0``: never), and
    with ``deliver_referrals`` the referral outbox is drained (Slack, e-mail and webhook
    deliveries), each by a daemon thread that lives as long as the process (the hit notices' one
    until ``stop_hit_notices`` is set). ``source_worker``: this process's worker of scheduled
    sources, woken by ``/casebot sources run``."""
    client = client or build_client(settings.slack_bot_token, settings.slack_api_url)
    failures = _FailureNotices()
    senders = {**services.referral_senders(), TargetKind.SLACK: SlackChannelSender(client)}
    drainer = services.referral_drainer(senders, on_failed=failures)
    deps = Deps(
        options=SlackOptions(
            answer_bots=settings.slack_answer_bots,
            max_file_bytes=settings.max_file_bytes,
            files_folder=settings.casebot_home / SHARED_FILES_FOLDER,
        ),
        services=services,
        client=client,
        pools=pools or Pools.sized(settings.slack_workers, settings.slack_queue_limit),
        threads=ThreadMemory(),
        dedupe=SlackDedupe(services.claims),
        outbox=OutboxWorker(drainer, settings.referral_poll_seconds),
        source_worker=source_worker,
    )
    failures.deps = deps
    secret = settings.slack_signing_secret
    app = App(
        client=client,
        signing_secret=secret.get_secret_value() if secret is not None else "",
        process_before_response=True,
        logger=logging.getLogger("bot.slack.bolt"),
    )
    for module in (mentions, commands, lookup, actions, files, home, referrals):
        module.register(app, deps)
    if post_hit_notices and settings.slack_hit_notice_seconds > 0:
        NoticePoller(deps, settings.slack_hit_notice_seconds, stop_hit_notices).start()
    if deliver_referrals:
        deps.outbox.start()
    return app


class _FailureNotices:
    """The outbox's ``on_failed``: built before the listeners' dependencies it needs."""

    deps: Deps | None = None

    def __call__(self, referral_id: str, error: str) -> None:
        if self.deps is not None:
            tell_sender_delivery_failed(self.deps, referral_id, error)
