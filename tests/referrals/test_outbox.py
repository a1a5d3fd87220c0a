"""The outbox on real SQLite: exactly-once delivery across drainers, retries with backoff, a
restart, giving up, and the policy checked again just before sending."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from bot.services import Services, build_services
from casework.audit import REFERRAL
from casework.referrals.delivery import DeliveryTarget, Rendered, TargetKind
from casework.referrals.lifecycle import Status
from casework.settings import Settings
from casework.usecases.referring import ReferralDraft
from retrieval.testing import HashingEmbedder
from tests.referrals.support import (
    CASE,
    CBP_CHANNEL,
    PARTNERS_YAML,
    Crash,
    CrashingSender,
    FailureLog,
    FakeClock,
    FlakySender,
    RecordingSender,
    drainer,
    member,
)

pytestmark = pytest.mark.backends

EMAIL = "email:ipr@cbp.example.gov"
SLACK = f"slack:{CBP_CHANNEL}"


def submit(services: Services, documents: dict[str, str], token: str = "token-1") -> str:
    draft = ReferralDraft(
        case_id=CASE,
        partner_id="cbp",
        document_ids=(documents["seizure-report.txt"],),
        summary="Forty pallets seized [1].",
    )
    return services.referring.submit(member(), draft, token).referral.id


def senders() -> tuple[RecordingSender, RecordingSender]:
    return RecordingSender(TargetKind.EMAIL), RecordingSender(TargetKind.SLACK)


def test_a_drained_referral_is_delivered_to_every_target_and_becomes_delivered(
    services: Services, documents: dict[str, str]
) -> None:
    referral_id = submit(services, documents)
    email, slack = senders()

    report = drainer(services, FakeClock(), email, slack).drain_once()

    assert report.delivered == 2
    assert email.sent == [(EMAIL, referral_id)]
    assert slack.sent == [(SLACK, referral_id)]
    shown = services.referring.show(member(), referral_id)
    assert shown.status is Status.DELIVERED
    assert {d.status for d in shown.deliveries} == {"delivered"}
    assert {d.reference for d in shown.deliveries} == {"ref-1"}
    events = [e.details.get("event") for e in services.audit.entries(action=REFERRAL)]
    assert events.count("delivered") == 2
    assert services.audit.verify().ok


@dataclass
class SlowSharedSender:
    """Records every send from every drainer; slow enough that drainers overlap."""

    kind: TargetKind
    sent: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        time.sleep(0.01)
        with self.lock:
            self.sent.append(f"{rendered.package.referral_id}/{target.key}")
        return None


def test_two_replicas_draining_one_outbox_deliver_each_row_exactly_once(
    services: Services, documents: dict[str, str], referral_settings: Settings
) -> None:
    referral_ids = [submit(services, documents, f"token-{n}") for n in range(6)]
    replica = build_services(referral_settings, embedder=HashingEmbedder())
    email, slack = SlowSharedSender(TargetKind.EMAIL), SlowSharedSender(TargetKind.SLACK)
    clock = FakeClock()
    drainers = [
        drainer(services, clock, email, slack, worker_id="replica-a"),
        drainer(replica, clock, email, slack, worker_id="replica-b"),
    ]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def drain(index: int) -> None:
        start.wait()
        try:
            for _ in range(3):
                drainers[index].drain_once()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=drain, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    sent = email.sent + slack.sent
    assert len(sent) == len(set(sent)) == 12
    for referral_id in referral_ids:
        assert services.referring.show(member(), referral_id).status is Status.DELIVERED
    assert services.audit.verify().ok


def test_a_failing_partner_is_retried_with_backoff_and_reached_after_a_restart(
    services: Services, documents: dict[str, str], referral_settings: Settings
) -> None:
    referral_id = submit(services, documents)
    clock = FakeClock()
    email = FlakySender(TargetKind.EMAIL, failures=1)
    _, slack = senders()

    first = drainer(services, clock, email, slack).drain_once()

    assert (first.delivered, first.retried) == (1, 1)
    shown = services.referring.show(member(), referral_id)
    assert shown.status is Status.SUBMITTED
    assert shown.last_error == "partner unreachable (1)"
    [waiting] = [d for d in shown.deliveries if d.target_key == EMAIL]
    assert (waiting.status, waiting.attempts, waiting.last_error) == (
        "pending",
        1,
        "partner unreachable (1)",
    )
    assert waiting.next_attempt_at == clock.now + timedelta(seconds=10)
    assert drainer(services, clock, email, slack).drain_once().delivered == 0  # not due yet

    clock.advance(timedelta(seconds=11))
    restarted = build_services(referral_settings, embedder=HashingEmbedder())
    second = drainer(restarted, clock, email, slack, worker_id="after-restart").drain_once()

    assert second.delivered == 1
    assert email.sent == [EMAIL]
    shown = services.referring.show(member(), referral_id)
    assert shown.status is Status.DELIVERED
    assert shown.last_error is None


def test_a_row_claimed_by_a_drainer_that_died_is_delivered_once_its_lease_expires(
    services: Services, documents: dict[str, str], referral_settings: Settings
) -> None:
    referral_id = submit(services, documents)
    clock = FakeClock()
    _, slack = senders()
    with pytest.raises(Crash):
        drainer(services, clock, CrashingSender(TargetKind.EMAIL), slack).drain_once()

    restarted = build_services(referral_settings, embedder=HashingEmbedder())
    email, _ = senders()
    early = drainer(restarted, clock, email, slack, worker_id="new").drain_once()
    assert (early.delivered, email.sent) == (1, [])  # the crash was on the e-mail row
    clock.advance(timedelta(minutes=6))
    late = drainer(restarted, clock, email, slack, worker_id="new").drain_once()

    assert late.delivered == 1
    assert email.sent == [(EMAIL, referral_id)]
    assert slack.sent == [(SLACK, referral_id)]
    assert services.referring.show(member(), referral_id).status is Status.DELIVERED


def test_a_delivery_is_given_up_after_max_attempts_and_the_sender_told(
    services: Services, documents: dict[str, str]
) -> None:
    referral_id = submit(services, documents)
    clock = FakeClock()
    email = FlakySender(TargetKind.EMAIL, failures=99)
    _, slack = senders()
    told = FailureLog()
    outbox = drainer(services, clock, email, slack, max_attempts=3, on_failed=told)

    for _ in range(4):
        outbox.drain_once()
        clock.advance(timedelta(minutes=5))

    assert email.calls == 3
    assert told.failures == [(referral_id, "Gave up after 3 attempts: partner unreachable (3)")]
    shown = services.referring.show(member(), referral_id)
    [failed] = shown.failed_deliveries
    assert failed.target_key == EMAIL
    assert failed.last_error == "Gave up after 3 attempts: partner unreachable (3)"
    assert shown.history[-1].note is not None and "failed" in shown.history[-1].note
    audited = services.audit.entries(action=REFERRAL)[-1].details
    assert audited["event"] == "delivery_failed" and audited["target"] == EMAIL
    assert shown.status is Status.SUBMITTED

    retried = services.referring.retry(member(), referral_id)
    assert {d.status for d in retried.deliveries} == {"pending", "delivered"}
    email.failures = 0
    outbox.drain_once()
    assert services.referring.show(member(), referral_id).status is Status.DELIVERED


def test_a_permanent_failure_is_not_retried(services: Services, documents: dict[str, str]) -> None:
    referral_id = submit(services, documents)
    email = FlakySender(TargetKind.EMAIL, failures=1, permanent=True)
    _, slack = senders()
    told = FailureLog()

    drainer(services, FakeClock(), email, slack, on_failed=told).drain_once()

    assert told.failures == [(referral_id, "partner unreachable (1)")]
    assert email.calls == 1


def test_the_policy_is_checked_again_before_sending(
    services: Services, documents: dict[str, str], partners_path: Path
) -> None:
    referral_id = submit(services, documents)
    partners_path.write_text(
        PARTNERS_YAML.replace("markings: [PUBLIC, LES]", "markings: [PUBLIC]", 1) + "\n",
        encoding="utf-8",
    )
    email, slack = senders()
    told = FailureLog()

    report = drainer(services, FakeClock(), email, slack, on_failed=told).drain_once()

    assert report.failed == 2
    assert email.sent == slack.sent == []
    assert len(told.failures) == 2
    assert all("Customs no longer receives LES" in error for _, error in told.failures)
    shown = services.referring.show(member(), referral_id)
    assert shown.last_error is not None and "no longer receives LES" in shown.last_error


def test_a_drainer_takes_only_the_deliveries_it_has_a_sender_for(
    services: Services, documents: dict[str, str]
) -> None:
    referral_id = submit(services, documents)
    email, slack = senders()
    clock = FakeClock()

    mail_worker = drainer(services, clock, email, worker_id="mail").drain_once()
    shown = services.referring.show(member(), referral_id)
    slack_app = drainer(services, clock, slack, worker_id="slack").drain_once()

    assert (mail_worker.delivered, mail_worker.failed) == (1, 0)
    assert {d.target_key: d.status for d in shown.deliveries} == {
        EMAIL: "delivered",
        SLACK: "pending",
    }
    assert shown.status is Status.SUBMITTED
    assert slack_app.delivered == 1
    assert services.referring.show(member(), referral_id).status is Status.DELIVERED


def test_a_broken_partners_file_delays_delivery_until_it_is_fixed(
    services: Services, documents: dict[str, str], partners_path: Path
) -> None:
    referral_id = submit(services, documents)
    partners_path.write_text(PARTNERS_YAML + "  - id: [unclosed\n", encoding="utf-8")
    clock = FakeClock()
    email, slack = senders()
    outbox = drainer(services, clock, email, slack)

    broken = outbox.drain_once()
    partners_path.write_text(PARTNERS_YAML, encoding="utf-8")
    clock.advance(timedelta(minutes=1))
    fixed = outbox.drain_once()

    assert (broken.retried, broken.delivered) == (2, 0)
    assert (fixed.retried, fixed.delivered) == (0, 2)
    assert services.referring.show(member(), referral_id).status is Status.DELIVERED


def test_the_composition_root_builds_a_drainer_that_waits_for_its_senders(
    services: Services, documents: dict[str, str]
) -> None:
    """Until senders are installed (the Slack app, SMTP, webhooks), deliveries stay pending."""
    referral_id = submit(services, documents)

    report = services.referral_outbox.drain_once()

    assert (report.delivered, report.failed, report.lost_claims) == (0, 0, 0)
    shown = services.referring.show(member(), referral_id)
    assert {d.status for d in shown.deliveries} == {"pending"}
