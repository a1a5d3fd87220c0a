"""A partner that requires approval: the leads are asked in a direct message with Approve /
Reject…; only a lead may decide, approving sends the referral, rejecting asks for a reason, and
the lead's message then says who decided."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack.referrals.approval import APPROVE_ACTION, REJECT_ACTION
from bot.slack.referrals.views import REASON_BLOCK
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import input_value
from bot.testing.signing import block_action
from casework.referrals.lifecycle import Status
from tests.referrals.support import CBP_CHANNEL, IPRC_CHANNEL, LEAD, MEMBER, ROOM, member
from tests.slack.casebot_app import blocks_text, button_value
from tests.slack.referral_support import ReferralCasebot, in_channel, referral_casebot

LEAD_DM = "D0LEADDM"


@pytest.fixture
def casebot(tmp_path: Path, fake_slack: FakeSlackWebAPI) -> Iterator[ReferralCasebot]:
    with referral_casebot(tmp_path, fake_slack) as running:
        yield running


def asked_lead(casebot: ReferralCasebot) -> tuple[str, RecordedCall]:
    referral_id = casebot.refer("iprc")
    [asked] = casebot.slack.wait_for("chat.postMessage", in_channel(LEAD))
    return referral_id, asked


def press(
    casebot: ReferralCasebot, action_id: str, referral_id: str, user: str, channel: str
) -> None:
    casebot.send(
        block_action(action_id, referral_id, user, channel, "1700000000.000100", trigger_id="T.9")
    )


def test_the_lead_is_asked_and_nothing_goes_before_approval(casebot: ReferralCasebot) -> None:
    referral_id, asked = asked_lead(casebot)

    assert button_value(asked, APPROVE_ACTION) == referral_id
    assert button_value(asked, REJECT_ACTION) == referral_id
    assert "IPR Center" in blocks_text(asked)
    assert "withheld: nothing; redacted: nothing" in blocks_text(asked)
    status = casebot.services.referring.show(member(), referral_id).status
    assert status is Status.AWAITING_APPROVAL
    [room] = casebot.slack.wait_for("chat.postMessage", in_channel(ROOM))
    assert "awaiting a lead" in room.params["text"]
    casebot.refer("cbp")  # the marker: the outbox delivers it, and would have delivered iprc's
    casebot.slack.quiet_until_marker(
        "chat.postMessage", in_channel(CBP_CHANNEL), predicate=in_channel(IPRC_CHANNEL)
    )


def test_a_member_who_is_not_a_lead_cannot_approve(casebot: ReferralCasebot) -> None:
    referral_id, _asked = asked_lead(casebot)

    press(casebot, APPROVE_ACTION, referral_id, MEMBER, ROOM)

    [refused] = casebot.slack.wait_for(
        "chat.postEphemeral", lambda c: "Only a lead" in c.params["text"]
    )
    assert refused.params["user"] == MEMBER
    status = casebot.services.referring.show(member(), referral_id).status
    assert status is Status.AWAITING_APPROVAL


def test_the_lead_approves_and_the_referral_is_delivered(casebot: ReferralCasebot) -> None:
    referral_id, _asked = asked_lead(casebot)

    press(casebot, APPROVE_ACTION, referral_id, LEAD, LEAD_DM)

    [delivered] = casebot.slack.wait_for("chat.postMessage", in_channel(IPRC_CHANNEL))
    assert referral_id in delivered.params["text"]
    [updated] = casebot.slack.wait_for("chat.update", in_channel(LEAD_DM))
    assert updated.params["ts"] == "1700000000.000100"
    assert f"Approved by <@{LEAD}>" in blocks_text(updated)
    assert APPROVE_ACTION not in blocks_text(updated)
    casebot.slack.wait_for("chat.postMessage", lambda c: "approved by" in c.params["text"])


def test_rejecting_asks_for_a_reason_then_sends_the_referral_back(
    casebot: ReferralCasebot,
) -> None:
    referral_id, _asked = asked_lead(casebot)

    press(casebot, REJECT_ACTION, referral_id, LEAD, LEAD_DM)
    casebot.slack.wait_for("views.open", lambda c: c.params["trigger_id"] == "T.9")
    modal = casebot.slack.opened_view("T.9")
    empty = casebot.submit(
        modal, {REASON_BLOCK: {"value": input_value("plain_text_input", "")}}, LEAD
    )
    reason = {REASON_BLOCK: {"value": input_value("plain_text_input", "Summary names a minor")}}
    done = casebot.submit(modal, reason, LEAD)

    assert empty["response_action"] == "errors" and REASON_BLOCK in empty["errors"]
    assert done == {"response_action": "clear"}
    referral = casebot.services.referring.show(member(), referral_id)
    assert referral.status is Status.DRAFT
    assert "Summary names a minor" in (referral.history[-1].note or "")
    [updated] = casebot.slack.wait_for("chat.update", in_channel(LEAD_DM))
    assert "Rejected by" in blocks_text(updated) and "Summary names a minor" in blocks_text(updated)
    [told] = casebot.slack.wait_for("chat.postMessage", in_channel(MEMBER))
    assert referral_id in told.params["text"] and "back in draft" in told.params["text"]
