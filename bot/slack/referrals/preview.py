"""The preview modal: the package exactly as :meth:`Referring.preview` builds it — the summary
redacted as it will go, the evidence, and the policy's account of what was withheld (and why)
and redacted — with "Send" or "Ask a lead to approve". The draft rides in ``private_metadata``."""

from __future__ import annotations

from typing import Final

from bot.slack.blocks import Block, context, section
from bot.slack.mrkdwn import cut, escape
from bot.slack.referrals import texts
from bot.slack.referrals.views import View, modal
from casework.referrals.package import PolicyResult, ReferralPackage
from casework.referrals.rendering_texts import PRIORITIES, REQUESTED_ACTIONS
from casework.referrals.texts import REDACTION_LABELS
from casework.usecases.referring import PartnerChoice

PREVIEW_CALLBACK: Final = "casebot_referral_preview"
LIST_LIMIT: Final = 2800
"""A section holds 3,000 characters; lists longer than this are cut with "…"."""


def preview_view(package: ReferralPackage, partner: PartnerChoice, metadata: str) -> View:
    policy = package.policy
    blocks: list[Block] = [
        section(_partner_line(package)),
        section(
            texts.PREVIEW_REQUEST.format(
                action=REQUESTED_ACTIONS[package.requested_action],
                priority=PRIORITIES[package.priority],
            )
        ),
        section(texts.PREVIEW_SUMMARY.format(summary=escape(package.summary))),
    ]
    if package.subjects:
        names = ", ".join(escape(subject.name) for subject in package.subjects)
        blocks.append(section(texts.PREVIEW_SUBJECTS.format(subjects=names)))
    blocks.append(section(_evidence(package)))
    blocks.extend(_policy_blocks(policy))
    handling = package.handling
    blocks.append(
        context(
            texts.PREVIEW_HANDLING.format(
                markings=", ".join(handling.markings) or "PUBLIC",
                dissemination=escape(handling.dissemination),
            )
        )
    )
    if not policy.allowed:
        reason = escape(policy.blocked_reason or "")
        blocks.append(section(texts.PREVIEW_BLOCKED.format(reason=reason)))
        return modal(texts.PREVIEW_TITLE, blocks, callback_id=PREVIEW_CALLBACK, metadata=metadata)
    blocks.append(section(_next_step(package, partner)))
    submit = texts.ASK_APPROVAL if partner.requires_approval else texts.SEND
    return modal(
        texts.PREVIEW_TITLE, blocks, callback_id=PREVIEW_CALLBACK, submit=submit, metadata=metadata
    )


def _partner_line(package: ReferralPackage) -> str:
    tlp = package.handling.tlp
    return texts.PREVIEW_PARTNER.format(
        name=escape(package.partner.name),
        kind=escape(package.partner.kind),
        tlp=texts.PREVIEW_TLP.format(tlp=tlp.value) if tlp else "",
    )


def _evidence(package: ReferralPackage) -> str:
    items = "\n".join(
        texts.PREVIEW_EVIDENCE_ITEM.format(
            title=escape(item.title),
            page=texts.PREVIEW_PAGE.format(page=item.page) if item.page else "",
            marking=escape(item.marking),
        )
        for item in package.evidence
    )
    text = texts.PREVIEW_EVIDENCE.format(count=len(package.evidence), items=items)
    return cut(text, LIST_LIMIT, "…")


def _policy_blocks(policy: PolicyResult) -> list[Block]:
    blocks: list[Block] = []
    if policy.withheld:
        items = "\n".join(
            texts.PREVIEW_WITHHELD_ITEM.format(item=escape(w.item), reason=escape(w.reason))
            for w in policy.withheld
        )
        text = texts.PREVIEW_WITHHELD.format(count=len(policy.withheld), items=items)
        blocks.append(section(cut(text, LIST_LIMIT, "…")))
    if policy.redactions:
        items = "\n".join(
            texts.PREVIEW_REDACTED_ITEM.format(
                count=r.count,
                kind=escape(REDACTION_LABELS.get(r.kind, r.kind)),
                where=escape(r.where),
            )
            for r in policy.redactions
        )
        blocks.append(section(cut(texts.PREVIEW_REDACTED.format(items=items), LIST_LIMIT, "…")))
    if not blocks:
        blocks.append(context(texts.PREVIEW_NOTHING_WITHHELD))
    return blocks


def _next_step(package: ReferralPackage, partner: PartnerChoice) -> str:
    name = escape(partner.name)
    if partner.requires_approval:
        return texts.PREVIEW_NEEDS_APPROVAL.format(partner=name, case_id=escape(package.case_id))
    return texts.PREVIEW_GOES_NOW.format(partner=name)
