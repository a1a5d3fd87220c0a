"""Answering a question asked in Slack, after the ack, on the answers pool.

One call to :meth:`Asking.ask <casework.usecases.asking.Asking.ask>` does the work (need-to-know,
audit, the thread follow-up's retry, where the answer may be shown); this module renders and
delivers what it returns. If anything fails, the asker gets an ephemeral message saying what
happened — never silence.

- :func:`answer_in_conversation` (mentions, thread follow-ups, direct messages): a "Searching…"
  placeholder in the thread, replaced by the answer.
- :func:`answer_command` (``/ask``): in the channel or to the asker alone, as the use case
  decided.
"""

from __future__ import annotations

import logging

from slack_sdk.errors import SlackApiError

from bot.slack import replies, texts
from bot.slack.blocks import Message, answer_message
from bot.slack.deps import Deps
from bot.slack.failures import explain_answer_failure
from bot.slack.question import Question
from casework.usecases.asking import AskOutcome
from casework.usecases.visibility import Visibility

log = logging.getLogger(__name__)

NOT_A_MEMBER_ERRORS = frozenset({"not_in_channel", "channel_not_found"})


def answer_in_conversation(deps: Deps, question: Question) -> None:
    placeholder: str | None = None
    try:
        placeholder = replies.post_placeholder(deps.client, question.channel_id, question.thread_ts)
        outcome = deps.services.asking.ask(question.request)
        # Remembered before the answer shows, so a follow-up sent the moment it appears is
        # known to be in Casebot's thread.
        _remember_thread(deps, question, placeholder)
        replies.replace(deps.client, question.channel_id, placeholder, _message(question, outcome))
    except Exception as error:
        _report_failure(deps, question, error, placeholder)


def answer_command(deps: Deps, question: Question) -> None:
    try:
        outcome = deps.services.asking.ask(question.request)
        message = _message(question, outcome)
        if outcome.visibility is Visibility.CHANNEL:
            _post_in_channel(deps, question, message)
        else:
            _post_to_asker(deps, question, message)
    except Exception as error:
        _report_failure(deps, question, error, None)


def _message(question: Question, outcome: AskOutcome) -> Message:
    """In the channel, the answer names who asked what; elsewhere the asker knows."""
    shown_to_channel = outcome.visibility is Visibility.CHANNEL
    asked_by = (question.user_id, question.text) if shown_to_channel else None
    return answer_message(outcome.answer, outcome.question_audit_id, outcome.withheld, asked_by)


def _post_in_channel(deps: Deps, question: Question, message: Message) -> None:
    try:
        replies.post(deps.client, question.channel_id, message)
    except SlackApiError as error:
        if not question.response_url or replies.slack_error_code(error) not in NOT_A_MEMBER_ERRORS:
            raise
        replies.respond(question.response_url, message, replies.IN_CHANNEL)


def _post_to_asker(deps: Deps, question: Question, message: Message) -> None:
    replies.post_to_asker(
        deps.client,
        question.channel_id,
        question.user_id,
        message,
        question.thread_ts,
        question.response_url,
    )


def _remember_thread(deps: Deps, question: Question, placeholder_ts: str) -> None:
    first_question = question.context or question.text
    thread_ts = question.thread_ts or placeholder_ts
    deps.threads.remember(question.channel_id, thread_ts, first_question)


def _report_failure(
    deps: Deps, question: Question, error: BaseException, placeholder: str | None
) -> None:
    text = explain_answer_failure(error, question.text)
    if placeholder is not None:
        failed = Message(text=texts.PLACEHOLDER_FAILED, blocks=[])
        try:
            replies.replace(deps.client, question.channel_id, placeholder, failed)
        except Exception:
            log.exception("could not replace the placeholder %s", placeholder)
    replies.tell(
        deps.client,
        question.channel_id,
        question.user_id,
        text,
        thread_ts=question.thread_ts,
        response_url=question.response_url,
    )
