"""Ingestion's own bookkeeping: runs, the files they read (``source_files``) and the journal of
vector-store work started but not yet reflected in the registry (``index_journal``), so an
interrupted run can be finished or rolled back (see :mod:`ingestion.indexer`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.storage.base import Base


class IngestionRun(Base):
    __tablename__ = "ingestion_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")
    paths: Mapped[list[str]] = mapped_column(JSON, default=list)
    added: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    chunks_indexed: Mapped[int] = mapped_column(default=0)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(default=list)


class IndexJournalEntry(Base):
    __tablename__ = "index_journal"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int]
    created_at: Mapped[datetime]


class SourceFile(Base):
    """A file on disk that was ingested: what it held when, and under which options."""

    __tablename__ = "source_files"

    path: Mapped[str] = mapped_column(String(2000), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[str | None] = mapped_column(String(64))
    marking: Mapped[str] = mapped_column(String(16))
    reader_version: Mapped[int | None]
    """The :data:`ingestion.preparation.READER_VERSION` that read it; none for files read
    before versions were recorded."""
    ingested_at: Mapped[datetime]
    run_id: Mapped[str] = mapped_column(String(36))
    member_failures: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    """Archive members or attachments that could not be ingested: reported again while the
    file is unchanged, so a skipped re-run never hides them."""
