"""Slash commands: ``/ask``, ``/case``, ``/casebot help`` and ``/casebot sources``.

``/ask`` acks at once with "Searching…" (or "busy", when the answers pool is full) and answers
on the pool; ``/case`` and ``/casebot`` are quick and answer in the ack itself, which Slack shows
to the asker only (``/casebot sources`` in :mod:`bot.slack.sources.command`). ``/refer`` and
``/referral`` live with the rest of referrals, in :mod:`bot.slack.referrals`; the help names
them too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.slack import texts
from bot.slack.answering import answer_command
from bot.slack.case_command import run_case_command
from bot.slack.deps import Deps
from bot.slack.mrkdwn import cut, escape, unescape
from bot.slack.question import Question
from bot.slack.sources.command import sources_reply
from casework.usecases.requester import Requester, Surface

Listener = Callable[..., None]
SHOWN_QUESTION = 200


def register(app: App, deps: Deps) -> None:
    app.command("/ask")(_ask_listener(deps))
    app.command("/case")(_case_listener(deps))
    app.command("/casebot")(_casebot_listener(deps))


def help_text() -> str:
    return texts.HELP.format(case_usage=texts.CASE_USAGE)


def _ask_listener(deps: Deps) -> Listener:
    def on_ask(ack: Ack, command: dict[str, Any]) -> None:
        question = Question(
            text=unescape(str(command.get("text", ""))).strip(),
            user_id=command["user_id"],
            channel_id=command["channel_id"],
            surface=Surface.ASK,
            response_url=command.get("response_url"),
        )
        if not question.text:
            ack(text=texts.EMPTY_ASK)
            return
        if not deps.pools.answers.submit(lambda: answer_command(deps, question)):
            ack(text=texts.BUSY)
            return
        shown = cut(escape(question.text), SHOWN_QUESTION, "…")
        ack(text=texts.SEARCHING_FOR.format(question=shown))

    return on_ask


def _case_listener(deps: Deps) -> Listener:
    def on_case(ack: Ack, command: dict[str, Any]) -> None:
        reply = run_case_command(
            deps.services.cases,
            str(command.get("text", "")),
            command["user_id"],
            command["channel_id"],
        )
        ack(text=reply)

    return on_case


def _casebot_listener(deps: Deps) -> Listener:
    def on_casebot(ack: Ack, command: dict[str, Any]) -> None:
        words = unescape(str(command.get("text", ""))).split()
        if not words or words[0].lower() == "help":
            ack(text=help_text())
        elif words[0].lower() == "sources":
            requester = Requester.in_slack(
                command["user_id"], command["channel_id"], Surface.SOURCES
            )
            reply = sources_reply(deps, requester, words[1:])
            ack(text=reply.text, blocks=reply.blocks)
        else:
            ack(text=texts.HELP_UNKNOWN.format(help=help_text()))

    return on_casebot
