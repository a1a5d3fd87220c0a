"""The registry of what is indexed: documents and their chunks. The vector store holds embeddings
of the chunks listed here; every search hit is resolved against these rows."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.storage.base import Base

if TYPE_CHECKING:
    from casework.storage.cases import Case


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
