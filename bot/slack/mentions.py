"""Questions in conversations: ``@Casebot …`` in a channel, follow-ups in a thread Casebot
answered (no mention needed), and direct messages.

Listeners only read the event and hand the work to the answers pool; the ack goes back to Slack
at once. Messages from bots (other than Casebot itself, which bolt already ignores) are ignored
unless ``CASEBOT_SLACK_ANSWER_BOTS`` is set. A channel message that mentions Casebot is left to the
``app_mention`` listener, so it is answered once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from slack_bolt import App, BoltContext

from bot.slack import files, texts
from bot.slack.answering import answer_in_conversation
from bot.slack.deps import Deps
from bot.slack.mrkdwn import unescape, without_mention
from bot.slack.question import Question
from bot.slack.queueing import first_delivery, submit_answer, tell_soon
from bot.slack.threads import first_question_of_bot_thread
from casework.usecases.requester import Surface

Listener = Callable[..., None]
ANSWERED_SUBTYPES = frozenset({None, "thread_broadcast"})
FILE_SHARE = "file_share"


def register(app: App, deps: Deps) -> None:
    app.event("app_mention")(_mention_listener(deps))
    app.event("message")(_message_listener(deps))


def _mention_listener(deps: Deps) -> Listener:
    def on_mention(body: dict[str, Any], context: BoltContext) -> None:
        event = body["event"]
        if _ignored_sender(deps, event, context):
            return
        bot_user_id = context.bot_user_id or ""
        thread_ts = event.get("thread_ts")
        question = Question(
            text=_question_text(event, bot_user_id),
            user_id=event["user"],
            channel_id=event["channel"],
            surface=Surface.MENTION,
            thread_ts=thread_ts or event["ts"],
            context=deps.threads.recall(event["channel"], thread_ts) if thread_ts else None,
            event_id=body.get("event_id"),
        )
        _submit(deps, question, lambda: _answer_in_channel(deps, question))

    return on_mention


def _message_listener(deps: Deps) -> Listener:
    def on_message(body: dict[str, Any], context: BoltContext) -> None:
        event = body["event"]
        subtype = event.get("subtype")
        if subtype == FILE_SHARE:
            files.on_file_message(deps, body)
            return
        if subtype not in ANSWERED_SUBTYPES or _ignored_sender(deps, event, context):
            return
        bot_user_id = context.bot_user_id or ""
        if event.get("channel_type") == "im":
            _on_direct_message(deps, body, bot_user_id)
        elif f"<@{bot_user_id}" in event.get("text", ""):
            return  # the app_mention listener answers it
        elif event.get("thread_ts") not in (None, event["ts"]):
            _on_thread_message(deps, body, bot_user_id)

    return on_message


def _on_direct_message(deps: Deps, body: dict[str, Any], bot_user_id: str) -> None:
    event = body["event"]
    thread_ts = event.get("thread_ts")
    question = Question(
        text=_question_text(event, bot_user_id),
        user_id=event["user"],
        channel_id=event["channel"],
        surface=Surface.DM,
        thread_ts=thread_ts,
        context=deps.threads.recall(event["channel"], thread_ts) if thread_ts else None,
        event_id=body.get("event_id"),
    )

    def answer() -> None:
        if first_delivery(deps, question.event_id):
            answer_in_conversation(deps, question)

    _submit(deps, question, answer)


def _on_thread_message(deps: Deps, body: dict[str, Any], bot_user_id: str) -> None:
    event = body["event"]
    question = Question(
        text=_question_text(event, bot_user_id),
        user_id=event["user"],
        channel_id=event["channel"],
        surface=Surface.THREAD,
        thread_ts=event["thread_ts"],
        event_id=body.get("event_id"),
    )

    def answer_if_ours() -> None:
        first = first_question_of_bot_thread(
            deps.client, deps.threads, question.channel_id, event["thread_ts"], bot_user_id
        )
        if first is None or not question.text:
            return  # not a thread Casebot answered in: not a question to Casebot
        _answer_in_channel(deps, replace(question, context=first))

    deps.pools.answers.submit(answer_if_ours)


def _answer_in_channel(deps: Deps, question: Question) -> None:
    if first_delivery(deps, question.event_id):
        answer_in_conversation(deps, question)


def _submit(deps: Deps, question: Question, task: Callable[[], None]) -> None:
    if not question.text:
        tell_soon(deps, question, texts.EMPTY_QUESTION)
        return
    submit_answer(deps, question, task)


def _question_text(event: dict[str, Any], bot_user_id: str) -> str:
    return without_mention(unescape(str(event.get("text", ""))), bot_user_id)


def _ignored_sender(deps: Deps, event: dict[str, Any], context: BoltContext) -> bool:
    """Casebot itself always; other bots unless CASEBOT_SLACK_ANSWER_BOTS; events without a user."""
    if not event.get("user") or event.get("user") == context.bot_user_id:
        return True
    from_bot = bool(event.get("bot_id")) or event.get("subtype") == "bot_message"
    return from_bot and not deps.options.answer_bots
