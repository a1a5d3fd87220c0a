"""A file shared in a case's room becomes a note of that case, with a ``file_ingested`` audit
record saying who shared it, where, and what the ingestion made of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casework.audit import FILE_INGESTED, AuditLog
from casework.cases import CaseDirectory, CaseInfo
from casework.markings import Kind
from casework.usecases.requester import Requester
from ingestion.pipeline import IngestionService, IngestOptions, RunReport


@dataclass(frozen=True)
class DownloadedFile:
    file_id: str
    name: str
    path: Path
    """Where the edge downloaded it."""


class IngestingSharedFiles:
    def __init__(self, cases: CaseDirectory, ingestion: IngestionService, audit: AuditLog) -> None:
        self._cases = cases
        self._ingestion = ingestion
        self._audit = audit

    def case_taking_files(self, channel_id: str) -> CaseInfo | None:
        """The case whose room this channel is, if it ingests files shared there."""
        case = self._cases.case_for_channel(channel_id)
        if case is None or not case.ingest_shared_files:
            return None
        return case

    def ingest(self, shared: DownloadedFile, case: CaseInfo, requester: Requester) -> RunReport:
        report = self._ingestion.ingest(
            [shared.path], IngestOptions(kind=Kind.NOTE, case_id=case.id)
        )
        details = {
            "case_id": case.id,
            "file_id": shared.file_id,
            "name": shared.name,
            "run_id": report.run_id,
            "added": report.added,
            "updated": report.updated,
            "chunks": report.chunks,
            "failed": report.failed,
            "skipped": report.skipped,
        }
        self._audit.record(FILE_INGESTED, requester.user_id, requester.channel_id, details)
        return report
