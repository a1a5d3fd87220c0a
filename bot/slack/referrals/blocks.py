"""Referrals as Block Kit: the message a partner receives, with its buttons."""

from __future__ import annotations

from typing import Final

from bot.slack.blocks import Block, Message, button, context, fallback_text, section
from bot.slack.mrkdwn import cut, escape
from bot.slack.referrals import texts
from casework.referrals.package import ReferralPackage, Subject
from casework.referrals.rendering_texts import PRIORITIES, REQUESTED_ACTIONS

ACKNOWLEDGE_ACTION: Final = "casebot_referral_acknowledge"
ACCEPT_ACTION: Final = "casebot_referral_accept"
DECLINE_ACTION: Final = "casebot_referral_decline"
PARTNER_ACTIONS: Final = (ACKNOWLEDGE_ACTION, ACCEPT_ACTION, DECLINE_ACTION)
SUMMARY_LIMIT: Final = 2500


def partner_message(package: ReferralPackage) -> Message:
    """What the partner's channel shows: who refers what, how to handle it, and the buttons
    (whose value is the referral id)."""
    blocks: list[Block] = [
        section(
            texts.PARTNER_HEADING.format(
                referral_id=escape(package.referral_id),
                version=package.version,
                case_id=escape(package.case_id),
            )
        ),
        context(_handling_line(package)),
        section(
            texts.PARTNER_REQUEST.format(
                action=REQUESTED_ACTIONS[package.requested_action],
                priority=PRIORITIES[package.priority],
            )
        ),
        section(
            texts.PARTNER_SUMMARY.format(summary=cut(escape(package.summary), SUMMARY_LIMIT, "…"))
        ),
    ]
    if package.subjects:
        names = ", ".join(_subject(subject) for subject in package.subjects)
        blocks.append(section(texts.PARTNER_SUBJECTS.format(subjects=names)))
    blocks.append(context(texts.PARTNER_EVIDENCE.format(count=len(package.evidence))))
    investigator = package.investigator
    blocks.append(
        context(
            texts.PARTNER_CONTACT.format(
                name=escape(investigator.name), contact=escape(investigator.contact)
            )
        )
    )
    blocks.append(_partner_buttons(package.referral_id))
    text = texts.PARTNER_FALLBACK.format(
        referral_id=package.referral_id,
        case_id=package.case_id,
        action=REQUESTED_ACTIONS[package.requested_action],
    )
    return Message(text=fallback_text(text), blocks=blocks)


def _summary(package: ReferralPackage) -> str:
    return cut(escape(package.summary), SUMMARY_LIMIT, "…")


def _handling_line(package: ReferralPackage) -> str:
    handling = package.handling
    tlp = texts.PARTNER_TLP.format(tlp=handling.tlp.value) if handling.tlp else ""
    return texts.PARTNER_HANDLING.format(
        tlp=tlp,
        markings=", ".join(handling.markings) or "PUBLIC",
        dissemination=escape(handling.dissemination),
    )


def _subject(subject: Subject) -> str:
    identifiers = ", ".join(escape(value) for _kind, value in subject.identifiers)
    name = escape(subject.name)
    return f"{name} ({identifiers})" if identifiers else name


def _partner_buttons(referral_id: str) -> Block:
    return {
        "type": "actions",
        "block_id": f"casebot_referral_{referral_id}",
        "elements": [
            button(ACKNOWLEDGE_ACTION, texts.ACKNOWLEDGE_LABEL, referral_id),
            button(ACCEPT_ACTION, texts.ACCEPT_LABEL, referral_id),
            button(DECLINE_ACTION, texts.DECLINE_LABEL, referral_id),
        ],
    }
