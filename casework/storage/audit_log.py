"""The hash-chained ``audit_log`` (see :mod:`casework.audit`) and answer ``feedback``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.storage.base import Base


class AuditRecord(Base):
    """One link of the append-only, hash-chained audit log (see :mod:`casework.audit`).

    ``previous_hash`` is unique: two records can never follow the same one, so a writer that
    skipped the append lock fails instead of forking the chain."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("previous_hash", name="uq_audit_log_previous_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[str | None] = mapped_column(String(64), index=True)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]]
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Feedback(Base):
    """A thumbs up or down on an answer, pointing at the audit record of its question."""

    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("value IN ('up', 'down')", name="ck_feedback_value"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    question_audit_id: Mapped[int] = mapped_column(ForeignKey("audit_log.id"), index=True)
    user_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime]
