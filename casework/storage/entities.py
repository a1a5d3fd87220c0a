"""Entities found in documents, their mentions, cross-case hits and the outbox of hit notices;
see :mod:`casework.entities`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casework.storage.base import Base

if TYPE_CHECKING:
    pass


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
