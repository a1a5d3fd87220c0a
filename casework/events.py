"""Slack delivers an event again when it is not acknowledged in time, and several bot replicas
may receive the same event. :class:`EventDeduplicator` lets exactly one of them handle it: the
first to insert the event id into ``processed_events`` wins; every later insert of the same id,
from any process, fails on the primary key and is told the event is not new.

Slack retries within minutes, so ids older than :data:`KEEP_FOR` are purged, at most once per
:data:`PURGE_EVERY` per process, by whichever call comes next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from casework.storage.db import SessionFactory
from casework.storage.models import ProcessedEvent

KEEP_FOR: Final = timedelta(days=1)
PURGE_EVERY: Final = timedelta(hours=1)

Clock = Callable[[], datetime]
"""Now, in UTC without an offset."""


class EventDeduplicator:
    def __init__(self, sessions: SessionFactory, clock: Clock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or _now
        self._next_purge = datetime.min

    def first_time(self, event_id: str) -> bool:
        """True for the one call, across every process on this database, that sees this event
        id first; False for every later one."""
        now = self._clock()
        if now >= self._next_purge:
            self.purge(older_than=now - KEEP_FOR)
            self._next_purge = now + PURGE_EVERY
        return self._claim(event_id, now)

    def purge(self, older_than: datetime) -> int:
        """Forget events received before ``older_than`` (UTC, no offset); returns how many."""
        with self._sessions.begin() as session:
            stale = delete(ProcessedEvent).where(ProcessedEvent.received_at < older_than)
            return session.connection().execute(stale).rowcount

    def _claim(self, event_id: str, now: datetime) -> bool:
        try:
            with self._sessions.begin() as session:
                session.add(ProcessedEvent(event_id=event_id, received_at=now))
        except IntegrityError:
            return False
        return True


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
