"""``/ask`` in the channel or to the asker alone, and the leak cases: a case's notes never
reach another channel or the public, and what was withheld is counted, never shown."""

from __future__ import annotations

from bot.testing.payloads import BOT_USER_ID, app_mention_event, message_event
from bot.testing.signing import event_callback, slash_command
from tests.slack.casebot_app import (
    ANSWERS_POOL_SETTLE,
    CASE_CHANNEL,
    CASE_ID,
    MEMBER,
    OTHER_CHANNEL,
    OUTSIDER,
    PUBLIC_QUESTION,
    RELEASE_TITLE,
    SECRET_QUESTION,
    SECRET_WORD,
    RunningCasebot,
    blocks_text,
    in_marker_channel,
    marker_ask,
    said_to_slack,
)


def test_ask_with_public_sources_is_posted_in_the_channel(casebot: RunningCasebot) -> None:
    ack = casebot.send(slash_command("/ask", PUBLIC_QUESTION, MEMBER, OTHER_CHANNEL))

    [posted] = casebot.slack.wait_for("chat.postMessage")
    assert "Searching" in ack.text
    assert posted.params["channel"] == OTHER_CHANNEL
    shown = blocks_text(posted)
    assert "500 counterfeit routers" in shown and RELEASE_TITLE in shown
    assert f"<@{MEMBER}> asked" in shown
    assert not casebot.slack.calls("chat.postEphemeral")


def test_ask_citing_case_notes_is_shown_to_the_asker_only(casebot: RunningCasebot) -> None:
    casebot.send(slash_command("/ask", SECRET_QUESTION, MEMBER, CASE_CHANNEL))

    [ephemeral] = casebot.slack.wait_for("chat.postEphemeral")
    assert (ephemeral.params["channel"], ephemeral.params["user"]) == (CASE_CHANNEL, MEMBER)
    assert SECRET_WORD in blocks_text(ephemeral)
    casebot.send(marker_ask())
    casebot.slack.quiet_until_marker(
        "chat.postMessage", in_marker_channel, settle=ANSWERS_POOL_SETTLE
    )


def test_ask_in_a_direct_message_is_shown_to_the_asker_only(casebot: RunningCasebot) -> None:
    casebot.send(slash_command("/ask", PUBLIC_QUESTION, MEMBER, "D0MEMBER"))

    [ephemeral] = casebot.slack.wait_for("chat.postEphemeral")
    assert "500 counterfeit routers" in blocks_text(ephemeral)
    assert not casebot.slack.calls("chat.postMessage")


def test_empty_ask_says_how_to_ask(casebot: RunningCasebot) -> None:
    ack = casebot.send(slash_command("/ask", "   ", MEMBER, OTHER_CHANNEL))

    casebot.send(marker_ask())

    assert "/ask" in ack.text
    casebot.slack.quiet_until_marker(
        "chat.postMessage", in_marker_channel, settle=ANSWERS_POOL_SETTLE
    )


def test_case_notes_never_reach_another_channel(casebot: RunningCasebot) -> None:
    mention = app_mention_event(
        f"<@{BOT_USER_ID}> {SECRET_QUESTION}", user=MEMBER, channel=OTHER_CHANNEL
    )

    casebot.send(event_callback(mention))

    shown = blocks_text(casebot.answer())
    assert SECRET_WORD not in said_to_slack(casebot.slack)
    assert f"1 restricted document(s) in case {CASE_ID} matched" in shown
    assert f"<#{CASE_CHANNEL}>" in shown


def test_case_room_shows_its_notes_to_members_only(casebot: RunningCasebot) -> None:
    outsider = app_mention_event(
        f"<@{BOT_USER_ID}> {SECRET_QUESTION}", user=OUTSIDER, channel=CASE_CHANNEL
    )
    member = app_mention_event(
        f"<@{BOT_USER_ID}> {SECRET_QUESTION}", user=MEMBER, channel=CASE_CHANNEL
    )

    casebot.send(event_callback(outsider))
    to_outsider = blocks_text(casebot.answer())
    casebot.send(event_callback(member))
    to_member = blocks_text(casebot.answer(count=2))

    assert SECRET_WORD not in to_outsider
    assert "restricted document(s)" in to_outsider
    assert SECRET_WORD in to_member


def test_public_ask_by_an_outsider_withholds_and_counts(casebot: RunningCasebot) -> None:
    casebot.send(slash_command("/ask", SECRET_QUESTION, OUTSIDER, CASE_CHANNEL))

    [posted] = casebot.slack.wait_for("chat.postMessage")
    assert SECRET_WORD not in said_to_slack(casebot.slack)
    assert f"case {CASE_ID} matched" in blocks_text(posted)


def test_direct_message_of_an_outsider_withholds(casebot: RunningCasebot) -> None:
    dm = message_event(SECRET_QUESTION, user=OUTSIDER, channel="D0OUTSIDER", channel_type="im")

    casebot.send(event_callback(dm))

    shown = blocks_text(casebot.answer())
    assert SECRET_WORD not in said_to_slack(casebot.slack)
    assert "restricted document(s)" in shown
