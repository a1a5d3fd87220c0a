"""Questions in channels, threads and direct messages, answered in place of a placeholder; and
what goes wrong: redelivered events, bots, rate limits, a failing answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services import Services
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.work import Pools
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.payloads import BOT_ID, BOT_USER_ID, app_mention_event, message_event, new_ts
from bot.testing.signing import event_callback
from casework.access import Viewer
from casework.audit import QUESTION
from retrieval.answering.model import Answer
from retrieval.answering.service import AnswerService
from retrieval.filters import SearchFilters
from tests.slack.casebot_app import (
    ANSWERS_POOL_SETTLE,
    MEMBER,
    OTHER_CHANNEL,
    PUBLIC_QUESTION,
    RELEASE_TITLE,
    SECRET_QUESTION,
    SECRET_WORD,
    RunningCasebot,
    blocks_text,
    in_marker_channel,
    marker_mention,
    slack_settings,
)

pytestmark = pytest.mark.backends

PLACEHOLDER_TS = "1700000000.000100"


def test_mention_is_answered_in_a_thread_with_sources(casebot: RunningCasebot) -> None:
    casebot.slack.respond_with(
        "chat.postMessage",
        lambda call: {"ok": True, "channel": call.params["channel"], "ts": PLACEHOLDER_TS},
    )
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)

    ack = casebot.send(event_callback(mention))

    [placeholder] = casebot.slack.wait_for("chat.postMessage")
    answer = casebot.answer()
    assert ack.elapsed < 3.0
    assert placeholder.params["channel"] == OTHER_CHANNEL
    assert placeholder.params["thread_ts"] == mention["ts"]
    assert "Searching" in placeholder.params["text"]
    assert (answer.params["channel"], answer.params["ts"]) == (OTHER_CHANNEL, PLACEHOLDER_TS)
    shown = blocks_text(answer)
    assert "500 counterfeit routers" in shown
    assert RELEASE_TITLE in shown and "Sources" in shown


def test_follow_up_in_the_thread_needs_no_mention(casebot: RunningCasebot) -> None:
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)
    casebot.send(event_callback(mention))
    casebot.answer()
    casebot.finish_work()

    follow_up = message_event("in which month?", channel=OTHER_CHANNEL, thread_ts=mention["ts"])
    casebot.send(event_callback(follow_up))

    second = casebot.answer(count=2)
    placeholders = casebot.slack.calls("chat.postMessage")
    assert [call.params["thread_ts"] for call in placeholders] == [mention["ts"]] * 2
    assert "March" in blocks_text(second)
    asked = casebot.services.audit.entries(action=QUESTION)[-1]
    assert asked.details["question"] == "in which month?"
    assert asked.details["thread_question"] == PUBLIC_QUESTION
    assert asked.details["surface"] == "thread_follow_up"
    assert not casebot.slack.calls("conversations.replies")  # remembered, not looked up


def test_thread_answered_by_another_replica_is_looked_up(casebot: RunningCasebot) -> None:
    thread_ts = new_ts()
    casebot.slack.respond_with(
        "conversations.replies",
        {
            "ok": True,
            "messages": [
                {"ts": thread_ts, "user": MEMBER, "text": f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}"},
                {"ts": new_ts(), "user": BOT_USER_ID, "bot_id": BOT_ID, "text": "500 routers"},
            ],
        },
    )
    follow_up = message_event("in which month?", channel=OTHER_CHANNEL, thread_ts=thread_ts)

    casebot.send(event_callback(follow_up))

    answer = casebot.answer()
    assert answer.params["channel"] == OTHER_CHANNEL
    assert "March" in blocks_text(answer)


def test_threads_casebot_did_not_answer_are_left_alone(casebot: RunningCasebot) -> None:
    casebot.slack.respond_with(
        "conversations.replies",
        {"ok": True, "messages": [{"ts": "1.000001", "user": MEMBER, "text": "lunch?"}]},
    )
    chatter = message_event("sounds good", channel=OTHER_CHANNEL, thread_ts="1.000001")
    top_level = message_event(PUBLIC_QUESTION, channel=OTHER_CHANNEL)

    casebot.send(event_callback(chatter))
    casebot.send(event_callback(top_level))

    casebot.slack.wait_for("conversations.replies")
    casebot.send(marker_mention())
    casebot.slack.quiet_until_marker(
        "chat.postMessage", in_marker_channel, settle=ANSWERS_POOL_SETTLE
    )


def test_direct_message_is_answered_with_the_askers_cases(casebot: RunningCasebot) -> None:
    dm = message_event(SECRET_QUESTION, user=MEMBER, channel="D0MEMBER", channel_type="im")

    casebot.send(event_callback(dm))

    [placeholder] = casebot.slack.wait_for("chat.postMessage")
    answer = casebot.answer()
    assert placeholder.params["channel"] == "D0MEMBER"
    assert "thread_ts" not in placeholder.params
    assert SECRET_WORD in blocks_text(answer)


def test_bots_and_casebot_itself_are_not_answered(casebot: RunningCasebot) -> None:
    other_bot = message_event(PUBLIC_QUESTION, user="UOTHERBOT", channel="D1", channel_type="im")
    other_bot["bot_id"] = "BOTHER"
    itself = message_event(
        PUBLIC_QUESTION, user=BOT_USER_ID, bot_id=BOT_ID, channel="D1", channel_type="im"
    )
    edited = message_event(
        PUBLIC_QUESTION, channel="D1", channel_type="im", subtype="message_changed"
    )
    human = message_event(PUBLIC_QUESTION, user=MEMBER, channel="D0MARKER", channel_type="im")

    for event in (other_bot, itself, edited):
        casebot.send(event_callback(event))
    casebot.send(event_callback(human))  # the marker: a direct message, as the bots' were

    casebot.slack.quiet_until_marker(
        "chat.postMessage",
        lambda call: call.params.get("channel") == "D0MARKER",
        settle=ANSWERS_POOL_SETTLE,
    )


def test_other_bots_are_answered_when_configured(
    slack_services: Services, fake_slack: FakeSlackWebAPI, pools: Pools
) -> None:
    settings = slack_settings(
        slack_services.settings.casebot_home, fake_slack.url, CASEBOT_SLACK_ANSWER_BOTS=True
    )
    other_bot = message_event(PUBLIC_QUESTION, user="UOTHERBOT", channel="D1", channel_type="im")
    other_bot["bot_id"] = "BOTHER"

    with HttpServer(build_app(settings, slack_services, pools=pools), port=0) as server:
        RunningCasebot(server.events_url, fake_slack, slack_services).send(
            event_callback(other_bot)
        )
        fake_slack.wait_for("chat.update")


def test_redelivered_event_is_answered_once(casebot: RunningCasebot) -> None:
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)

    casebot.send(event_callback(mention, event_id="Ev0REDELIVERED"))
    casebot.send(
        event_callback(mention, event_id="Ev0REDELIVERED", retry_num=1, retry_reason="http_timeout")
    )

    casebot.answer()
    casebot.send(marker_mention())
    [placeholder] = casebot.slack.quiet_until_marker(
        "chat.postMessage", in_marker_channel, expected=1, settle=ANSWERS_POOL_SETTLE
    )
    assert placeholder.params["thread_ts"] == mention["ts"]


def test_rate_limited_placeholder_is_retried_after_retry_after(casebot: RunningCasebot) -> None:
    casebot.slack.rate_limit_next("chat.postMessage", retry_after=1)
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)

    casebot.send(event_callback(mention))

    answer = casebot.answer()
    first, second = casebot.slack.calls("chat.postMessage")
    assert first.params == second.params
    assert second.time - first.time >= 1.0
    assert "500 counterfeit routers" in blocks_text(answer)


class BrokenAnswers(AnswerService):
    """An answer service whose index is gone."""

    def __init__(self) -> None:
        pass

    def ask(self, question: str, viewer: Viewer, filters: SearchFilters | None = None) -> Answer:
        raise ConnectionError("the vector index is unreachable")

    def close(self) -> None:
        pass


@pytest.fixture
def broken_casebot(
    slack_services: Services, fake_slack: FakeSlackWebAPI, pools: Pools
) -> Iterator[RunningCasebot]:
    services = Services(settings=slack_services.settings, embedder=slack_services.embedder)
    services.answers = BrokenAnswers()
    settings = slack_settings(services.settings.casebot_home, fake_slack.url)
    with HttpServer(build_app(settings, services, pools=pools), port=0) as server:
        yield RunningCasebot(server.events_url, fake_slack, services)
        pools.wait_idle(timeout=10)


def test_failing_answer_tells_the_asker_what_happened(broken_casebot: RunningCasebot) -> None:
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)

    broken_casebot.send(event_callback(mention))

    [error] = broken_casebot.slack.wait_for("chat.postEphemeral")
    placeholder = broken_casebot.answer()
    assert error.params["user"] == mention["user"]
    assert error.params["thread_ts"] == mention["ts"]
    assert "couldn't answer" in error.params["text"]
    assert "ConnectionError" in error.params["text"] and "reference" in error.params["text"]
    assert "couldn't answer" in placeholder.params["text"]
