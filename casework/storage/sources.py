"""Scheduled sources: when each runs next and who holds it, and the record of every run; see
:mod:`casework.sources`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casework.storage.base import Base


class SourceSchedule(Base):
    """One row per source the sources file names: a worker claims a due source by setting
    ``lease_until``/``leased_by`` with one conditional ``UPDATE``."""

    __tablename__ = "source_schedules"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    next_run_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    leased_by: Mapped[str | None] = mapped_column(String(128))
    consecutive_failures: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    """``ok`` or ``failing`` (``consecutive_failures`` reached the threshold)."""
    last_error: Mapped[str | None] = mapped_column(String(1000))


class SourceRun(Base):
    """One run of one source: its counts as ingestion reported them."""

    __tablename__ = "source_runs"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(128), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))
    """``running``, ``ok`` or ``failed``."""
    added: Mapped[int]
    updated: Mapped[int]
    unchanged: Mapped[int]
    removed: Mapped[int]
    failed: Mapped[int]
    errors: Mapped[list[dict[str, Any]]]
    hits_raised: Mapped[int]
    worker: Mapped[str] = mapped_column(String(128))


class SourceCursor(Base):
    """Where a source's client resumes: the state its last successful run left (ETags,
    the last ``changed`` seen), kept only once that run's items are ingested."""

    __tablename__ = "source_cursors"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    state: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
