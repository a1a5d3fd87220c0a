"""Answering a question asked in Slack, after the ack, on the answers pool.

A follow-up in a thread is asked on its own first and, if that finds no answer, again with the
question that started the thread in front of it (see :mod:`bot.slack.threads`).

Every path records the question first (its audit id goes on the feedback buttons), asks
:meth:`AnswerService.ask <retrieval.answering.service.AnswerService.ask>` with the viewer the
caller chose, records the access decision and the answer, then delivers. If anything fails, the
asker gets an ephemeral message saying what happened — never silence.

- :func:`answer_in_conversation` (mentions, thread follow-ups, direct messages): a "Searching…"
  placeholder in the thread, replaced by the answer.
- :func:`answer_command` (``/ask``): posted in the channel only when everything cited is
  ``PUBLIC``, otherwise shown to the asker alone; in a direct-message channel always to the
  asker alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.slack import replies, texts
from bot.slack.blocks import Message, answer_message, withheld_notices
from bot.slack.deps import Deps
from bot.slack.failures import explain_answer_failure
from bot.slack.question import Question
from bot.slack.records import Visibility, record_answer, record_failure, record_question
from casework.access import Viewer
from casework.markings import Marking
from retrieval.answering.model import Answer

log = logging.getLogger(__name__)

Decide = Callable[[Answer], Visibility]
NOT_A_MEMBER_ERRORS = frozenset({"not_in_channel", "channel_not_found"})


def answer_in_conversation(
    deps: Deps, question: Question, viewer: Viewer, visibility: Visibility
) -> None:
    placeholder: str | None = None
    try:
        placeholder = replies.post_placeholder(deps.client, question.channel_id, question.thread_ts)
        answered = _answer(deps, question, viewer, lambda _answer: visibility)
        replies.replace(deps.client, question.channel_id, placeholder, answered.message)
        _remember_thread(deps, question, placeholder)
    except Exception as error:
        _report_failure(deps, question, error, placeholder)


def answer_command(deps: Deps, question: Question, viewer: Viewer) -> None:
    try:
        answered = _answer(deps, question, viewer, _command_visibility(question))
        if answered.visibility is Visibility.CHANNEL:
            _post_in_channel(deps, question, answered.message)
        else:
            _post_to_asker(deps, question, answered.message)
    except Exception as error:
        _report_failure(deps, question, error, None)


def only_public(answer: Answer) -> bool:
    return all(citation.marking == Marking.PUBLIC for citation in answer.citations)


@dataclass(frozen=True)
class _Answered:
    answer: Answer
    message: Message
    visibility: Visibility


def _answer(deps: Deps, question: Question, viewer: Viewer, decide: Decide) -> _Answered:
    audit = deps.services.audit
    question_id = record_question(audit, question)
    try:
        answer = _ask(deps, question, viewer)
        visibility = decide(answer)
        record_answer(audit, question, question_id, viewer, answer, visibility)
    except Exception as error:
        _record_failure_quietly(deps, question, question_id, error)
        raise
    withheld = withheld_notices(deps.services.cases, answer.withheld)
    asked_by = (question.user_id, question.text) if visibility is Visibility.CHANNEL else None
    message = answer_message(answer, question_id, withheld, asked_by)
    return _Answered(answer, message, visibility)


def _ask(deps: Deps, question: Question, viewer: Viewer) -> Answer:
    """A follow-up is asked alone first; if that finds no answer, with the thread's first
    question in front of it ("in which month?" after "how many routers were seized?")."""
    answers = deps.services.answers
    answer = answers.ask(question.text, viewer)
    if answer.abstained and question.context:
        return answers.ask(question.for_retrieval, viewer)
    return answer


def _command_visibility(question: Question) -> Decide:
    def decide(answer: Answer) -> Visibility:
        if question.in_direct_message or not only_public(answer):
            return Visibility.EPHEMERAL
        return Visibility.CHANNEL

    return decide


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


def _record_failure_quietly(
    deps: Deps, question: Question, question_id: int, error: BaseException
) -> None:
    try:
        record_failure(deps.services.audit, question, question_id, error)
    except Exception:
        log.exception("could not record the failure of question %s", question_id)
