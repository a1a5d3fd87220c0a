"""The demo's referral step: the demo case referred to a fictional customs office over e-mail
and to a fictional marketplace's counterfeit-crimes unit over a webhook, each partner played by
a local stand-in on 127.0.0.1 (an SMTP server, a webhook that checks the signature)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path
from typing import Final

from rich.console import Console
from rich.markup import escape

from bot import texts
from bot.operator import operator_requester
from bot.services import Services
from bot.testing.partner_smtp import RecordingHandler, smtp_server
from bot.testing.partner_webhook import WebhookReceiver
from casework.referrals.package import Priority, ReferralPackage, RequestedAction, Subject
from casework.usecases.referring import ReferralDraft

CUSTOMS: Final = "demo-customs"
MARKETPLACE: Final = "demo-marketplace"
WEBHOOK_SECRET: Final = "demo-only-shared-secret"
EVIDENCE_TITLES: Final = ("intake memo", "surveillance and seizure log")
SELLER_PHONE: Final = "(312) 555-0142"
SELLER: Final = Subject("VoltHarbor Direct", (("phone", "+13125550142"),))
SUMMARY: Final = (
    "VoltHarbor Direct sold counterfeit Veloce e-bike batteries on QuillMart; 960 were held at "
    "the Port of Long Beach [2]. The seller's listed phone +1 312 555 0142 rang a mobile phone "
    "seized at the Carson unit [2]. The same number was printed on the packing inserts of "
    "counterfeit batteries in an indicted case [3]. The brand's manager, Harriet Lindqvist "
    "(+1 503 555 0131, brandprotection@veloce-cycleworks.example.com), reported the listings "
    "to us."
)


@dataclass(frozen=True)
class DemoPartners:
    partners_file: Path
    mailbox: RecordingHandler
    webhook: WebhookReceiver
    smtp_port: int

    def settings(self) -> dict[str, object]:
        """The settings that send the demo's referrals to the stand-ins."""
        return {
            "CASEBOT_PARTNERS_FILE": self.partners_file,
            "CASEBOT_SMTP_HOST": "127.0.0.1",
            "CASEBOT_SMTP_PORT": self.smtp_port,
            "CASEBOT_SMTP_STARTTLS": False,
            "CASEBOT_SMTP_FROM": "casebot@nipecc.example.org",
        }


@contextmanager
def demo_partners(folder: Path) -> Iterator[DemoPartners]:
    mailbox = RecordingHandler()
    webhook = WebhookReceiver(WEBHOOK_SECRET)
    with ExitStack() as stack:
        controller = stack.enter_context(smtp_server(mailbox))
        webhook.start()
        stack.callback(webhook.stop)
        folder.mkdir(parents=True, exist_ok=True)
        partners_file = folder / "demo-partners.yml"
        partners_file.write_text(_partners_yaml(webhook.url), encoding="utf-8")
        yield DemoPartners(partners_file, mailbox, webhook, int(controller.port))


def refer_demo_case(console: Console, services: Services, case_id: str) -> None:
    requester = operator_requester(services.settings.operator, case_id)
    form = services.referring.draft_form(requester, case_id)
    notes = [
        document.document_id
        for title in EVIDENCE_TITLES
        for document in form.documents
        if title in document.title.lower()
    ]
    card = services.looking_up.look_up(SELLER_PHONE, requester).card
    filings = [mention.document_id for mention in card.mentions if mention.kind == "filing"]
    evidence = tuple(dict.fromkeys([*notes, *filings]))
    referral_ids = []
    for partner_id, action in (
        (CUSTOMS, RequestedAction.DETAIN_SHIPMENT),
        (MARKETPLACE, RequestedAction.TAKE_DOWN_LISTING),
    ):
        draft = ReferralDraft(
            case_id=case_id,
            partner_id=partner_id,
            document_ids=evidence,
            summary=SUMMARY,
            requested_action=action,
            priority=Priority.PRIORITY,
            subjects=(SELLER,),
            investigator_name="Dana Whitlock",
            contact="dana.whitlock@nipecc.example.org",
        )
        submission = services.referring.submit(requester, draft, f"demo:{case_id}:{partner_id}")
        referral_ids.append(submission.referral.id)
        _print_policy(console, services.referring.package(requester, submission.referral.id))
    services.referral_outbox.drain_once()
    for referral_id in referral_ids:
        _print_deliveries(console, services, referral_id)


def print_partner_side(console: Console, partners: DemoPartners) -> None:
    for mail in partners.mailbox.received:
        message = message_from_bytes(mail.content, policy=policy.default)
        attachments = ", ".join(part.get_filename() or "" for part in message.iter_attachments())
        line = texts.DEMO_MAIL_RECEIVED.format(
            to=", ".join(mail.recipients), subject=message["Subject"], attachments=attachments
        )
        console.print(escape(line), highlight=False)
    for request in partners.webhook.received:
        line = texts.DEMO_WEBHOOK_RECEIVED.format(
            referral_id=request.headers.get("X-Casebot-Referral", ""),
            valid="valid" if request.signature_valid else "INVALID",
            key=request.headers.get("Idempotency-Key", ""),
        )
        console.print(escape(line), highlight=False)


def _print_policy(console: Console, package: ReferralPackage) -> None:
    console.print(
        escape(
            texts.DEMO_REFERRAL_HEADING.format(
                referral_id=package.referral_id,
                partner=package.partner.name,
                kind=package.partner.kind,
                tlp=package.handling.tlp.value if package.handling.tlp else "no TLP",
                evidence=len(package.evidence),
            )
        ),
        style="bold",
        highlight=False,
    )
    for withheld in package.policy.withheld:
        line = texts.DEMO_WITHHELD.format(item=withheld.item, reason=withheld.reason)
        console.print(escape(line), highlight=False)
    for redaction in package.policy.redactions:
        line = texts.DEMO_REDACTED.format(
            kind=redaction.kind, where=redaction.where, count=redaction.count
        )
        console.print(escape(line), highlight=False)
    console.print(escape(texts.DEMO_SUMMARY_SENT.format(summary=package.summary)), style="dim")


def _print_deliveries(console: Console, services: Services, referral_id: str) -> None:
    referral = services.referring.for_notice(referral_id)
    console.print(
        escape(texts.DEMO_REFERRAL_STATUS.format(referral_id=referral.id, status=referral.status)),
        highlight=False,
    )
    for delivery in referral.deliveries:
        line = texts.DEMO_DELIVERY.format(
            target=delivery.target_key, status=delivery.status, attempts=delivery.attempts
        )
        console.print(escape(line), highlight=False)


def _partners_yaml(webhook_url: str) -> str:
    return f"""\
partners:
  - id: {CUSTOMS}
    name: Lakeshire Customs, Port of Long Beach (fictional)
    kind: government
    deliveries:
      - email: ipr-referrals@customs.example.gov
    markings: [PUBLIC, LES]
  - id: {MARKETPLACE}
    name: QuillMart Counterfeit Crimes Unit (fictional)
    kind: private
    deliveries:
      - webhook: {webhook_url}
        secret: {WEBHOOK_SECRET}
    markings: [PUBLIC]
    tlp: AMBER+STRICT
"""
