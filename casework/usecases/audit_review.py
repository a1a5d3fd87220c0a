"""Reading, exporting and verifying the audit log: the local operator's view of it. Edges use
this module's names; only the domain writes records."""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from casework.audit import (
    ACTIONS,
    AuditEntry,
    AuditLog,
    AuditVerification,
    ExportFormat,
    canonical_json,
)

__all__ = [
    "ACTIONS",
    "AuditEntry",
    "AuditVerification",
    "ExportFormat",
    "ReviewingAudit",
    "canonical_json",
]


class ReviewingAudit:
    def __init__(self, audit: AuditLog) -> None:
        self._audit = audit

    def entries(
        self,
        action: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        return self._audit.entries(action, user_id, since, limit)

    def export(
        self,
        fmt: ExportFormat,
        out: TextIO,
        *,
        action: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
    ) -> int:
        return self._audit.export(fmt, out, action=action, user_id=user_id, since=since)

    def verify(self) -> AuditVerification:
        return self._audit.verify()
