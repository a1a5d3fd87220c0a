"""Answer buttons and the audit trail of a question asked in Slack."""

from __future__ import annotations

from sqlalchemy import select, text

from bot.slack.blocks import FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION, REFER_ACTION
from bot.testing.payloads import BOT_USER_ID, app_mention_event
from bot.testing.signing import block_action, event_callback
from casework.audit import ACCESS_DECISION, ANSWER, FEEDBACK, QUESTION
from casework.storage.audit_log import Feedback
from tests.audit_records import ACCESS_DETAILS, ANSWER_DETAILS, QUESTION_DETAILS
from tests.slack.casebot_app import (
    CASE_CHANNEL,
    CASE_ID,
    MEMBER,
    OTHER_CHANNEL,
    PUBLIC_QUESTION,
    SECRET_QUESTION,
    RunningCasebot,
    button_value,
)


def ask_by_mention(casebot: RunningCasebot, question: str, channel: str) -> int:
    """Ask, wait for the answer, and return the question's audit id from its buttons."""
    mention = app_mention_event(f"<@{BOT_USER_ID}> {question}", user=MEMBER, channel=channel)
    casebot.send(event_callback(mention))
    answered = len(casebot.slack.calls("chat.update")) + 1
    return int(button_value(casebot.answer(count=answered), FEEDBACK_UP_ACTION))


def test_feedback_is_stored_with_the_question(casebot: RunningCasebot) -> None:
    audit_id = ask_by_mention(casebot, PUBLIC_QUESTION, OTHER_CHANNEL)

    click = block_action(FEEDBACK_DOWN_ACTION, str(audit_id), MEMBER, OTHER_CHANNEL)
    casebot.send(click)

    [thanks] = casebot.slack.wait_for("chat.postEphemeral")
    assert "recorded" in thanks.params["text"] and thanks.params["user"] == MEMBER
    [record] = [
        entry
        for entry in casebot.services.audit.entries(action=FEEDBACK)
        if entry.details["question_audit_id"] == audit_id
    ]
    assert (record.user_id, record.channel_id, record.details["value"]) == (
        MEMBER,
        OTHER_CHANNEL,
        "down",
    )
    with casebot.services.sessions() as session:
        row = session.scalars(select(Feedback).where(Feedback.id == record.details["feedback_id"]))
        stored = row.one()
    assert (stored.question_audit_id, stored.value, stored.user_id) == (audit_id, "down", MEMBER)


def test_feedback_on_an_unknown_question_is_explained(casebot: RunningCasebot) -> None:
    casebot.send(block_action(FEEDBACK_UP_ACTION, "999999", MEMBER, OTHER_CHANNEL))

    [refusal] = casebot.slack.wait_for("chat.postEphemeral")
    assert "couldn't record" in refusal.params["text"]


def test_refer_button_opens_the_referral_modal_at_once(casebot: RunningCasebot) -> None:
    """Without a partners file the modal says so; ``test_referrals_*`` fill in the form."""
    audit_id = ask_by_mention(casebot, SECRET_QUESTION, CASE_CHANNEL)

    casebot.send(block_action(REFER_ACTION, str(audit_id), MEMBER, CASE_CHANNEL, trigger_id="T.1"))

    [opened] = casebot.slack.wait_for("views.open")
    [update] = casebot.slack.wait_for("views.update")
    assert opened.params["trigger_id"] == "T.1"
    assert "No partner is configured" in str(update.json_param("view"))
    assert casebot.slack.calls("chat.postEphemeral") == []


def test_question_access_decision_and_answer_are_audited(casebot: RunningCasebot) -> None:
    audit_id = ask_by_mention(casebot, SECRET_QUESTION, CASE_CHANNEL)

    entries = [
        entry
        for entry in casebot.services.audit.entries()
        if entry.id == audit_id or entry.details.get("question_audit_id") == audit_id
    ]

    question, access, answer = entries
    assert [entry.action for entry in entries] == [QUESTION, ACCESS_DECISION, ANSWER]
    assert {(entry.user_id, entry.channel_id) for entry in entries} == {(MEMBER, CASE_CHANNEL)}
    assert question.details["question"] == SECRET_QUESTION
    assert question.details.keys() == QUESTION_DETAILS | {"thread_ts", "event_id"}
    assert access.details.keys() == ACCESS_DETAILS
    assert answer.details.keys() == ANSWER_DETAILS
    assert access.details["les_cases"] == [CASE_ID]
    assert access.details["visibility"] == "thread"
    assert len(answer.details["document_ids"]) == 1
    assert casebot.services.audit.verify().ok


def test_audit_verify_detects_an_edited_record(casebot: RunningCasebot) -> None:
    audit_id = ask_by_mention(casebot, PUBLIC_QUESTION, OTHER_CHANNEL)
    engine = casebot.services.engine
    with engine.begin() as connection:
        original = connection.execute(
            text("SELECT details FROM audit_log WHERE id = :id"), {"id": audit_id}
        ).scalar_one()
        connection.execute(
            text("UPDATE audit_log SET details = :details WHERE id = :id"),
            {"details": '{"question": "something else"}', "id": audit_id},
        )
    try:
        verification = casebot.services.audit.verify()
    finally:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE audit_log SET details = :details WHERE id = :id"),
                {"details": original, "id": audit_id},
            )

    assert not verification.ok
    assert verification.first_bad_id == audit_id
    assert casebot.services.audit.verify().ok
