"""Referrals by e-mail: one message per target with a short plain-text cover note, the PDF and
the JSON attached. For a private partner the subject starts with the TLP label.

Failures are sorted for the outbox: a refusal the server means (5xx, no STARTTLS, a certificate
that does not verify) is permanent; a deferral (4xx), a timeout or a server that cannot be
reached is temporary.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from casework.referrals import rendering_texts
from casework.referrals.delivery import DeliveryFailedError, DeliveryTarget, Rendered, TargetKind
from casework.referrals.package import SCHEMA_VERSION, ReferralPackage
from casework.referrals.senders import require_kind, texts


class SmtpSender:
    kind = TargetKind.EMAIL

    def __init__(
        self,
        host: str,
        port: int,
        from_address: str,
        *,
        starttls: bool,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.host = host
        self.port = port
        self.from_address = from_address
        self.starttls = starttls
        self.username = username
        self.password = password
        self.timeout = timeout

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        """Delivers the message; returns its ``Message-ID``."""
        require_kind(target, self.kind, "e-mail")
        message = referral_message(rendered, self.from_address, target.address)
        try:
            self._submit(message)
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()), (550, b""))
            raise self._refusal(target.address, code, reply) from error
        except smtplib.SMTPResponseException as error:
            raise self._refusal(target.address, error.smtp_code, error.smtp_error) from error
        except smtplib.SMTPNotSupportedError as error:
            message_text = texts.SMTP_NO_STARTTLS.format(host=self.host)
            raise DeliveryFailedError(message_text, permanent=True) from error
        except ssl.SSLCertVerificationError as error:
            reason = error.verify_message or str(error)
            message_text = texts.SMTP_CERTIFICATE.format(host=self.host, reason=reason)
            raise DeliveryFailedError(message_text, permanent=True) from error
        except (smtplib.SMTPException, OSError) as error:
            reason = str(error) or type(error).__name__
            message_text = texts.SMTP_UNREACHABLE.format(
                host=self.host, port=self.port, reason=reason
            )
            raise DeliveryFailedError(message_text) from error
        return str(message["Message-ID"])

    def _submit(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username is not None:
                smtp.login(self.username, self.password or "")
            smtp.send_message(message)

    def _refusal(self, address: str, code: int, reply: bytes | str) -> DeliveryFailedError:
        text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
        facts = {"host": self.host, "address": address, "code": code, "reply": text}
        if 400 <= code < 500:
            return DeliveryFailedError(texts.SMTP_DEFERRED.format(**facts))
        return DeliveryFailedError(texts.SMTP_REFUSED.format(**facts), permanent=True)


def referral_message(rendered: Rendered, from_address: str, to_address: str) -> EmailMessage:
    package = rendered.package
    message = EmailMessage()
    message["Subject"] = email_subject(package)
    message["From"] = from_address
    message["To"] = to_address
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=_domain(from_address))
    message["X-Casebot-Referral"] = f"{package.referral_id}-v{package.version}"
    reply_to = _email_address(package.investigator.contact)
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(email_body(rendered))
    message.add_attachment(
        rendered.pdf, maintype="application", subtype="pdf", filename=rendered.pdf_name
    )
    message.add_attachment(
        rendered.json_text.encode("utf-8"),
        maintype="application",
        subtype="json",
        filename=json_name(rendered),
    )
    return message


def email_subject(package: ReferralPackage) -> str:
    subject = texts.EMAIL_SUBJECT.format(
        referral_id=package.referral_id,
        version=package.version,
        case_id=package.case_id,
        action=rendering_texts.REQUESTED_ACTIONS[package.requested_action],
        priority=rendering_texts.PRIORITIES[package.priority],
    )
    tlp = package.handling.tlp
    if tlp is None:
        return subject
    return texts.EMAIL_SUBJECT_WITH_TLP.format(tlp=tlp.value, subject=subject)


def email_body(rendered: Rendered) -> str:
    package = rendered.package
    return texts.EMAIL_BODY.format(
        referral_id=package.referral_id,
        version=package.version,
        case_id=package.case_id,
        action=rendering_texts.REQUESTED_ACTIONS[package.requested_action],
        priority=rendering_texts.PRIORITIES[package.priority],
        handling=handling_line(package),
        pdf_name=rendered.pdf_name,
        json_name=json_name(rendered),
        schema_version=SCHEMA_VERSION,
        investigator=package.investigator.name,
        contact=package.investigator.contact,
    )


def handling_line(package: ReferralPackage) -> str:
    handling = package.handling
    markings = ", ".join(handling.markings) or texts.NO_MARKINGS
    if handling.tlp is None:
        return texts.HANDLING_WITHOUT_TLP.format(
            markings=markings, dissemination=handling.dissemination
        )
    return texts.HANDLING_WITH_TLP.format(
        tlp_meaning=rendering_texts.TLP_MEANINGS[handling.tlp],
        markings=markings,
        dissemination=handling.dissemination,
    )


def json_name(rendered: Rendered) -> str:
    return rendered.pdf_name.removesuffix(".pdf") + ".json"


def _domain(address: str) -> str:
    return parseaddr(address)[1].rpartition("@")[2] or "casebot.invalid"


def _email_address(contact: str) -> str | None:
    """The investigator's contact when it is an e-mail address (it may be a phone number)."""
    address = parseaddr(contact)[1]
    return address if "@" in address else None
