"""Draining the referral outbox: each due row is claimed by one drainer, checked against the
sharing policy again, rendered, sent, and marked.

**Once per row, across replicas.** A drainer claims a row with one conditional ``UPDATE``
(pending, due, and not leased by anyone else, or leased but the lease expired); a row count of 1
means it is this drainer's until ``lease_until``. This works on SQLite and PostgreSQL alike and
needs no lock held while sending. A drainer that dies mid-send leaves the row pending: once its
lease expires another drainer claims it, so nothing is lost across a restart. (The cost is that
such a row may be sent twice, if the first send went through before the crash: the lease should
be far longer than a send takes.)

**Which rows.** A drainer takes only the rows of the kinds it has a sender for, so the Slack app
(with its Slack sender) and a worker holding the SMTP and webhook senders can share one outbox;
a row no drainer can send waits, pending, until one can.

**Failures.** :class:`~casework.referrals.delivery.DeliveryFailedError` (or any other error from
rendering or sending) is retried after ``base_delay * 2**attempts``, capped at ``max_delay``;
the error is kept on the referral so its sender sees it. A permanent failure, a policy that no
longer allows the package, or ``max_attempts`` attempts mark the row ``failed`` with a
``referral`` audit record and an event, and call ``on_failed(referral_id, error)`` so the edge
can tell the person who sent it. :meth:`Referring.retry` puts failed rows back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import false, func, or_, select, update

from casework.audit import AuditLog
from casework.referrals import texts
from casework.referrals.delivery import (
    DeliveryFailedError,
    DeliveryTarget,
    Rendered,
    Sender,
    TargetKind,
)
from casework.referrals.errors import PartnersFileError
from casework.referrals.evidence import CaseMaterial
from casework.referrals.lifecycle import DELIVERING, Status
from casework.referrals.package import ReferralPackage
from casework.referrals.partners import Partners, PersonalData
from casework.referrals.policy import SentDocument, recheck_before_delivery
from casework.referrals.store import (
    DeliveryStatus,
    ReferralStore,
    ReferralTransaction,
    clip,
)
from casework.referrals.stored import package_from_json
from casework.storage.db import SessionFactory
from casework.storage.referrals import Referral, ReferralDelivery

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Render = Callable[[ReferralPackage], Rendered]
FailureHook = Callable[[str, str], None]
"""``on_failed(referral_id, error)``: a delivery was given up."""

DEFAULT_MAX_ATTEMPTS: Final = 6
DEFAULT_BASE_DELAY: Final = timedelta(seconds=30)
DEFAULT_MAX_DELAY: Final = timedelta(hours=1)
DEFAULT_LEASE: Final = timedelta(minutes=5)
DEFAULT_BATCH: Final = 20


@dataclass
class DrainReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    lost_claims: int = 0
    """Due rows another drainer claimed first."""


@dataclass(frozen=True)
class _Job:
    """A claimed row and what sending it needs."""

    delivery_id: int
    referral_id: str
    case_id: str
    partner_id: str
    referral_status: str
    target_key: str
    target_kind: str
    attempts: int
    package: dict[str, Any]
    redacted_at_build: frozenset[PersonalData]


class OutboxDrainer:
    def __init__(
        self,
        sessions: SessionFactory,
        audit: AuditLog,
        partners: Callable[[], Partners],
        material: CaseMaterial,
        senders: Mapping[TargetKind, Sender],
        render: Render,
        clock: Clock,
        worker_id: str,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        base_delay: timedelta = DEFAULT_BASE_DELAY,
        max_delay: timedelta = DEFAULT_MAX_DELAY,
        lease: timedelta = DEFAULT_LEASE,
        batch: int = DEFAULT_BATCH,
        on_failed: FailureHook | None = None,
    ) -> None:
        self._sessions = sessions
        self._store = ReferralStore(sessions, audit, clock)
        self._partners = partners
        self._material = material
        self._senders = senders
        self._render = render
        self._clock = clock
        self._worker_id = worker_id
        self._max_attempts = max_attempts
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._lease = lease
        self._batch = batch
        self._on_failed = on_failed

    def drain_once(self) -> DrainReport:
        """Claim and send what is due now; returns what happened."""
        report = DrainReport()
        for delivery_id in self._due():
            if not self._claim(delivery_id):
                report.lost_claims += 1
                continue
            job = self._job(delivery_id)
            if job is not None:
                self._send(job, report)
        return report

    # -- claiming -------------------------------------------------------------------------------

    def _due(self) -> list[int]:
        now = self._clock()
        query = (
            select(ReferralDelivery.id)
            .where(*self._claimable(now))
            .order_by(ReferralDelivery.next_attempt_at, ReferralDelivery.id)
            .limit(self._batch)
        )
        with self._sessions() as session:
            return list(session.scalars(query))

    def _claim(self, delivery_id: int) -> bool:
        now = self._clock()
        with self._sessions.begin() as session:
            claimed = session.connection().execute(
                update(ReferralDelivery)
                .where(ReferralDelivery.id == delivery_id, *self._claimable(now))
                .values(lease_until=now + self._lease, claimed_by=self._worker_id)
            )
            return claimed.rowcount == 1

    def _claimable(self, now: datetime) -> tuple[Any, ...]:
        """Pending, due, not leased by a live drainer, and of a kind this drainer can send:
        replicas with different senders (the Slack app, a mail worker) share one outbox."""
        kinds = [ReferralDelivery.target_key.startswith(f"{kind.value}:") for kind in self._senders]
        return (
            ReferralDelivery.status == DeliveryStatus.PENDING,
            ReferralDelivery.next_attempt_at <= now,
            or_(ReferralDelivery.lease_until.is_(None), ReferralDelivery.lease_until < now),
            or_(false(), *kinds),
        )

    def _job(self, delivery_id: int) -> _Job | None:
        with self._sessions() as session:
            found = session.execute(
                select(ReferralDelivery, Referral)
                .join(Referral, Referral.id == ReferralDelivery.referral_id)
                .where(ReferralDelivery.id == delivery_id)
            ).first()
            if found is None:
                return None
            delivery, referral = found
            basis = referral.policy_basis or {}
            return _Job(
                delivery_id=delivery.id,
                referral_id=referral.id,
                case_id=referral.case_id,
                partner_id=referral.partner_id,
                referral_status=referral.status,
                target_key=delivery.target_key,
                target_kind=str(delivery.target["kind"]),
                attempts=delivery.attempts,
                package=referral.package or {},
                redacted_at_build=frozenset(
                    PersonalData(kind) for kind in basis.get("redacted", ())
                ),
            )

    # -- sending --------------------------------------------------------------------------------

    def _send(self, job: _Job, report: DrainReport) -> None:
        if Status(job.referral_status) not in DELIVERING:
            self._give_up(job, texts.WITHDRAWN_BEFORE_DELIVERY, report, tell=False)
            return
        try:
            target, refused = self._target_if_allowed(job)
        except PartnersFileError as error:  # being edited: try again once it is fixed
            self._retry_later(job, str(error), report)
            return
        if target is None:
            self._give_up(job, refused, report)
            return
        sender = self._senders.get(target.kind)
        if sender is None:
            self._give_up(job, texts.NO_SENDER.format(kind=target.kind.value), report)
            return
        try:
            reference = sender.send(target, self._render(package_from_json(job.package)))
        except DeliveryFailedError as error:
            if error.permanent:
                self._give_up(job, str(error), report)
            else:
                self._retry_later(job, str(error), report)
        except Exception as error:  # a defect or an unwrapped network error: retried, logged
            log.exception("referral %s: delivery to %s failed", job.referral_id, job.target_key)
            self._retry_later(job, f"{type(error).__name__}: {error}", report)
        else:
            self._mark_delivered(job, reference, report)

    def _target_if_allowed(self, job: _Job) -> tuple[DeliveryTarget | None, str]:
        """The target with its current secret, or None and why the policy no longer allows
        the package to go there."""
        partner = self._partners().get(job.partner_id)
        sent = [
            SentDocument(item["document_id"], item["title"], item["marking"])
            for item in job.package.get("evidence", ())
        ]
        current = self._material.current(document.document_id for document in sent)
        reason = recheck_before_delivery(
            partner,
            job.partner_id,
            job.target_key,
            job.case_id,
            sent,
            current,
            job.redacted_at_build,
        )
        if reason is not None or partner is None:
            return None, reason or ""
        return partner.target(job.target_key), ""

    # -- marking --------------------------------------------------------------------------------

    def _mark_delivered(self, job: _Job, reference: str | None, report: DrainReport) -> None:
        with self._store.transaction() as tx:
            if not self._finish(tx, job, DeliveryStatus.DELIVERED, reference=reference):
                return
            referral = tx.load(job.referral_id)
            note = texts.DELIVERED_NOTE.format(target=job.target_key)
            details = {"event": "delivered", "target": job.target_key, "reference": reference}
            tx.note(referral, None, note, details)
            if _all_delivered(tx, job.referral_id):
                referral.last_error = None
                if referral.status == Status.SUBMITTED.value:
                    tx.move(referral, Status.DELIVERED, None)
        report.delivered += 1

    def _retry_later(self, job: _Job, error: str, report: DrainReport) -> None:
        attempts = job.attempts + 1
        if attempts >= self._max_attempts:
            failure = texts.GAVE_UP.format(attempts=attempts, error=error)
            self._give_up(job, failure, report)
            return
        delay = min(self._base_delay * 2**job.attempts, self._max_delay)
        with self._store.transaction() as tx:
            tx.session.connection().execute(
                update(ReferralDelivery)
                .where(
                    ReferralDelivery.id == job.delivery_id,
                    ReferralDelivery.claimed_by == self._worker_id,
                )
                .values(
                    attempts=attempts,
                    next_attempt_at=tx.now + delay,
                    lease_until=None,
                    claimed_by=None,
                    last_error=clip(error),
                )
            )
            tx.load(job.referral_id).last_error = clip(error)
        report.retried += 1

    def _give_up(self, job: _Job, error: str, report: DrainReport, tell: bool = True) -> None:
        with self._store.transaction() as tx:
            if not self._finish(tx, job, DeliveryStatus.FAILED, error=error):
                return
            referral = tx.load(job.referral_id)
            referral.last_error = clip(error)
            note = texts.DELIVERY_FAILED_NOTE.format(target=job.target_key, error=error)
            details = {"event": "delivery_failed", "target": job.target_key, "error": error}
            tx.note(referral, None, note, details)
        report.failed += 1
        if tell and self._on_failed is not None:
            self._tell(job.referral_id, error)

    def _finish(
        self,
        tx: ReferralTransaction,
        job: _Job,
        status: str,
        reference: str | None = None,
        error: str | None = None,
    ) -> bool:
        """Mark the row, if this drainer still holds it (its lease may have expired and the row
        been claimed again)."""
        values: dict[str, Any] = {
            "status": status,
            "attempts": job.attempts + 1,
            "lease_until": None,
            "last_error": clip(error) if error else None,
        }
        if status == DeliveryStatus.DELIVERED:
            values |= {"delivered_at": tx.now, "reference": reference}
        finished = tx.session.connection().execute(
            update(ReferralDelivery)
            .where(
                ReferralDelivery.id == job.delivery_id,
                ReferralDelivery.status == DeliveryStatus.PENDING,
                ReferralDelivery.claimed_by == self._worker_id,
            )
            .values(**values)
        )
        if finished.rowcount != 1:
            log.warning("referral %s: lost the claim on %s", job.referral_id, job.target_key)
            return False
        return True

    def _tell(self, referral_id: str, error: str) -> None:
        assert self._on_failed is not None
        try:
            self._on_failed(referral_id, error)
        except Exception:
            log.exception("on_failed for referral %s failed", referral_id)


def _all_delivered(tx: ReferralTransaction, referral_id: str) -> bool:
    undelivered = tx.session.scalar(
        select(func.count())
        .select_from(ReferralDelivery)
        .where(
            ReferralDelivery.referral_id == referral_id,
            ReferralDelivery.status != DeliveryStatus.DELIVERED,
        )
    )
    return not undelivered
