"""Sending a referral from Slack: the preview's "Send" makes one referral however often it is
pressed or redelivered, the outbox delivers it to the partner's channel (message, buttons, PDF),
the sender and the case's room are told; a referral started from an answer's button has the
answer's cited documents selected."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot.slack.blocks import FEEDBACK_UP_ACTION, REFER_ACTION
from bot.slack.referrals.blocks import PARTNER_ACTIONS
from bot.slack.referrals.form import EVIDENCE_BLOCK
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.payloads import BOT_USER_ID, app_mention_event
from bot.testing.signing import SlackRequest, block_action, event_callback, view_submission
from casework.audit import ANSWER
from tests.referrals.support import CASE, CBP_CHANNEL, MEMBER, ROOM, member
from tests.slack.casebot_app import button_value
from tests.slack.referral_support import (
    CARRIER_CHANNEL,
    ReferralCasebot,
    block,
    form_values,
    in_channel,
    posted_in,
    referral_casebot,
    view_text,
)

QUESTION = "Who was the importer of record of the counterfeit Veloce batteries seized at Newark?"


@pytest.fixture
def casebot(tmp_path: Path, fake_slack: FakeSlackWebAPI) -> Iterator[ReferralCasebot]:
    with referral_casebot(tmp_path, fake_slack) as running:
        yield running


def sent_preview(casebot: ReferralCasebot, partner: str = "cbp") -> dict[str, Any]:
    form = casebot.open_form_by_command()
    values = form_values(form, partner, [casebot.documents["seizure-report.txt"]])
    return casebot.preview(values, form)


def test_send_makes_the_referral_and_delivers_it_to_the_partners_channel(
    casebot: ReferralCasebot,
) -> None:
    preview = sent_preview(casebot)

    answer = casebot.submit(preview, {})

    assert answer == {"response_action": "clear"}
    [referral] = casebot.services.referring.list(member(MEMBER))
    [message] = casebot.slack.wait_for("chat.postMessage", in_channel(CBP_CHANNEL))
    buttons = [
        element
        for b in message.json_param("blocks")
        if b["type"] == "actions"
        for element in b["elements"]
    ]
    assert [b["action_id"] for b in buttons] == list(PARTNER_ACTIONS)
    assert {b["value"] for b in buttons} == {referral.id}
    [upload] = casebot.slack.wait_for("files.completeUploadExternal")
    assert upload.params["channel_id"] == CBP_CHANNEL
    [told] = casebot.slack.wait_for("chat.postEphemeral")
    assert told.params["user"] == MEMBER and referral.id in told.params["text"]
    [room] = casebot.slack.wait_for("chat.postMessage", in_channel(ROOM))
    assert referral.id in room.params["text"] and "Customs" in room.params["text"]


def test_a_double_click_and_a_slack_retry_make_one_referral(casebot: ReferralCasebot) -> None:
    preview = sent_preview(casebot)

    request = view_submission(preview, {}, MEMBER)
    redelivered = {**request.headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"}

    first = casebot.send(request)
    retried = casebot.send(SlackRequest(request.body, redelivered))
    clicked_again = casebot.submit(preview, {})
    casebot.refer("carrier", "press-release.txt")  # the marker: delivered after any duplicate

    assert first.json() == retried.json() == clicked_again == {"response_action": "clear"}
    casebot.slack.quiet_until_marker(
        "chat.postMessage",
        in_channel(CARRIER_CHANNEL),
        expected=1,
        predicate=in_channel(CBP_CHANNEL),
    )
    partners = [r.partner_id for r in casebot.services.referring.list(member(MEMBER))]
    assert sorted(partners) == ["carrier", "cbp"]
    assert len(posted_in(casebot.slack, CBP_CHANNEL)) == 1


def test_two_simultaneous_presses_of_send_make_one_referral(casebot: ReferralCasebot) -> None:
    preview = sent_preview(casebot)
    presses = [view_submission(preview, {}, MEMBER) for _ in range(2)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = [response.json() for response in pool.map(casebot.send, presses)]

    assert answers == [{"response_action": "clear"}] * 2
    assert len(casebot.services.referring.list(member(MEMBER))) == 1
    casebot.refer("carrier", "press-release.txt")  # the marker
    casebot.slack.quiet_until_marker(
        "chat.postMessage",
        in_channel(CARRIER_CHANNEL),
        expected=1,
        predicate=in_channel(CBP_CHANNEL),
    )


def test_the_refer_button_preselects_the_answers_cited_documents(
    casebot: ReferralCasebot,
) -> None:
    mention = app_mention_event(f"<@{BOT_USER_ID}> {QUESTION}", user=MEMBER, channel=ROOM)
    casebot.send(event_callback(mention))
    audit_id = int(button_value(casebot.answer(), FEEDBACK_UP_ACTION))
    [answer] = [
        entry
        for entry in casebot.services.audit_review.entries(action=ANSWER)
        if entry.details["question_audit_id"] == audit_id
    ]
    cited = set(answer.details["document_ids"]) - {casebot.documents["grand-jury.txt"]}

    casebot.send(block_action(REFER_ACTION, str(audit_id), MEMBER, "D0MEMBERDM"))

    form = casebot.filled_form()
    evidence = block(form, EVIDENCE_BLOCK)["element"]
    preselected = {o["value"] for o in evidence["initial_options"]}
    assert cited and preselected == cited
    assert CASE in str(form["private_metadata"]) and str(audit_id) in form["private_metadata"]
    assert casebot.documents["grand-jury.txt"] not in {o["value"] for o in evidence["options"]}


def test_a_referral_the_policy_blocks_cannot_be_sent(casebot: ReferralCasebot) -> None:
    """A private partner takes no LES material: with only the LES report there is nothing
    to send, and the preview says why instead of offering "Send"."""
    preview = sent_preview(casebot, "carrier")

    assert "submit" not in preview
    assert "Nothing can go" in view_text(preview)


def test_the_package_names_the_investigator_as_slack_knows_them(
    casebot: ReferralCasebot,
) -> None:
    casebot.slack.add_user(MEMBER, real_name="Dana Whitlock", email="dana.whitlock@example.gov")

    casebot.submit(sent_preview(casebot), {})

    [referral] = casebot.services.referring.list(member(MEMBER))
    investigator = casebot.services.referring.package(member(MEMBER), referral.id).investigator
    assert (investigator.user_id, investigator.name) == (MEMBER, "Dana Whitlock")
    assert investigator.contact == "agent@example.gov"  # the form's contact wins
