"""Delivering a referral to a partner's Slack channel, against the fake Web API: the message
with the partner's buttons, the PDF through the current upload flow, and Slack's refusals sorted
into permanent and temporary."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.slack.referrals.blocks import PARTNER_ACTIONS
from bot.slack.referrals.sender import SlackChannelSender
from bot.testing.fake_slack import FILE_UPLOAD, FakeSlackWebAPI
from bot.testing.payloads import BOT_TOKEN
from casework.referrals.delivery import DeliveryFailedError, DeliveryTarget, TargetKind
from casework.referrals.rendering import render
from tests.referrals.delivery_packages import full_package

PARTNER_CHANNEL = "CPARTNER1"


@pytest.fixture
def sender(fake_slack: FakeSlackWebAPI) -> SlackChannelSender:
    return SlackChannelSender(WebClient(token=BOT_TOKEN, base_url=fake_slack.url))


def test_the_partner_gets_the_message_with_buttons_and_the_pdf_in_its_thread(
    sender: SlackChannelSender, fake_slack: FakeSlackWebAPI
) -> None:
    rendered = render(full_package())

    reference = sender.send(DeliveryTarget(TargetKind.SLACK, PARTNER_CHANNEL), rendered)

    [message] = fake_slack.calls("chat.postMessage")
    assert message.params["channel"] == PARTNER_CHANNEL
    blocks = message.json_param("blocks")
    buttons = [
        element for block in blocks if block["type"] == "actions" for element in block["elements"]
    ]
    assert [b["action_id"] for b in buttons] == list(PARTNER_ACTIONS)
    assert {b["value"] for b in buttons} == {rendered.package.referral_id}
    assert "TLP:AMBER" in str(blocks)
    [upload] = fake_slack.calls(FILE_UPLOAD)
    [complete] = fake_slack.calls("files.completeUploadExternal")
    assert complete.params["channel_id"] == PARTNER_CHANNEL
    assert reference and complete.params["thread_ts"] == reference
    assert fake_slack.file_content(upload.params["file_id"]) == rendered.pdf
    assert not fake_slack.calls("files.upload")


@pytest.mark.parametrize(
    ("error", "permanent"),
    [("not_in_channel", True), ("channel_not_found", True), ("internal_error", False)],
)
def test_slack_refusals_are_sorted_for_the_outbox(
    sender: SlackChannelSender, fake_slack: FakeSlackWebAPI, error: str, permanent: bool
) -> None:
    fake_slack.fail_next("chat.postMessage", error)

    with pytest.raises(DeliveryFailedError) as raised:
        sender.send(DeliveryTarget(TargetKind.SLACK, PARTNER_CHANNEL), render(full_package()))

    assert raised.value.permanent is permanent
    assert error in str(raised.value)


def test_an_unreachable_slack_is_a_temporary_failure() -> None:
    unreachable = SlackChannelSender(WebClient(token=BOT_TOKEN, base_url="http://127.0.0.1:9/api/"))

    with pytest.raises(DeliveryFailedError) as raised:
        unreachable.send(DeliveryTarget(TargetKind.SLACK, PARTNER_CHANNEL), render(full_package()))

    assert raised.value.permanent is False
