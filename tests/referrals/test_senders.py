"""The e-mail and webhook senders against real servers on 127.0.0.1: an aiosmtpd SMTP server and
an ``http.server`` webhook that verifies the signature as a partner would."""

from __future__ import annotations

import email
import email.policy
import io
import json
import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from pypdf import PdfReader

from bot.testing.partner_smtp import PasswordCheck, RecordingHandler, free_port, smtp_server
from bot.testing.partner_webhook import WebhookReceiver
from casework.referrals.delivery import (
    DeliveryFailedError,
    DeliveryTarget,
    Rendered,
    Sender,
    TargetKind,
)
from casework.referrals.rendering import render
from casework.referrals.senders.smtp import SmtpSender
from casework.referrals.senders.webhook import WebhookSender, sign, verify_signature
from tests.referrals.delivery_packages import full_package, minimal_package

PARTNER_MAILBOX = "referrals@acme.example"
SECRET = "shared-secret-for-acme"


@pytest.fixture(scope="module")
def rendered() -> Rendered:
    return render(full_package())


def mail_target() -> DeliveryTarget:
    return DeliveryTarget(TargetKind.EMAIL, PARTNER_MAILBOX)


def sender_for(
    port: int,
    *,
    starttls: bool = False,
    username: str | None = None,
    password: str | None = None,
) -> SmtpSender:
    return SmtpSender(
        "127.0.0.1",
        port,
        "casebot@agency.example",
        starttls=starttls,
        username=username,
        password=password,
        timeout=5,
    )


def parsed(content: bytes) -> EmailMessage:
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


# E-mail


def test_an_email_carries_the_cover_note_the_pdf_and_the_json(rendered: Rendered) -> None:
    handler = RecordingHandler()
    with smtp_server(handler) as server:
        reference = sender_for(server.port).send(mail_target(), rendered)

    [mail] = handler.received
    assert mail.recipients == (PARTNER_MAILBOX,)
    message = parsed(mail.content)
    assert message["Message-ID"] == reference
    assert message["Subject"].startswith("TLP:AMBER ")
    assert "REF-2026-0042" in message["Subject"]
    assert message["Reply-To"] == "dana.reyes@example.gov"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    note = body.get_content()
    for expected in ("REF-2026-0042", "OP-HARBOR-LIGHT", "Take down the listing", "Immediate"):
        assert expected in note
    assert "TLP:AMBER" in note
    assert "dana.reyes@example.gov" in note


def test_the_attached_pdf_and_json_are_the_rendered_ones(rendered: Rendered) -> None:
    handler = RecordingHandler()
    with smtp_server(handler) as server:
        sender_for(server.port).send(mail_target(), rendered)

    attachments = {
        part.get_filename(): part for part in parsed(handler.received[0].content).iter_attachments()
    }
    pdf_part = attachments["referral-REF-2026-0042-v2.pdf"]
    json_part = attachments["referral-REF-2026-0042-v2.json"]
    assert pdf_part.get_content_type() == "application/pdf"
    assert json_part.get_content_type() == "application/json"
    pdf = pdf_part.get_content()
    assert pdf == rendered.pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "REF-2026-0042" in text
    assert json.loads(json_part.get_content()) == full_package().as_json()


def test_a_government_partner_gets_no_tlp_in_the_subject() -> None:
    handler = RecordingHandler()
    with smtp_server(handler) as server:
        sender_for(server.port).send(mail_target(), render(minimal_package()))

    message = parsed(handler.received[0].content)
    assert message["Subject"].startswith("Referral REF-2026-0001")
    assert "TLP:" not in message["Subject"]
    assert message["Reply-To"] is None


@pytest.mark.parametrize(
    ("reply", "permanent"),
    [("451 4.3.0 Mailbox busy, try later", False), ("550 5.1.1 No such user", True)],
)
def test_a_refused_recipient_is_temporary_for_4xx_and_permanent_for_5xx(
    rendered: Rendered, reply: str, permanent: bool
) -> None:
    handler = RecordingHandler(rcpt_reply=reply)
    with smtp_server(handler) as server, pytest.raises(DeliveryFailedError) as failure:
        sender_for(server.port).send(mail_target(), rendered)

    assert failure.value.permanent is permanent
    assert reply[:3] in str(failure.value)
    assert handler.received == []


@pytest.mark.parametrize(
    ("reply", "permanent"),
    [("452 4.3.1 Insufficient storage", False), ("554 5.7.1 Rejected as spam", True)],
)
def test_a_rejected_message_is_temporary_for_4xx_and_permanent_for_5xx(
    rendered: Rendered, reply: str, permanent: bool
) -> None:
    handler = RecordingHandler(data_reply=reply)
    with smtp_server(handler) as server, pytest.raises(DeliveryFailedError) as failure:
        sender_for(server.port).send(mail_target(), rendered)

    assert failure.value.permanent is permanent
    assert reply[:3] in str(failure.value)


def test_a_stopped_mail_server_is_a_temporary_failure(rendered: Rendered) -> None:
    with smtp_server(RecordingHandler()) as server:
        port = server.port

    with pytest.raises(DeliveryFailedError) as failure:
        sender_for(port).send(mail_target(), rendered)

    assert failure.value.permanent is False


def test_starttls_demanded_of_a_server_without_it_sends_nothing(rendered: Rendered) -> None:
    handler = RecordingHandler()
    with smtp_server(handler) as server, pytest.raises(DeliveryFailedError) as failure:
        sender_for(server.port, starttls=True).send(mail_target(), rendered)

    assert failure.value.permanent is True
    assert "STARTTLS" in str(failure.value)
    assert handler.received == []


@pytest.mark.parametrize(("password", "delivered"), [("right", True), ("wrong", False)])
def test_the_sender_logs_in_when_given_a_username(
    rendered: Rendered, password: str, delivered: bool
) -> None:
    handler = RecordingHandler()
    check = PasswordCheck("casebot", "right")
    with smtp_server(handler, authenticator=check, auth_require_tls=False) as server:
        sender = sender_for(server.port, username="casebot", password=password)
        if delivered:
            sender.send(mail_target(), rendered)
        else:
            with pytest.raises(DeliveryFailedError) as failure:
                sender.send(mail_target(), rendered)
            assert failure.value.permanent is True

    assert len(handler.received) == (1 if delivered else 0)


def test_the_mail_sender_refuses_a_webhook_target(rendered: Rendered) -> None:
    target = DeliveryTarget(TargetKind.WEBHOOK, "https://acme.example/hook", SECRET)

    with pytest.raises(DeliveryFailedError) as failure:
        sender_for(free_port()).send(target, rendered)

    assert failure.value.permanent is True


# Webhook


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebhookReceiver]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    receiver = WebhookReceiver(SECRET)
    receiver.start()
    yield receiver
    receiver.stop()


def hook_target(receiver: WebhookReceiver, secret: str = SECRET) -> DeliveryTarget:
    return DeliveryTarget(TargetKind.WEBHOOK, receiver.url, secret)


def test_a_webhook_delivery_is_signed_and_carries_the_package(
    receiver: WebhookReceiver, rendered: Rendered
) -> None:
    reference = WebhookSender(timeout=5).send(hook_target(receiver), rendered)

    [request] = receiver.received
    assert request.signature_valid is True
    assert reference == "partner-1"
    assert request.path == "/hooks/casebot"
    assert request.body == rendered.json_text.encode("utf-8")
    assert json.loads(request.body) == full_package().as_json()
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Casebot-Referral"] == "REF-2026-0042"
    assert request.headers["Idempotency-Key"] == "REF-2026-0042-v2"
    assert abs(int(request.headers["X-Casebot-Timestamp"]) - time.time()) < 60


def test_the_receiver_detects_a_wrong_secret(receiver: WebhookReceiver, rendered: Rendered) -> None:
    with pytest.raises(DeliveryFailedError) as failure:
        WebhookSender(timeout=5).send(hook_target(receiver, "not-the-secret"), rendered)

    assert [request.signature_valid for request in receiver.received] == [False]
    assert failure.value.permanent is True


def test_the_receiver_rejects_a_stale_timestamp(
    receiver: WebhookReceiver, rendered: Rendered
) -> None:
    an_hour_ago = time.time() - 3600

    with pytest.raises(DeliveryFailedError):
        WebhookSender(timeout=5, clock=lambda: an_hour_ago).send(hook_target(receiver), rendered)

    assert [request.signature_valid for request in receiver.received] == [False]


def test_a_server_error_is_temporary_and_the_retry_keeps_its_idempotency_key(
    receiver: WebhookReceiver, rendered: Rendered
) -> None:
    receiver.answer(500)
    sender = WebhookSender(timeout=5)

    with pytest.raises(DeliveryFailedError) as failure:
        sender.send(hook_target(receiver), rendered)
    reference = sender.send(hook_target(receiver), rendered)

    assert failure.value.permanent is False
    assert "500" in str(failure.value)
    assert reference == "partner-2"
    keys = {request.headers["Idempotency-Key"] for request in receiver.received}
    assert keys == {"REF-2026-0042-v2"}


@pytest.mark.parametrize(
    ("status", "permanent"),
    [(400, True), (404, True), (410, True), (301, True), (408, False), (429, False), (503, False)],
)
def test_what_a_webhook_answer_means(
    receiver: WebhookReceiver, rendered: Rendered, status: int, permanent: bool
) -> None:
    receiver.answer(status)

    with pytest.raises(DeliveryFailedError) as failure:
        WebhookSender(timeout=5).send(hook_target(receiver), rendered)

    assert failure.value.permanent is permanent
    assert str(status) in str(failure.value)


def test_a_closed_port_is_a_temporary_failure(rendered: Rendered) -> None:
    target = DeliveryTarget(TargetKind.WEBHOOK, f"http://127.0.0.1:{free_port()}/hook", SECRET)

    with pytest.raises(DeliveryFailedError) as failure:
        WebhookSender(timeout=5).send(target, rendered)

    assert failure.value.permanent is False


def test_a_webhook_slower_than_the_timeout_is_a_temporary_failure(
    receiver: WebhookReceiver, rendered: Rendered
) -> None:
    receiver.delay_seconds = 1.0

    with pytest.raises(DeliveryFailedError) as failure:
        WebhookSender(timeout=0.2).send(hook_target(receiver), rendered)

    assert failure.value.permanent is False


@pytest.mark.parametrize(
    "target",
    [
        DeliveryTarget(TargetKind.WEBHOOK, "http://127.0.0.1:9/hook", None),
        DeliveryTarget(TargetKind.WEBHOOK, "ftp://127.0.0.1/hook", SECRET),
        DeliveryTarget(TargetKind.EMAIL, PARTNER_MAILBOX),
    ],
    ids=["no secret", "not http", "an e-mail target"],
)
def test_a_webhook_target_that_cannot_work_fails_for_good(
    rendered: Rendered, target: DeliveryTarget
) -> None:
    with pytest.raises(DeliveryFailedError) as failure:
        WebhookSender(timeout=5).send(target, rendered)

    assert failure.value.permanent is True


# Both


def test_both_senders_are_senders_of_their_kind() -> None:
    senders: list[Sender] = [sender_for(25), WebhookSender()]

    assert [sender.kind for sender in senders] == [TargetKind.EMAIL, TargetKind.WEBHOOK]


# The signature a partner checks


def test_verify_signature_accepts_only_the_signed_body_within_the_tolerance() -> None:
    body = b'{"referral_id": "REF-1"}'
    header = sign(SECRET, "1000000", body)

    assert verify_signature(SECRET, "1000000", body, header, now=1000100)
    assert not verify_signature(SECRET, "1000000", body + b" ", header, now=1000100)
    assert not verify_signature("other", "1000000", body, header, now=1000100)
    assert not verify_signature(SECRET, "1000001", body, header, now=1000100)
    assert not verify_signature(SECRET, "1000000", body, header, now=1000301)
    assert not verify_signature(SECRET, "soon", body, header, now=1000100)
    assert not verify_signature(SECRET, "1000000", body, "v1=zoë", now=1000100)


def test_the_signature_is_the_documented_hmac() -> None:
    import hashlib
    import hmac

    expected = hmac.new(b"key", b"v1:42:{}", hashlib.sha256).hexdigest()

    assert sign("key", "42", b"{}") == f"v1={expected}"
