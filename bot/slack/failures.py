"""Saying what went wrong, to the person who asked, without leaking internals.

A refusal by Slack is named with its error code and what to do about it. Anything else is
described by its kind and a short reference that is also logged with the full traceback, so
whoever runs Casebot can find it.
"""

from __future__ import annotations

import logging
import secrets

from slack_sdk.errors import SlackApiError

from bot.slack import texts
from bot.slack.mrkdwn import cut, escape
from bot.slack.replies import slack_error_code

log = logging.getLogger(__name__)

QUESTION_SHOWN = 200


def new_reference() -> str:
    return secrets.token_hex(4)


def explain_answer_failure(error: BaseException, question: str) -> str:
    """The ephemeral message for a question that could not be answered; logs the error."""
    shown = cut(escape(question), QUESTION_SHOWN, "…")
    if isinstance(error, SlackApiError):
        code = slack_error_code(error)
        log.warning("Slack refused a reply to %r: %s", question, code)
        advice = texts.SLACK_ADVICE.get(code, texts.SLACK_ADVICE_DEFAULT)
        return texts.FAILED_SLACK.format(question=shown, error=escape(code), advice=advice)
    reference = new_reference()
    log.error("answering %r failed (reference %s)", question, reference, exc_info=error)
    return texts.FAILED_INTERNAL.format(
        question=shown,
        what=texts.FAILED_WHAT_SEARCH,
        error_type=type(error).__name__,
        reference=reference,
    )
