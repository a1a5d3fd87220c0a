"""``/refer`` and the form: a modal opened at once and filled from the pool, Slack's limits,
invalid input answered with ``response_action: errors``, and the preview with the policy's
account of what was withheld and redacted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack.referrals.form import (
    EVIDENCE_BLOCK,
    FORM_CALLBACK,
    PARTNER_BLOCK,
    SUBJECTS_BLOCK,
    SUMMARY_BLOCK,
)
from bot.slack.referrals.preview import PREVIEW_CALLBACK
from bot.testing.fake_slack import FakeSlackWebAPI
from tests.referrals.support import CASE, MEMBER, ROOM
from tests.slack.referral_support import (
    ReferralCasebot,
    block,
    form_values,
    options,
    referral_casebot,
    view_text,
)


@pytest.fixture
def casebot(tmp_path: Path, fake_slack: FakeSlackWebAPI) -> Iterator[ReferralCasebot]:
    with referral_casebot(tmp_path, fake_slack) as running:
        yield running


def test_refer_opens_a_modal_at_once_then_fills_in_the_form(casebot: ReferralCasebot) -> None:
    ack = casebot.slash("/refer", "", MEMBER, ROOM)

    [opened] = casebot.slack.wait_for("views.open")
    [update] = casebot.slack.wait_for("views.update")
    assert ack == ""
    assert opened.params["trigger_id"]
    assert "Preparing the referral" in str(opened.json_param("view"))
    first = casebot.slack.view(update.params["view_id"])
    assert update.params["hash"] and update.params["hash"] != first["hash"]
    form = update.json_param("view")
    assert form["callback_id"] == FORM_CALLBACK
    assert len(form["private_metadata"]) <= 3000 and CASE in form["private_metadata"]


def test_the_form_offers_partners_and_visible_documents_never_6e(
    casebot: ReferralCasebot,
) -> None:
    form = casebot.open_form_by_command()

    partners = {o["value"]: o["text"]["text"] for o in options(form, PARTNER_BLOCK)}
    assert set(partners) == {"cbp", "iprc", "carrier"}
    assert "lead approval" in partners["iprc"] and "lead approval" not in partners["cbp"]
    assert "TLP:AMBER" in partners["carrier"] and "private" in partners["carrier"]
    offered = {o["value"] for o in options(form, EVIDENCE_BLOCK)}
    documents = casebot.documents
    assert documents["seizure-report.txt"] in offered
    assert documents["press-release.txt"] in offered
    assert documents["grand-jury.txt"] not in offered
    every_option = [
        o for b in form["blocks"] if "element" in b for o in b["element"].get("options", [])
    ]
    assert all(len(o["text"]["text"]) <= 75 and len(o["value"]) <= 150 for o in every_option)
    summary = block(form, SUMMARY_BLOCK)["element"]
    assert summary["max_length"] == 2000 and "[1]" in summary["initial_value"]
    subjects = block(form, SUBJECTS_BLOCK)["element"]
    assert subjects["initial_options"] == subjects["options"]


def test_refer_outside_a_case_room_without_a_case_says_how_to_name_one(
    casebot: ReferralCasebot,
) -> None:
    text = casebot.slash("/refer", "", MEMBER, "CGENERAL")

    assert "/refer CASE_ID" in text
    assert casebot.slack.calls("views.open") == []


def test_an_invalid_submission_names_what_to_fix(casebot: ReferralCasebot) -> None:
    form = casebot.open_form_by_command()

    answer = casebot.submit(form, form_values(form, None, [], summary=""))

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {PARTNER_BLOCK, EVIDENCE_BLOCK, SUMMARY_BLOCK}


def test_the_preview_of_a_private_partner_lists_what_was_withheld_and_redacted(
    casebot: ReferralCasebot,
) -> None:
    form = casebot.open_form_by_command()
    documents = casebot.documents
    chosen = [documents["seizure-report.txt"], documents["press-release.txt"]]

    summary = (
        "Forty pallets of counterfeit batteries were seized [1]. The broker's clerk, born "
        "03/04/1985, took the order for the batteries [2]."
    )

    preview = casebot.preview(form_values(form, "carrier", chosen, summary=summary), form)

    assert preview["callback_id"] == PREVIEW_CALLBACK
    assert preview["submit"]["text"] == "Send"
    text = view_text(preview)
    assert "TLP:AMBER" in text
    assert "Withheld (2)" in text and "LES" in text
    assert "1 sentence(s) of the summary" in text and "Forty pallets" not in text
    assert "Redacted" in text and "1 date of birth in summary" in text
    assert "03/04/1985" not in text and "[redacted" in text
    assert len(preview["private_metadata"]) <= 3000


def test_the_preview_of_a_partner_needing_approval_asks_a_lead(casebot: ReferralCasebot) -> None:
    form = casebot.open_form_by_command()
    chosen = [casebot.documents["seizure-report.txt"]]

    preview = casebot.preview(form_values(form, "iprc", chosen), form)

    assert preview["submit"]["text"] == "Ask a lead to approve"
    assert "requires a lead" in view_text(preview)


def test_the_summary_is_escaped_in_the_preview(casebot: ReferralCasebot) -> None:
    form = casebot.open_form_by_command()
    summary = "Tell <!channel> & <@U0OTHER> nothing [1]."
    values = form_values(form, "cbp", [casebot.documents["seizure-report.txt"]], summary=summary)

    preview = casebot.preview(values, form)

    text = view_text(preview)
    assert "&lt;!channel&gt; &amp; &lt;@U0OTHER&gt;" in text and "<!channel>" not in text
