"""Where each source's client resumes; see :mod:`casework.sources.fetching`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from casework.sources.fetching import Cursor
from casework.storage.db import SessionFactory
from casework.storage.sources import SourceCursor


class SourceCursors:
    """Only the worker holding a source's lease writes its cursor, so a plain read-then-write
    cannot race another run of the same source."""

    def __init__(self, sessions: SessionFactory, clock: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._clock = clock

    def get(self, name: str) -> Cursor:
        with self._sessions() as session:
            row = session.get(SourceCursor, name)
            return dict(row.state) if row else {}

    def keep(self, name: str, state: dict[str, Any]) -> None:
        with self._sessions.begin() as session:
            row = session.get(SourceCursor, name)
            if row is None:
                session.add(SourceCursor(name=name, state=state, updated_at=self._clock()))
            else:
                row.state = state
                row.updated_at = self._clock()
