"""``/referral``: one referral's status, deliveries and history; retry and withdraw; the list
of open referrals and those awaiting approval; and the same lists on the App Home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import new_ts
from bot.testing.signing import event_callback
from casework.referrals.lifecycle import Status
from tests.referrals.support import CBP_CHANNEL, LEAD, MEMBER, ROOM
from tests.slack.referral_support import ReferralCasebot, referral_casebot


@pytest.fixture
def casebot(tmp_path: Path, fake_slack: FakeSlackWebAPI) -> Iterator[ReferralCasebot]:
    with referral_casebot(tmp_path, fake_slack) as running:
        yield running


def test_referral_id_shows_status_deliveries_and_history(casebot: ReferralCasebot) -> None:
    referral_id = casebot.refer("cbp")
    casebot.wait_for_status(referral_id, Status.DELIVERED)

    text = casebot.slash("/referral", referral_id.lower())

    assert f"*{referral_id}*" in text and "*delivered*" in text
    assert f"slack:{CBP_CHANNEL}: delivered, 1 attempt(s)" in text
    assert "→ submitted by U0MEMBER" in text and "submitted → delivered" in text


def test_a_failed_delivery_is_shown_and_retried(casebot: ReferralCasebot) -> None:
    casebot.slack.respond_with("chat.postMessage", refuse_customs_channel)
    referral_id = casebot.refer("cbp")
    casebot.slack.wait_for("chat.postMessage", lambda call: call.params["channel"] == MEMBER)

    failed = casebot.slash("/referral", referral_id)
    casebot.slack.reset()
    retried = casebot.slash("/referral", f"{referral_id} retry")

    assert "1 attempt(s) — last error: Slack refused (not_in_channel)" in failed
    assert "queued again" in retried
    casebot.wait_for_status(referral_id, Status.DELIVERED)


def test_withdraw_goes_through_the_use_case(casebot: ReferralCasebot) -> None:
    referral_id = casebot.refer("iprc")

    nothing = casebot.slash("/referral", f"{referral_id} retry")
    withdrawn = casebot.slash("/referral", f"{referral_id} withdraw")

    assert f"{referral_id} has no failed deliveries to retry" in nothing
    assert "withdrawn" in withdrawn
    assert "*withdrawn*" in casebot.slash("/referral", referral_id)


def refuse_customs_channel(call: RecordedCall) -> dict[str, object]:
    if call.params.get("channel") == CBP_CHANNEL:
        return {"ok": False, "error": "not_in_channel"}
    return {"ok": True, "channel": call.params.get("channel"), "ts": new_ts()}


def test_referral_lists_mine_and_those_awaiting_my_approval(casebot: ReferralCasebot) -> None:
    referral_id = casebot.refer("iprc")

    mine = casebot.slash("/referral", "")
    lead = casebot.slash("/referral", "", LEAD, ROOM)

    assert mine.index("Your open referrals") < mine.index(referral_id)
    assert mine.index(referral_id) < mine.index("Awaiting your approval")
    assert lead.index("Awaiting your approval") < lead.index(referral_id)


def test_app_home_lists_an_open_referral(casebot: ReferralCasebot) -> None:
    referral_id = casebot.refer("cbp")

    home = {"type": "app_home_opened", "user": MEMBER, "channel": "D0HOME", "tab": "home"}
    casebot.send(event_callback(home))

    [published] = casebot.slack.wait_for("views.publish")
    view = published.json_param("view")
    shown = str(view["blocks"])
    assert "Your open referrals" in shown and referral_id in shown
    assert "Awaiting your approval" in shown and "/ask" in shown


def test_help_names_the_referral_commands(casebot: ReferralCasebot) -> None:
    text = casebot.slash("/casebot", "help")

    assert "`/refer [CASE_ID]`" in text and "`/referral REF-…`" in text
