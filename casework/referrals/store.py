"""Referrals in the registry: created once per client token, moved through
:mod:`~casework.referrals.lifecycle`, each move written to ``referral_events`` and as a
``referral`` audit record in the same transaction (:meth:`AuditLog.appending`), so the history
and the audit log never disagree.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from casework.audit import REFERRAL, AuditLog, AuditTransaction
from casework.referrals import texts
from casework.referrals.delivery import DeliveryTarget
from casework.referrals.errors import NothingToRetryError, UnknownReferralError
from casework.referrals.lifecycle import DELIVERING, FINISHED, Status, require_transition
from casework.referrals.package import ReferralPackage
from casework.storage.db import SessionFactory
from casework.storage.referrals import Referral, ReferralDelivery, ReferralEvent

Clock = Callable[[], datetime]
ID_PREFIX: Final = "REF-"
ERROR_LIMIT: Final = 1000


class DeliveryStatus:
    PENDING: Final = "pending"
    DELIVERED: Final = "delivered"
    FAILED: Final = "failed"


def new_referral_id() -> str:
    """``REF-`` and 8 base32 characters (40 random bits): short enough to read out."""
    return ID_PREFIX + base64.b32encode(secrets.token_bytes(5)).decode("ascii")


@dataclass(frozen=True)
class NewReferral:
    id: str
    case_id: str
    partner_id: str
    requested_action: str
    priority: str
    summary: str
    subjects: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    created_by: str
    client_token: str
    redacted: tuple[str, ...]
    """The personal-data kinds the package was redacted for."""


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str | None
    from_status: str | None
    to_status: str
    note: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "actor": self.actor,
            "from_status": self.from_status,
            "to_status": self.to_status,
            "note": self.note,
        }


@dataclass(frozen=True)
class DeliveryView:
    target_key: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    reference: str | None
    delivered_at: datetime | None

    def as_json(self) -> dict[str, Any]:
        return {
            "target": self.target_key,
            "status": self.status,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at.isoformat(timespec="seconds"),
            "last_error": self.last_error,
            "reference": self.reference,
            "delivered_at": _iso(self.delivered_at),
        }


@dataclass(frozen=True)
class ReferralView:
    id: str
    case_id: str
    partner_id: str
    status: Status
    requested_action: str
    priority: str
    summary: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    version: int
    last_error: str | None
    package: dict[str, Any] | None
    history: tuple[EventView, ...] = ()
    deliveries: tuple[DeliveryView, ...] = ()

    @property
    def failed_deliveries(self) -> tuple[DeliveryView, ...]:
        return tuple(d for d in self.deliveries if d.status == DeliveryStatus.FAILED)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "case_id": self.case_id,
            "partner_id": self.partner_id,
            "status": self.status.value,
            "requested_action": self.requested_action,
            "priority": self.priority,
            "summary": self.summary,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
            "version": self.version,
            "last_error": self.last_error,
            "history": [event.as_json() for event in self.history],
            "deliveries": [delivery.as_json() for delivery in self.deliveries],
        }


class ReferralTransaction:
    """One locked audit transaction over the referral tables: every move it makes writes its
    event and its audit record together."""

    def __init__(self, chain: AuditTransaction, now: datetime) -> None:
        self.chain = chain
        self.session = chain.session
        self.now = now

    def load(self, referral_id: str) -> Referral:
        row = self.session.get(Referral, referral_id)
        if row is None:
            raise UnknownReferralError(referral_id)
        return row

    def move(
        self,
        row: Referral,
        to: Status,
        actor: str | None,
        channel_id: str | None = None,
        note: str | None = None,
    ) -> None:
        require_transition(row.id, row.status, to)
        previous = row.status
        row.status = to.value
        row.updated_at = self.now
        self.record(row, previous, to.value, actor, channel_id, note, {"event": "transition"})

    def note(
        self,
        row: Referral,
        actor: str | None,
        note: str,
        details: dict[str, Any],
        channel_id: str | None = None,
    ) -> None:
        """A step of the history that does not change the status (a delivery, a retry)."""
        row.updated_at = self.now
        self.record(row, row.status, row.status, actor, channel_id, note, details)

    def enqueue(self, row: Referral, targets: Iterable[DeliveryTarget]) -> None:
        """One outbox row per target, due now. The secret stays in the partners file."""
        for target in targets:
            self.session.add(
                ReferralDelivery(
                    referral_id=row.id,
                    target_key=target.key,
                    target={"kind": target.kind.value, "address": target.address},
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_at=self.now,
                )
            )

    def record(
        self,
        row: Referral,
        from_status: str | None,
        to_status: str,
        actor: str | None,
        channel_id: str | None,
        note: str | None,
        details: dict[str, Any],
    ) -> None:
        self.session.add(
            ReferralEvent(
                referral_id=row.id,
                at=self.now,
                actor=actor,
                from_status=from_status,
                to_status=to_status,
                note=clip(note) if note else None,
            )
        )
        audit_details = {
            "referral_id": row.id,
            "case_id": row.case_id,
            "partner_id": row.partner_id,
            "from": from_status,
            "to": to_status,
            **details,
        }
        if note:
            audit_details["note"] = note
        self.chain.record(REFERRAL, actor, channel_id, audit_details)


class ReferralStore:
    def __init__(self, sessions: SessionFactory, audit: AuditLog, clock: Clock | None = None):
        self._sessions = sessions
        self._audit = audit
        self._clock = clock or _now

    # -- changing -----------------------------------------------------------------------------

    def create(
        self,
        new: NewReferral,
        package: ReferralPackage,
        then: Status,
        targets: Sequence[DeliveryTarget],
        channel_id: str | None = None,
    ) -> tuple[ReferralView, bool]:
        """Create the referral in ``draft``, move it to ``then`` and, when that is
        ``submitted``, queue its deliveries, all in one transaction. A client token already
        used, by this process or another, returns that referral and False instead."""
        existing = self.id_for_token(new.client_token)
        if existing is None:
            try:
                self._insert(new, package, then, targets, channel_id)
            except IntegrityError:
                existing = self.id_for_token(new.client_token)
                if existing is None:
                    raise
        return self.require(existing or new.id), existing is None

    def _insert(
        self,
        new: NewReferral,
        package: ReferralPackage,
        then: Status,
        targets: Sequence[DeliveryTarget],
        channel_id: str | None,
    ) -> None:
        with self.transaction() as tx:
            row = Referral(
                id=new.id,
                case_id=new.case_id,
                partner_id=new.partner_id,
                status=Status.DRAFT.value,
                requested_action=new.requested_action,
                priority=new.priority,
                summary=new.summary,
                subjects=new.subjects,
                evidence=new.evidence,
                created_by=new.created_by,
                client_token=new.client_token,
                version=package.version,
                package=package.as_json(),
                policy_basis={"redacted": list(new.redacted)},
                created_at=tx.now,
                updated_at=tx.now,
            )
            tx.session.add(row)
            tx.session.flush()  # a used client token fails here, before any record is written
            tx.record(row, None, Status.DRAFT.value, new.created_by, channel_id, None, _created())
            tx.move(row, then, new.created_by, channel_id)
            if then is Status.SUBMITTED:
                tx.enqueue(row, targets)

    def transition(
        self,
        referral_id: str,
        to: Status,
        actor: str | None,
        *,
        channel_id: str | None = None,
        note: str | None = None,
        targets: Sequence[DeliveryTarget] = (),
    ) -> ReferralView:
        """Move the referral; ``submitted`` queues ``targets``, ``withdrawn`` cancels what is
        still pending in the outbox."""
        with self.transaction() as tx:
            row = tx.load(referral_id)
            tx.move(row, to, actor, channel_id, note)
            if to is Status.SUBMITTED:
                tx.enqueue(row, targets)
            if to is Status.WITHDRAWN:
                _cancel_pending(tx, row.id)
        return self.require(referral_id)

    def retry_failed(
        self, referral_id: str, actor: str | None, channel_id: str | None = None
    ) -> ReferralView:
        """Put the failed deliveries back in the outbox, due now, with their attempts reset."""
        with self.transaction() as tx:
            row = tx.load(referral_id)
            if Status(row.status) not in DELIVERING:
                raise NothingToRetryError(referral_id)
            again = tx.session.connection().execute(
                update(ReferralDelivery)
                .where(
                    ReferralDelivery.referral_id == referral_id,
                    ReferralDelivery.status == DeliveryStatus.FAILED,
                )
                .values(
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_at=tx.now,
                    lease_until=None,
                    claimed_by=None,
                )
            )
            if not again.rowcount:
                raise NothingToRetryError(referral_id)
            row.last_error = None
            note = texts.RETRY_NOTE.format(count=again.rowcount)
            tx.note(row, actor, note, {"event": "retry", "deliveries": again.rowcount}, channel_id)
        return self.require(referral_id)

    @contextmanager
    def transaction(self) -> Iterator[ReferralTransaction]:
        with self._audit.appending() as chain:
            yield ReferralTransaction(chain, self._clock())

    # -- reading ------------------------------------------------------------------------------

    def id_for_token(self, client_token: str) -> str | None:
        with self._sessions() as session:
            return session.scalar(select(Referral.id).where(Referral.client_token == client_token))

    def get(self, referral_id: str) -> ReferralView | None:
        with self._sessions() as session:
            row = session.get(Referral, referral_id)
            if row is None:
                return None
            events = session.scalars(
                select(ReferralEvent)
                .where(ReferralEvent.referral_id == referral_id)
                .order_by(ReferralEvent.id)
            )
            deliveries = session.scalars(
                select(ReferralDelivery)
                .where(ReferralDelivery.referral_id == referral_id)
                .order_by(ReferralDelivery.id)
            )
            return _view_of(
                row, [_event_of(e) for e in events], [_delivery_of(d) for d in deliveries]
            )

    def require(self, referral_id: str) -> ReferralView:
        view = self.get(referral_id)
        if view is None:
            raise UnknownReferralError(referral_id)
        return view

    def find(
        self,
        created_by: str | None = None,
        awaiting_approval_in: Iterable[str] = (),
        every_open: bool = False,
    ) -> list[ReferralView]:
        """Open referrals (not finished): every one, or those ``created_by`` made and those
        awaiting approval in the cases ``awaiting_approval_in``. Newest first."""
        query = select(Referral).where(Referral.status.not_in([s.value for s in FINISHED]))
        if not every_open:
            cases = list(awaiting_approval_in)
            mine = Referral.created_by == (created_by or "")
            awaiting = (Referral.status == Status.AWAITING_APPROVAL.value) & Referral.case_id.in_(
                cases
            )
            query = query.where(mine | awaiting)
        with self._sessions() as session:
            rows = session.scalars(query.order_by(Referral.created_at.desc(), Referral.id))
            return [_view_of(row, [], []) for row in rows]


def _cancel_pending(tx: ReferralTransaction, referral_id: str) -> None:
    tx.session.connection().execute(
        update(ReferralDelivery)
        .where(
            ReferralDelivery.referral_id == referral_id,
            ReferralDelivery.status == DeliveryStatus.PENDING,
        )
        .values(status=DeliveryStatus.FAILED, last_error=texts.WITHDRAWN_BEFORE_DELIVERY)
    )


def _created() -> dict[str, Any]:
    return {"event": "created"}


def _view_of(
    row: Referral, history: Sequence[EventView], deliveries: Sequence[DeliveryView]
) -> ReferralView:
    return ReferralView(
        id=row.id,
        case_id=row.case_id,
        partner_id=row.partner_id,
        status=Status(row.status),
        requested_action=row.requested_action,
        priority=row.priority,
        summary=row.summary,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        last_error=row.last_error,
        package=row.package,
        history=tuple(history),
        deliveries=tuple(deliveries),
    )


def _event_of(event: ReferralEvent) -> EventView:
    return EventView(event.at, event.actor, event.from_status, event.to_status, event.note)


def _delivery_of(row: ReferralDelivery) -> DeliveryView:
    return DeliveryView(
        target_key=row.target_key,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        reference=row.reference,
        delivered_at=row.delivered_at,
    )


def clip(text: str) -> str:
    """Errors and notes as their columns hold them."""
    return text if len(text) <= ERROR_LIMIT else text[: ERROR_LIMIT - 1] + "…"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
