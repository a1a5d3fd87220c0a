"""Once-only claims (``processed_events``): a key some replica has taken on, such as a Slack
event id; see :mod:`casework.claims`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casework.storage.base import Base


class ProcessedEvent(Base):
    """A Slack event some replica has taken on; inserting its id decides which one."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)
