"""The form's and the preview's submissions.

The form: invalid input comes back as ``response_action: errors`` on its block; valid input
becomes the preview (``response_action: update``), built by the use case, with the draft in its
``private_metadata``. The preview: :meth:`Referring.submit` with ``{view id}:send`` as its
client token, so a double click or a redelivered request makes one referral; then the modal
closes, the outbox is woken, the sender and the case's rooms are told and, if the partner
requires it, the leads are asked to approve. Both answer within Slack's three seconds: a preview
and a submission are a few database reads and one transaction."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.slack import replies
from bot.slack.blocks import Message, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts
from bot.slack.referrals.approval import ask_leads
from bot.slack.referrals.drafts import Origin, draft_from, draft_metadata, origin_from
from bot.slack.referrals.form import EVIDENCE_BLOCK, FORM_CALLBACK, read_form
from bot.slack.referrals.notices import partner_name, tell_case_rooms
from bot.slack.referrals.people import person
from bot.slack.referrals.preview import PREVIEW_CALLBACK, preview_view
from bot.slack.referrals.views import notice_view
from casework.errors import CasebotError
from casework.referrals.lifecycle import Status
from casework.referrals.store import ReferralView
from casework.usecases.referring import ReferralDraft
from casework.usecases.requester import Requester, Surface

log = logging.getLogger(__name__)

Listener = Callable[..., None]


def register(app: App, deps: Deps) -> None:
    app.view(FORM_CALLBACK)(_form_listener(deps))
    app.view(PREVIEW_CALLBACK)(_preview_listener(deps))


def _form_listener(deps: Deps) -> Listener:
    def on_form(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        origin = origin_from(view.get("private_metadata", ""))
        reading = read_form(view, origin.case_id)
        if reading.draft is None:
            ack(response_action="errors", errors=reading.errors)
            return
        draft = _signed(deps, reading.draft, body["user"]["id"])
        metadata = draft_metadata(origin, draft)
        if metadata is None:
            ack(response_action="errors", errors={EVIDENCE_BLOCK: texts.TOO_LONG_FOR_SLACK})
            return
        requester = Requester.in_modal(body["user"]["id"], origin.channel_id, Surface.REFER)
        referring = deps.services.referring
        try:
            package = referring.preview(requester, draft)
            partner = referring.partner_choice(draft.partner_id)
        except CasebotError as error:
            text = texts.REFER_FAILED.format(reason=escape(str(error)))
            ack(response_action="update", view=notice_view(texts.PREVIEW_TITLE, text))
            return
        ack(response_action="update", view=preview_view(package, partner, metadata))

    return on_form


def _preview_listener(deps: Deps) -> Listener:
    def on_preview(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        origin, draft = draft_from(view["private_metadata"])
        user_id = body["user"]["id"]
        requester = Requester.in_modal(user_id, origin.channel_id, Surface.REFER)
        try:
            submission = deps.services.referring.submit(
                requester, draft, client_token=f"{view['id']}:send"
            )
        except CasebotError as error:
            text = texts.SUBMIT_FAILED.format(reason=escape(str(error)))
            ack(response_action="update", view=notice_view(texts.PREVIEW_TITLE, text))
            return
        ack(response_action="clear")
        if submission.created:
            deps.outbox.wake()
            referral = submission.referral
            deps.pools.notices.submit(lambda: announce(deps, referral, origin, user_id))

    return on_preview


def _signed(deps: Deps, draft: ReferralDraft, user_id: str) -> ReferralDraft:
    """The investigator's name from their Slack profile; their e-mail when the form gave no
    other contact."""
    sender = person(deps.client, user_id)
    return dataclasses.replace(
        draft, investigator_name=sender.name, contact=draft.contact or sender.email
    )


def announce(deps: Deps, referral: ReferralView, origin: Origin, user_id: str) -> None:
    awaiting = referral.status is Status.AWAITING_APPROVAL
    fields = {
        "referral_id": escape(referral.id),
        "partner": partner_name(referral),
        "case_id": escape(referral.case_id),
        "user_id": user_id,
    }
    to_sender = texts.AWAITING_TO_SENDER if awaiting else texts.SENT_TO_SENDER
    _tell_sender(deps, origin.channel_id, user_id, to_sender.format(**fields))
    room_line = texts.ROOM_AWAITING if awaiting else texts.ROOM_SUBMITTED
    tell_case_rooms(deps, referral.case_id, room_line.format(**fields))
    if awaiting:
        ask_leads(deps, referral)


def _tell_sender(deps: Deps, channel_id: str, user_id: str, text: str) -> None:
    """Ephemeral where the form was opened; a direct message when that is not possible."""
    if channel_id and replies.tell(deps.client, channel_id, user_id, text):
        return
    try:
        replies.post(deps.client, user_id, Message(text=text, blocks=[section(text)]))
    except Exception:
        log.exception("could not tell %s about their referral", user_id)
