"""Posting cross-case hits in the case rooms (the outbox :class:`~casework.entities.hits.
HitNotices`), after each shared file is ingested and every ``CASEBOT_SLACK_HIT_NOTICE_SECONDS``.

A notice is claimed before it is posted, so with several replicas each is posted once. The room
of case A sees only what it may: the identifier (from its own material) and, for the other case,
its id when the other side includes public material, otherwise only that a case it may not be on
has it and who leads that case.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk.errors import SlackApiError

from bot.lookups import kind_label
from bot.slack import replies, texts
from bot.slack.blocks import Message, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape, is_safe_id
from casework.entities.hits import PendingNotice
from casework.entities.names import NAME_KINDS

log = logging.getLogger(__name__)


def post_pending_notices(deps: Deps) -> int:
    """Post every notice waiting in the outbox; returns how many were posted."""
    return deps.services.hit_notice_delivery.deliver_pending(lambda notice: _post(deps, notice))


def notice_text(notice: PendingNotice) -> str:
    hit = notice.hit
    if notice.other_side_public:
        where = texts.HIT_OTHER_PUBLIC.format(case_id=escape(notice.other_case))
    elif leads := [lead for lead in notice.other_case_leads if is_safe_id(lead)]:
        mentions = ", ".join(texts.USER_MENTION.format(user_id=lead) for lead in leads)
        where = texts.HIT_OTHER_RESTRICTED_LEADS.format(leads=mentions)
    else:
        where = texts.HIT_OTHER_RESTRICTED
    shown = hit.entity_display if hit.entity_kind in NAME_KINDS else hit.entity_value
    return texts.HIT_NOTICE.format(
        label=kind_label(hit.entity_kind), value=escape(shown), where=where
    )


class NoticePoller:
    """Drains the outbox every ``interval`` seconds on its own daemon thread, until stopped."""

    def __init__(self, deps: Deps, interval: float, stop: threading.Event | None = None) -> None:
        self._deps = deps
        self._interval = interval
        self._stop = stop or threading.Event()
        self._thread = threading.Thread(target=self._run, name="hit-notices", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                post_pending_notices(self._deps)
            except Exception:
                log.exception("posting cross-case hit notices failed; retrying later")


def _post(deps: Deps, notice: PendingNotice) -> str | None:
    """None when posted; Slack's error code when refused."""
    text = notice_text(notice)
    try:
        replies.post(deps.client, notice.channel_id, Message(text=text, blocks=[section(text)]))
    except SlackApiError as error:
        code = replies.slack_error_code(error)
        log.warning("hit notice %s not posted in %s: %s", notice.id, notice.channel_id, code)
        return code
    return None
