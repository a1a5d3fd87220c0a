"""👍/👎 on an answer, stored against the question's audit record."""

from __future__ import annotations

from casework.audit import AuditEntry, AuditLog
from casework.usecases.requester import Requester


class GivingFeedback:
    def __init__(self, audit: AuditLog) -> None:
        self._audit = audit

    def give(self, question_audit_id: int, value: str, requester: Requester) -> AuditEntry:
        """Raises :class:`~casework.errors.AuditError` for an unknown question or a value other
        than "up" or "down"."""
        return self._audit.record_feedback(
            question_audit_id, requester.user_id, value, requester.channel_id
        )
