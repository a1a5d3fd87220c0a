"""SQLAlchemy models of the registry.

The registry is the source of truth for what is indexed. The vector store holds embeddings of the
chunks listed here; ``index_journal`` records vector-store work that was started but whose
outcome is not yet reflected here, so that an interrupted run can be finished or rolled back
(see :mod:`ingestion.indexer`).

It also holds who works on which case (``case_members``, ``case_channels``), the hash-chained
``audit_log`` (see :mod:`casework.audit`), answer ``feedback`` and the Slack events already
handled (``processed_events``, see :mod:`casework.events`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[dict[str, Any]]: JSON,
    }


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime]
    ingest_shared_files: Mapped[bool] = mapped_column(default=True, server_default=true())
    """Whether files shared in the case's channels are ingested as its notes."""

    documents: Mapped[list[Document]] = relationship(back_populates="case")
    members: Mapped[list[CaseMember]] = relationship(
        cascade="all, delete-orphan", order_by="CaseMember.user_id"
    )
    channels: Mapped[list[CaseChannel]] = relationship(
        cascade="all, delete-orphan", order_by="CaseChannel.channel_id"
    )


class CaseMember(Base):
    """Someone who works on a case: sees its ``LES`` material, and its ``6E`` material when
    6(e)-cleared. Leads may change the case."""

    __tablename__ = "case_members"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    lead: Mapped[bool] = mapped_column(default=False)
    sixe_cleared: Mapped[bool] = mapped_column(default=False)
    added_at: Mapped[datetime]


class CaseChannel(Base):
    """A channel that is a case's room; a channel is the room of at most one case."""

    __tablename__ = "case_channels"

    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    linked_by: Mapped[str | None] = mapped_column(String(64))
    """None: the local operator."""
    linked_at: Mapped[datetime]


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("source", name="uq_documents_source"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    marking: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(2000))
    url: Mapped[str | None] = mapped_column(String(2000))
    root_source: Mapped[str] = mapped_column(String(2000), index=True)
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(120))
    loader: Mapped[str] = mapped_column(String(40))
    size_bytes: Mapped[int]
    page_count: Mapped[int | None]
    document_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(16), default="indexed")
    properties: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    case: Mapped[Case | None] = relationship(back_populates="documents")
    chunks: Mapped[list[Chunk]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Chunk.ordinal"
    )


class Chunk(Base):
    __tablename__ = "chunks"
    __table_args__ = (Index("ix_chunks_document_ordinal", "document_id", "ordinal"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    version: Mapped[int]
    ordinal: Mapped[int]
    page: Mapped[int | None]
    section: Mapped[str | None] = mapped_column(String(300))
    char_start: Mapped[int]
    char_end: Mapped[int]
    token_count: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="chunks")


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
    ingested_at: Mapped[datetime]
    run_id: Mapped[str] = mapped_column(String(36))
    member_failures: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    """Archive members or attachments that could not be ingested: reported again while the
    file is unchanged, so a skipped re-run never hides them."""


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


class ProcessedEvent(Base):
    """A Slack event some replica has taken on; inserting its id decides which one."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)


class Entity(Base):
    """An identifier or a name, once per normalised value (see :mod:`casework.identifiers`)."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_entities_kind_value"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(500))
    display: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]


class Mention(Base):
    """Where an entity occurs: a span of one document version's text and the chunk holding it.

    Case, kind, marking and the document's date (``seen_on``: its own date, else the day it was
    indexed) are copied from the document, so a lookup applies need-to-know, counts and dates
    from the two indexes alone, without a join, however often an entity is mentioned. A
    document's mentions are replaced in the transaction that replaces its chunks. Ids are never
    reused (``AUTOINCREMENT``): cross-case hit detection resumes from the last id it scanned.
    """

    __tablename__ = "mentions"
    __table_args__ = (
        Index(
            "ix_mentions_entity_scope", "entity_id", "marking", "case_id", "document_id", "seen_on"
        ),
        Index("ix_mentions_entity_seen", "entity_id", "seen_on"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    chunk_id: Mapped[str] = mapped_column(String(80))
    page: Mapped[int | None]
    char_start: Mapped[int]
    char_end: Mapped[int]
    display: Mapped[str] = mapped_column(String(500))
    detail: Mapped[str | None] = mapped_column(String(300))
    case_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    marking: Mapped[str] = mapped_column(String(16))
    seen_on: Mapped[date]


class CrossCaseHit(Base):
    """An entity found in the material of two cases; raised once per pair of cases."""

    __tablename__ = "cross_case_hits"
    __table_args__ = (
        UniqueConstraint("entity_id", "case_a", "case_b", name="uq_cross_case_hits_pair"),
        CheckConstraint("case_a < case_b", name="ck_cross_case_hits_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    case_a: Mapped[str] = mapped_column(String(64))
    case_b: Mapped[str] = mapped_column(String(64))
    raised_at: Mapped[datetime] = mapped_column(index=True)


class HitNotice(Base):
    """A cross-case hit still to be posted (or posted) in one case channel: an outbox the Slack
    app drains, so a hit raised by a command-line ingestion reaches Slack when the app runs."""

    __tablename__ = "hit_notices"
    __table_args__ = (UniqueConstraint("hit_id", "channel_id", name="uq_hit_notices_channel"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("cross_case_hits.id", ondelete="CASCADE"))
    case_id: Mapped[str] = mapped_column(String(64))
    channel_id: Mapped[str] = mapped_column(String(64))
    posted_at: Mapped[datetime | None] = mapped_column(index=True)
    error: Mapped[str | None] = mapped_column(String(500))


class ScanMark(Base):
    """How far a background scan has got (e.g. the last mention id checked for hits)."""

    __tablename__ = "scan_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int]
