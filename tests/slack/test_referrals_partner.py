"""The partner's buttons on a delivered referral, pressed by a partner's person from another
workspace (Slack Connect): the status changes, the partner's message shows who pressed, the
case's room is told; a press from a channel that is not the partner's is refused; Decline asks
for a reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack.referrals.blocks import ACCEPT_ACTION, ACKNOWLEDGE_ACTION, DECLINE_ACTION
from bot.slack.referrals.views import REASON_BLOCK
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.payloads import PARTNER_TEAM_ID, input_value
from bot.testing.signing import block_action
from casework.referrals.lifecycle import Status
from tests.referrals.support import CBP_CHANNEL, MEMBER, ROOM, member
from tests.slack.casebot_app import blocks_text
from tests.slack.referral_support import ReferralCasebot, in_channel, referral_casebot

PARTNER_USER = "U0CBPOFFICER"


@pytest.fixture
def casebot(tmp_path: Path, fake_slack: FakeSlackWebAPI) -> Iterator[ReferralCasebot]:
    with referral_casebot(tmp_path, fake_slack) as running:
        yield running


def delivered(casebot: ReferralCasebot) -> tuple[str, str]:
    """A referral to Customs, delivered; its id and its message's ts in Customs' channel."""
    referral_id = casebot.refer("cbp")
    casebot.wait_for_status(referral_id, Status.DELIVERED)
    casebot.finish_work()
    [delivery] = casebot.services.referring.show(member(), referral_id).deliveries
    assert delivery.reference is not None
    return referral_id, delivery.reference


def partner_press(
    casebot: ReferralCasebot, action_id: str, referral_id: str, ts: str, channel: str = CBP_CHANNEL
) -> None:
    click = block_action(
        action_id,
        referral_id,
        PARTNER_USER,
        channel,
        ts,
        user_team=PARTNER_TEAM_ID,
        trigger_id="T.partner",
    )
    casebot.send(click)


def status(casebot: ReferralCasebot, referral_id: str) -> Status:
    return casebot.services.referring.show(member(), referral_id).status


def test_the_partner_accepts_from_its_channel(casebot: ReferralCasebot) -> None:
    referral_id, ts = delivered(casebot)

    partner_press(casebot, ACCEPT_ACTION, referral_id, ts)

    [updated] = casebot.slack.wait_for("chat.update", in_channel(CBP_CHANNEL))
    assert updated.params["ts"] == ts
    shown = blocks_text(updated)
    assert f"Accepted* by <@{PARTNER_USER}>" in shown and ACCEPT_ACTION not in shown
    [told] = casebot.slack.wait_for("chat.postMessage", lambda c: "accepted by" in c.params["text"])
    assert told.params["channel"] == ROOM
    assert f"{referral_id} to Customs: accepted by <@{PARTNER_USER}>" in told.params["text"]
    assert status(casebot, referral_id) is Status.ACCEPTED


def test_an_acknowledgement_keeps_the_buttons(casebot: ReferralCasebot) -> None:
    referral_id, ts = delivered(casebot)

    partner_press(casebot, ACKNOWLEDGE_ACTION, referral_id, ts)

    [updated] = casebot.slack.wait_for("chat.update", in_channel(CBP_CHANNEL))
    assert "Acknowledged* by" in blocks_text(updated) and ACCEPT_ACTION in blocks_text(updated)
    assert status(casebot, referral_id) is Status.ACKNOWLEDGED


def test_a_press_from_another_channel_is_refused(casebot: ReferralCasebot) -> None:
    referral_id, ts = delivered(casebot)

    partner_press(casebot, ACCEPT_ACTION, referral_id, ts, channel="C0ELSEWHERE")

    [refused] = casebot.slack.wait_for("chat.postEphemeral", in_channel("C0ELSEWHERE"))
    assert refused.params["user"] == PARTNER_USER and "Only Customs" in refused.params["text"]
    assert status(casebot, referral_id) is Status.DELIVERED
    partner_press(casebot, ACKNOWLEDGE_ACTION, referral_id, ts)  # the marker, on the same pool
    casebot.slack.quiet_until_marker(
        "chat.update", lambda call: "Acknowledged" in blocks_text(call)
    )


def test_decline_asks_for_a_reason(casebot: ReferralCasebot) -> None:
    referral_id, ts = delivered(casebot)

    partner_press(casebot, DECLINE_ACTION, referral_id, ts)
    casebot.slack.wait_for("views.open")
    modal = casebot.slack.opened_view("T.partner")
    empty = {REASON_BLOCK: {"value": input_value("plain_text_input", " ")}}
    refused = casebot.submit(modal, empty, PARTNER_USER, user_team=PARTNER_TEAM_ID)
    reason = {REASON_BLOCK: {"value": input_value("plain_text_input", "Outside our <!channel>")}}
    done = casebot.submit(modal, reason, PARTNER_USER, user_team=PARTNER_TEAM_ID)

    assert refused["response_action"] == "errors"
    assert done == {"response_action": "clear"}
    assert status(casebot, referral_id) is Status.DECLINED
    [told] = casebot.slack.wait_for("chat.postMessage", lambda c: "declined by" in c.params["text"])
    assert told.params["channel"] == ROOM and "&lt;!channel&gt;" in told.params["text"]
    [updated] = casebot.slack.wait_for("chat.update", in_channel(CBP_CHANNEL))
    assert "Declined* by" in blocks_text(updated) and DECLINE_ACTION not in blocks_text(updated)


def test_a_partner_cannot_use_casebots_commands_on_the_case(casebot: ReferralCasebot) -> None:
    referral_id, _ts = delivered(casebot)

    text = casebot.slash("/referral", referral_id, PARTNER_USER, CBP_CHANNEL)

    assert "not a member of case" in text
    assert "Forty pallets" not in text and MEMBER not in text
