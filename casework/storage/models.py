"""SQLAlchemy models of the registry.

The registry is the source of truth for what is indexed. The vector store holds embeddings of the
chunks listed here; ``index_journal`` records vector-store work that was started but whose
outcome is not yet reflected here, so that an interrupted run can be finished or rolled back
(see :mod:`ingestion.indexer`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
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

    documents: Mapped[list[Document]] = relationship(back_populates="case")


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
