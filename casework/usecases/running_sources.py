"""The scheduled sources as Slack shows them, and running one now.

Running a source now is for administrators (``CASEBOT_ADMINS``): it only makes the source due
(:meth:`~casework.sources.scheduler.SourceScheduler.run_now`), and a worker runs it on its next
pass, so nothing is ingested inside the request. Every request is audited (``source_run``),
refused ones with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from casework.audit import SOURCE_RUN, AuditLog
from casework.sources.errors import NotAdminError, UnknownSourceError
from casework.sources.runs import SourceState
from casework.sources.scheduler import SourceScheduler
from casework.usecases.requester import Requester

QUEUED: Final = "queued"
REFUSED_NOT_ADMIN: Final = "refused: not an administrator"
REFUSED_UNKNOWN: Final = "refused: no such source"


class RunningSources:
    def __init__(
        self,
        scheduler: SourceScheduler,
        admins: frozenset[str],
        audit: AuditLog,
    ) -> None:
        self._scheduler = scheduler
        self._admins = admins
        self._audit = audit

    def states(self) -> list[SourceState]:
        """Every configured source with its schedule and last run (names and counts only)."""
        return self._scheduler.states()

    def run_now(self, requester: Requester, name: str, wake: Callable[[], None] | None) -> None:
        """Make ``name`` due now and ``wake`` this process's worker, if it has one.

        Raises :class:`NotAdminError` for someone not in ``CASEBOT_ADMINS`` and
        :class:`UnknownSourceError` (naming the sources there are) for an unknown name."""
        if requester.user_id not in self._admins:
            self._record(requester, name, REFUSED_NOT_ADMIN)
            raise NotAdminError(name, requester.user_id)
        try:
            self._scheduler.run_now(name)
        except UnknownSourceError:
            self._record(requester, name, REFUSED_UNKNOWN)
            raise
        self._record(requester, name, QUEUED)
        if wake is not None:
            wake()

    def _record(self, requester: Requester, name: str, outcome: str) -> None:
        details = {"source": name, "outcome": outcome, "surface": requester.surface.value}
        self._audit.record(SOURCE_RUN, requester.user_id, requester.channel_id, details)
