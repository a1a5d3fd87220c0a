"""Once-only claims across processes: several replicas share one database, and for a given key
exactly one of them may act (handle a redelivered Slack event, ingest a shared file, submit a
referral form). The first to insert the key into ``processed_events`` wins; every later insert
of the same key, from any process, fails on the primary key and is told it lost.

What a key means and how long it must be remembered is the caller's: see
:mod:`bot.slack.dedupe` for Slack's.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from casework.storage.claims import ProcessedEvent
from casework.storage.db import SessionFactory


class OnceOnlyClaims:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def claim(self, key: str, at: datetime) -> bool:
        """True for the one call, across every process on this database, that claims ``key``
        first; False for every later one. ``at`` is UTC without an offset."""
        try:
            with self._sessions.begin() as session:
                session.add(ProcessedEvent(event_id=key, received_at=at))
        except IntegrityError:
            return False
        return True

    def forget_before(self, older_than: datetime) -> int:
        """Forget claims made before ``older_than`` (UTC, no offset); returns how many."""
        with self._sessions.begin() as session:
            stale = delete(ProcessedEvent).where(ProcessedEvent.received_at < older_than)
            return session.connection().execute(stale).rowcount
