"""Handing work to the pools after the ack, once per Slack event."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.slack import replies, texts
from bot.slack.deps import Deps
from bot.slack.question import Question

log = logging.getLogger(__name__)


def submit_answer(deps: Deps, question: Question, task: Callable[[], None]) -> None:
    """Run ``task`` on the answers pool; if it is full, tell the asker Casebot is busy."""
    if deps.pools.answers.submit(task):
        return
    if not deps.pools.notices.submit(lambda: _tell(deps, question, texts.BUSY)):
        log.error("overloaded: %s was not told that their question was refused", question.user_id)


def tell_soon(deps: Deps, question: Question, text: str) -> None:
    """Tell the asker something, off the ack path."""
    deps.pools.notices.submit(lambda: _tell(deps, question, text))


def first_delivery(deps: Deps, event_id: str | None) -> bool:
    """False for an event Slack delivered again (or another replica took); see
    :class:`bot.slack.dedupe.SlackDedupe`."""
    if not event_id:
        return True
    if deps.dedupe.first_time(event_id):
        return True
    log.info("event %s delivered again: ignored", event_id)
    return False


def _tell(deps: Deps, question: Question, text: str) -> None:
    replies.tell(
        deps.client,
        question.channel_id,
        question.user_id,
        text,
        thread_ts=question.thread_ts,
        response_url=question.response_url,
    )
