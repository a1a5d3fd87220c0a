"""Casebot's Slack app with referrals, in HTTP mode on 127.0.0.1 against the fake Web API: a
partners file with Slack-channel partners (one requiring a lead's approval, one private), the
case of ``tests.referrals.support`` (an LES seizure report, a public press release and a 6E
grand-jury note) and the outbox drained by the app's own worker (``deliver_referrals=True``).

Each test gets a fresh data folder: the outbox worker of an app lives as long as the process,
and must never reach a later test's referrals.

Helpers drive a referral the way a person does in Slack: open the form, fill it from the
options the form offers, submit it, read Casebot's answer (``response_action``) and, for
``update``, show the new view as Slack would (`FakeSlackWebAPI.replace_view`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.services import build_services
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.referrals.form import (
    ACTION_BLOCK,
    CONTACT_BLOCK,
    EVIDENCE_BLOCK,
    PARTNER_BLOCK,
    PRIORITY_BLOCK,
    SUBJECTS_BLOCK,
    SUMMARY_BLOCK,
    VALUE,
)
from bot.slack.work import Pools
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import input_value, multi_selected, selected
from bot.testing.signing import HttpResponse, slash_command, view_submission
from casework.referrals.lifecycle import Status
from retrieval.testing import HashingEmbedder
from tests.referrals.support import CASE, CBP_CHANNEL, IPRC_CHANNEL, LEAD, MEMBER, ROOM, member
from tests.referrals.support import set_up_case as set_up_notes
from tests.slack.casebot_app import RunningCasebot, slack_settings

__all__ = ["CASE", "CBP_CHANNEL", "IPRC_CHANNEL", "LEAD", "MEMBER", "ROOM"]

CARRIER_CHANNEL = "C0CARRIER1"
PARTNERS_YAML = f"""\
partners:
  - id: cbp
    name: Customs
    kind: government
    deliveries:
      - slack_channel: {CBP_CHANNEL}
    markings: [PUBLIC, LES]
  - id: iprc
    name: IPR Center
    kind: government
    deliveries:
      - slack_channel: {IPRC_CHANNEL}
    markings: [PUBLIC, LES]
    requires_approval: true
  - id: carrier
    name: Carrier
    kind: private
    deliveries:
      - slack_channel: {CARRIER_CHANNEL}
    markings: [PUBLIC]
    tlp: AMBER
"""
SUMMARY = (
    "Forty pallets of counterfeit batteries [1]; the broker's clerk, born 03/04/1985, "
    "took the order [1]."
)


@dataclass
class ReferralCasebot(RunningCasebot):
    documents: dict[str, str] = field(default_factory=dict)
    """Document ids by note file name (``seizure-report.txt``, ``grand-jury.txt``…)."""

    def slash(self, command: str, text: str, user: str = MEMBER, channel: str = ROOM) -> str:
        """Run a slash command; returns the ack's text (empty when there is none)."""
        response = self.send(slash_command(command, text, user, channel))
        return response.text

    def open_form_by_command(self, text: str = CASE, channel: str = ROOM) -> dict[str, Any]:
        """``/refer``; returns the form as Slack shows it once Casebot filled it in."""
        count = len(self.slack.calls("views.update")) + 1
        self.slash("/refer", text, MEMBER, channel)
        return self.filled_form(count)

    def filled_form(self, count: int = 1) -> dict[str, Any]:
        """The modal of the ``count``-th ``views.update``, as Slack then shows it."""
        self.slack.wait_for("views.open", count=count)
        update = self.slack.wait_for("views.update", count=count)[count - 1]
        return self.slack.view(str(update.params["view_id"]))

    def submit(
        self,
        view: dict[str, Any],
        values: dict[str, Any],
        user: str = MEMBER,
        **options: Any,
    ) -> dict[str, Any]:
        """Submit ``view`` with ``values``; returns Casebot's answer (``{}`` for a plain ack)."""
        response = self.send(view_submission(view, values, user, **options))
        return answer_of(response)

    def preview(self, values: dict[str, Any], view: dict[str, Any]) -> dict[str, Any]:
        """Submit the form; returns the preview as Slack then shows it."""
        answer = self.submit(view, values)
        assert answer.get("response_action") == "update", answer
        return self.slack.replace_view(str(view["id"]), answer["view"])

    def refer(self, partner: str, *names: str) -> str:
        """The whole flow with ``/refer`` in the case room; returns the new referral's id."""
        form = self.open_form_by_command()
        ids = [self.documents[name] for name in names or ("seizure-report.txt",)]
        preview = self.preview(form_values(form, partner, ids), form)
        assert self.submit(preview, {}) == {"response_action": "clear"}
        newest = self.services.referring.list(member(MEMBER))[0]
        return newest.id

    def wait_for_status(self, referral_id: str, status: Status, timeout: float = 10.0) -> None:
        """Until the referral is in ``status`` (the outbox's worker moves it on its thread)."""
        deadline = time.monotonic() + timeout
        pause = threading.Event()
        while True:
            now = self.services.referring.show(member(MEMBER), referral_id).status
            if now is status:
                return
            assert time.monotonic() < deadline, f"{referral_id} is {now}, not {status}"
            pause.wait(0.02)


def answer_of(response: HttpResponse) -> dict[str, Any]:
    if not response.body.strip():
        return {}
    answer: dict[str, Any] = response.json()
    return answer


@contextmanager
def referral_casebot(root: Path, slack: FakeSlackWebAPI) -> Iterator[ReferralCasebot]:
    partners = root / "partners.yml"
    root.mkdir(parents=True, exist_ok=True)
    partners.write_text(PARTNERS_YAML, encoding="utf-8")
    settings = slack_settings(root / "home", slack.url, CASEBOT_PARTNERS_FILE=partners)
    services = build_services(settings, embedder=HashingEmbedder())
    documents = set_up_notes(services, root / "notes")
    pools = Pools.sized(settings.slack_workers, settings.slack_queue_limit)
    app = build_app(settings, services, pools=pools, deliver_referrals=True)
    try:
        with HttpServer(app, "127.0.0.1", 0, threads=8) as server:
            yield ReferralCasebot(server.events_url, slack, services, pools, documents)
            pools.wait_idle(timeout=10)
    finally:
        pools.shutdown(wait=True)


# -- reading and filling what Casebot showed ---------------------------------------------------


def block(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    for candidate in view["blocks"]:
        if candidate.get("block_id") == block_id:
            found: dict[str, Any] = candidate
            return found
    raise AssertionError(f"no block {block_id} in {[b.get('block_id') for b in view['blocks']]}")


def options(view: dict[str, Any], block_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = block(view, block_id)["element"]["options"]
    return found


def option_with(view: dict[str, Any], block_id: str, value: str) -> dict[str, Any]:
    for candidate in options(view, block_id):
        if candidate["value"] == value:
            return candidate
    raise AssertionError(f"{value} is not offered in {block_id}")


def form_values(
    form: dict[str, Any],
    partner: str | None,
    document_ids: list[str],
    summary: str = SUMMARY,
    contact: str = "agent@example.gov",
) -> dict[str, Any]:
    """What the user would submit: the partner and documents chosen from the offered options,
    the subjects as preselected, ``summary`` typed over the draft."""
    partner_option = option_with(form, PARTNER_BLOCK, partner) if partner else None
    chosen = [option_with(form, EVIDENCE_BLOCK, d) for d in document_ids]
    values: dict[str, Any] = {
        PARTNER_BLOCK: {VALUE: selected("static_select", partner_option)},
        ACTION_BLOCK: {
            VALUE: selected("static_select", option_with(form, ACTION_BLOCK, "detain_shipment"))
        },
        PRIORITY_BLOCK: {
            VALUE: selected("radio_buttons", option_with(form, PRIORITY_BLOCK, "priority"))
        },
        SUMMARY_BLOCK: {VALUE: input_value("plain_text_input", summary)},
        EVIDENCE_BLOCK: {VALUE: multi_selected("multi_static_select", chosen)},
        CONTACT_BLOCK: {VALUE: input_value("plain_text_input", contact)},
    }
    subjects = [b for b in form["blocks"] if b.get("block_id") == SUBJECTS_BLOCK]
    if subjects:
        initial = subjects[0]["element"].get("initial_options", [])
        values[SUBJECTS_BLOCK] = {VALUE: multi_selected("multi_static_select", initial)}
    return values


def view_text(view: dict[str, Any]) -> str:
    """Every text of a view, as one string."""
    return json.dumps(view["blocks"], ensure_ascii=False)


def posted_in(slack: FakeSlackWebAPI, channel: str) -> list[RecordedCall]:
    return [call for call in slack.calls("chat.postMessage") if call.params["channel"] == channel]


def in_channel(channel: str) -> Callable[[RecordedCall], bool]:
    return lambda call: call.params.get("channel") == channel
