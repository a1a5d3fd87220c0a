"""Referrals to partner agencies, their history and the outbox of their deliveries; see
:mod:`casework.referrals`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.storage.base import Base


class Referral(Base):
    """One referral of a case to one partner. ``package`` is the last package built (JSON, as
    :meth:`~casework.referrals.package.ReferralPackage.as_json` gives it); ``client_token`` makes
    a submission idempotent across replicas."""

    __tablename__ = "referrals"
    __table_args__ = (UniqueConstraint("client_token", name="uq_referrals_client_token"),)

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    partner_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(24), index=True)
    requested_action: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    subjects: Mapped[list[dict[str, Any]]]
    evidence: Mapped[list[dict[str, Any]]]
    """The selection: document ids (and quotes when chosen), before the policy."""
    created_by: Mapped[str] = mapped_column(String(64), index=True)
    client_token: Mapped[str] = mapped_column(String(128))
    version: Mapped[int]
    package: Mapped[dict[str, Any] | None]
    policy_basis: Mapped[dict[str, Any] | None]
    """What the package was built under (the partner's redactions), for the re-check before each
    delivery: a partner that now needs more redacted must not get the older package."""
    last_error: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReferralEvent(Base):
    """One step of a referral's history: who moved it from which status to which, and why."""

    __tablename__ = "referral_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    referral_id: Mapped[str] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    actor: Mapped[str | None] = mapped_column(String(64))
    """A Slack user id or ``operator:<name>``; None: Casebot itself (the outbox)."""
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(String(1000))


class ReferralDelivery(Base):
    """The outbox: one row per referral and delivery target, claimed by one drainer at a time
    (``lease_until``/``claimed_by``) and delivered once (the pair is unique)."""

    __tablename__ = "referral_deliveries"
    __table_args__ = (
        UniqueConstraint("referral_id", "target_key", name="uq_referral_deliveries_target"),
        Index("ix_referral_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id", ondelete="CASCADE"))
    target_key: Mapped[str] = mapped_column(String(600))
    target: Mapped[dict[str, Any]]
    """Kind and address only: a webhook's secret is read from the partners file when sending."""
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    last_error: Mapped[str | None] = mapped_column(String(1000))
    reference: Mapped[str | None] = mapped_column(String(500))
    delivered_at: Mapped[datetime | None]
