"""The referral form (a modal): partner, requested action, priority, summary, subjects, evidence
and contact, filled from :class:`~casework.usecases.referring.DraftForm`, and reading it back
when it is submitted. Block ids are stable: Slack keeps what the user typed across updates by
them, and ``response_action: errors`` names them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from bot.slack.blocks import Block, section
from bot.slack.mrkdwn import escape
from bot.slack.referrals import texts
from bot.slack.referrals.drafts import Origin
from bot.slack.referrals.views import (
    OPTION_VALUE_LIMIT,
    OPTIONS_LIMIT,
    View,
    chosen_options,
    chosen_value,
    input_block,
    modal,
    option,
    text_input,
    text_of,
)
from casework.referrals.evidence import DocumentChoice
from casework.referrals.package import Priority, RequestedAction, Subject
from casework.referrals.rendering_texts import PRIORITIES, REQUESTED_ACTIONS
from casework.usecases.referring import DraftForm, PartnerChoice, ReferralDraft

FORM_CALLBACK: Final = "casebot_referral_form"
PARTNER_BLOCK: Final = "referral_partner"
ACTION_BLOCK: Final = "referral_action"
PRIORITY_BLOCK: Final = "referral_priority"
SUMMARY_BLOCK: Final = "referral_summary"
SUBJECTS_BLOCK: Final = "referral_subjects"
EVIDENCE_BLOCK: Final = "referral_evidence"
CONTACT_BLOCK: Final = "referral_contact"
VALUE: Final = "value"
"""Every input's action id: the block id says which input it is."""
SUMMARY_LIMIT: Final = 2000
CONTACT_LIMIT: Final = 200


@dataclass(frozen=True)
class FormReading:
    draft: ReferralDraft | None
    errors: dict[str, str]
    """Block id → what to fix; empty when ``draft`` is set."""


def form_view(form: DraftForm, origin: Origin) -> View:
    blocks: list[Block] = [
        section(texts.FORM_INTRO.format(case_id=escape(form.case_id))),
        _partner_input(form.partners),
        _action_input(),
        _priority_input(),
        _summary_input(form.summary),
    ]
    subjects = _subject_options(form.subjects)
    if subjects:
        blocks.append(_multi_input(SUBJECTS_BLOCK, texts.LABEL_SUBJECTS, subjects, subjects))
    documents = _document_options(form.documents, form.cited_document_ids)
    cited = [o for o in documents if o["value"] in set(form.cited_document_ids)]
    evidence = _multi_input(
        EVIDENCE_BLOCK, texts.LABEL_EVIDENCE, documents, cited, hint=texts.HINT_EVIDENCE
    )
    blocks.append(evidence)
    contact = text_input(VALUE, max_length=CONTACT_LIMIT)
    blocks.append(input_block(CONTACT_BLOCK, texts.LABEL_CONTACT, contact, optional=True))
    return modal(
        texts.FORM_TITLE,
        blocks,
        callback_id=FORM_CALLBACK,
        submit=texts.NEXT,
        metadata=origin.dumps(),
    )


def read_form(view: View, case_id: str) -> FormReading:
    partner = chosen_value(view, PARTNER_BLOCK, VALUE)
    documents = tuple(str(o["value"]) for o in chosen_options(view, EVIDENCE_BLOCK, VALUE))
    summary = text_of(view, SUMMARY_BLOCK, VALUE)
    errors = {}
    if not partner:
        errors[PARTNER_BLOCK] = texts.NEEDS_PARTNER
    if not documents:
        errors[EVIDENCE_BLOCK] = texts.NEEDS_EVIDENCE
    if not summary:
        errors[SUMMARY_BLOCK] = texts.NEEDS_SUMMARY
    if errors or partner is None:
        return FormReading(None, errors)
    action = chosen_value(view, ACTION_BLOCK, VALUE) or RequestedAction.INFORMATION_ONLY.value
    priority = chosen_value(view, PRIORITY_BLOCK, VALUE) or Priority.ROUTINE.value
    draft = ReferralDraft(
        case_id=case_id,
        partner_id=partner,
        document_ids=documents,
        summary=summary[:SUMMARY_LIMIT],
        requested_action=RequestedAction(action),
        priority=Priority(priority),
        subjects=tuple(_subject(o) for o in chosen_options(view, SUBJECTS_BLOCK, VALUE)),
        contact=text_of(view, CONTACT_BLOCK, VALUE)[:CONTACT_LIMIT],
    )
    return FormReading(draft, {})


def _partner_input(partners: tuple[PartnerChoice, ...]) -> Block:
    element = {
        "type": "static_select",
        "action_id": VALUE,
        "placeholder": {"type": "plain_text", "text": texts.CHOOSE_PARTNER},
        "options": [option(_partner_text(p), p.id) for p in partners[:OPTIONS_LIMIT]],
    }
    return input_block(PARTNER_BLOCK, texts.LABEL_PARTNER, element)


def _partner_text(partner: PartnerChoice) -> str:
    return texts.PARTNER_OPTION.format(
        name=partner.name,
        kind=partner.kind,
        tlp=texts.PARTNER_OPTION_TLP.format(tlp=partner.tlp) if partner.tlp else "",
        approval=texts.PARTNER_OPTION_APPROVAL if partner.requires_approval else "",
    )


def _action_input() -> Block:
    options = [option(label, action.value) for action, label in REQUESTED_ACTIONS.items()]
    initial = next(o for o in options if o["value"] == RequestedAction.INFORMATION_ONLY.value)
    element = {
        "type": "static_select",
        "action_id": VALUE,
        "options": options,
        "initial_option": initial,
    }
    return input_block(ACTION_BLOCK, texts.LABEL_ACTION, element)


def _priority_input() -> Block:
    options = [option(label, priority.value) for priority, label in PRIORITIES.items()]
    element = {
        "type": "radio_buttons",
        "action_id": VALUE,
        "options": options,
        "initial_option": options[0],
    }
    return input_block(PRIORITY_BLOCK, texts.LABEL_PRIORITY, element)


def _summary_input(summary: str) -> Block:
    element = text_input(VALUE, multiline=True, max_length=SUMMARY_LIMIT)
    if summary:
        element["initial_value"] = summary[:SUMMARY_LIMIT]
    return input_block(SUMMARY_BLOCK, texts.LABEL_SUMMARY, element, hint=texts.HINT_SUMMARY)


def _multi_input(
    block_id: str,
    label: str,
    options: list[dict[str, Any]],
    initial: list[dict[str, Any]],
    hint: str | None = None,
) -> Block:
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "action_id": VALUE,
        "placeholder": {"type": "plain_text", "text": texts.CHOOSE},
        "options": options,
    }
    if initial:
        element["initial_options"] = initial
    optional = block_id == SUBJECTS_BLOCK
    return input_block(block_id, label, element, optional=optional, hint=hint)


def _document_options(
    documents: tuple[DocumentChoice, ...], cited: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The cited documents first, so they are among the 100 a select may offer."""
    wanted = set(cited)
    ordered = [d for d in documents if d.document_id in wanted]
    ordered += [d for d in documents if d.document_id not in wanted]
    return [
        option(texts.DOCUMENT_OPTION.format(title=d.title, marking=d.marking), d.document_id)
        for d in ordered[:OPTIONS_LIMIT]
    ]


def _subject_options(subjects: tuple[Subject, ...]) -> list[dict[str, Any]]:
    """Each subject's first identifier travels in its value; its name is the option's text."""
    options = []
    for subject in subjects[:OPTIONS_LIMIT]:
        if not subject.identifiers:
            continue
        value = json.dumps(list(subject.identifiers[0]), ensure_ascii=False)
        if len(value) <= OPTION_VALUE_LIMIT:
            options.append(option(subject.name, value))
    return options


def _subject(chosen: dict[str, Any]) -> Subject:
    kind, value = json.loads(str(chosen["value"]))
    name = str((chosen.get("text") or {}).get("text") or value)
    return Subject(name, ((str(kind), str(value)),))
