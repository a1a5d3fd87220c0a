"""Cases, who works on them (``case_members``) and the channels that are their rooms
(``case_channels``); see :mod:`casework.cases`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.storage.base import Base

if TYPE_CHECKING:
    from casework.storage.registry import Document


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
