"""Delivering cross-case hit notices from the outbox (:class:`~casework.entities.hits.
HitNotices`): each notice is claimed before it is sent, so with several replicas each goes out
once; a delivered notice gets a ``hit_notice`` audit record, a refused one keeps its reason."""

from __future__ import annotations

from collections.abc import Callable

from casework.audit import HIT_NOTICE, AuditLog
from casework.entities.hits import HitNotices, PendingNotice

Send = Callable[[PendingNotice], str | None]
"""Sends one notice to its channel; returns None when delivered, else why it was refused."""


class DeliveringHitNotices:
    def __init__(self, hits: HitNotices, audit: AuditLog) -> None:
        self._hits = hits
        self._audit = audit

    def deliver_pending(self, send: Send) -> int:
        """Send every notice waiting in the outbox; returns how many were delivered."""
        delivered = 0
        for notice in self._hits.pending():
            if self._hits.claim(notice.id) and self._deliver(notice, send):
                delivered += 1
        return delivered

    def _deliver(self, notice: PendingNotice, send: Send) -> bool:
        refused = send(notice)
        if refused is not None:
            self._hits.mark(notice.id, error=refused)
            return False
        details = {
            "hit_id": notice.hit.id,
            "case_id": notice.case_id,
            "other_case": notice.other_case,
            "type": notice.hit.entity_kind,
            "value": notice.hit.entity_value,
            "other_case_named": notice.other_side_public,
        }
        self._audit.record(HIT_NOTICE, None, notice.channel_id, details)
        return True
