"""Opening the referral form from ``/refer`` or an answer's "Refer to a partner" button.

A trigger_id lives three seconds, and building the form reads the case's documents and
subjects, so the listener opens a small "Preparing the referral…" modal at once and the answers
pool replaces it with the form (``views.update`` with the view's id and hash, so a modal the
user has moved on from is left alone)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.slack.deps import Deps
from bot.slack.failures import new_reference
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts
from bot.slack.referrals.drafts import Origin
from bot.slack.referrals.form import form_view
from bot.slack.referrals.views import View, notice_view, preparing_view
from casework.errors import CasebotError
from casework.usecases.requester import Requester, Surface

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FormRequest:
    user_id: str
    channel_id: str
    trigger_id: str
    case_id: str | None
    """Named by ``/refer CASE_ID`` or the channel's case; else the case of the cited notes."""
    question_audit_id: int | None = None


@dataclass(frozen=True)
class OpenedView:
    id: str
    hash: str


def open_form(deps: Deps, request: FormRequest) -> bool:
    """Call inside the listener, before the trigger expires; False if Slack would not open
    the modal."""
    try:
        opened = deps.client.views_open(trigger_id=request.trigger_id, view=preparing_view())
    except SlackApiError as error:
        log.warning("views.open for a referral form refused: %s", error)
        return False
    view = opened["view"]
    shown = OpenedView(str(view["id"]), str(view["hash"]))
    if not deps.pools.answers.submit(lambda: fill_form(deps, request, shown)):
        _show(deps, shown, notice_view(texts.FORM_TITLE, texts.REFER_BUSY))
    return True


def fill_form(deps: Deps, request: FormRequest, shown: OpenedView) -> None:
    try:
        view = _form_or_notice(deps, request)
    except CasebotError as error:
        view = notice_view(texts.FORM_TITLE, texts.REFER_FAILED.format(reason=escape(str(error))))
    except Exception as error:
        reference = new_reference()
        log.error("the referral form failed (reference %s)", reference, exc_info=error)
        text = texts.REFER_BROKEN.format(error_type=type(error).__name__, reference=reference)
        view = notice_view(texts.FORM_TITLE, text)
    _show(deps, shown, view)


def _form_or_notice(deps: Deps, request: FormRequest) -> View:
    referring = deps.services.referring
    requester = Requester.in_modal(request.user_id, request.channel_id, Surface.REFER)
    cited: tuple[str, ...] = ()
    case_id = request.case_id
    if request.question_audit_id is not None:
        found = referring.cited_documents(requester, request.question_audit_id)
        cited, case_id = found.document_ids, case_id or found.case_id
    if case_id is None:
        return notice_view(texts.FORM_TITLE, texts.REFER_NEEDS_CASE)
    form = referring.draft_form(requester, case_id, cited)
    if not form.partners:
        return notice_view(texts.FORM_TITLE, texts.NO_PARTNERS)
    if not form.documents:
        return notice_view(texts.FORM_TITLE, texts.NO_DOCUMENTS.format(case_id=escape(case_id)))
    origin = Origin(case_id, request.channel_id, request.question_audit_id)
    return form_view(form, origin)


def _show(deps: Deps, shown: OpenedView, view: View) -> None:
    try:
        deps.client.views_update(view_id=shown.id, hash=shown.hash, view=view)
    except SlackApiError as error:
        log.warning("views.update of referral form %s refused: %s", shown.id, error)
