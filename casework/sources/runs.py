"""What a run of a source gives back and what is recorded of it; what ``casebot sources`` shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from casework.sources.config import SourceConfig, SourceType
from ingestion.pipeline import Progress, RunReport


@dataclass(frozen=True)
class RunCounts:
    """What a runner reports: ingestion's counts, the files that failed, the hits raised."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    errors: tuple[dict[str, str], ...] = ()
    hits_raised: int = 0

    def tally(self) -> dict[str, int]:
        """The counts by the names the messages about a run use."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": self.failed,
            "hits": self.hits_raised,
        }


def counts_of(report: RunReport, hits_raised: int) -> RunCounts:
    return RunCounts(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        removed=report.removed,
        failed=len(report.failed),
        errors=tuple(report.failed),
        hits_raised=hits_raised,
    )


Runner = Callable[[SourceConfig], RunCounts]
"""Fetches and ingests one source; raises when the source as a whole could not be run."""
Runners = Mapping[SourceType, Runner]


@runtime_checkable
class ReportsProgress(Protocol):
    """A runner that can report its files to a progress bar (``casebot sources run``)."""

    def with_progress(self, progress: Progress) -> Runner: ...


def reporting_to(runners: Runners, progress: Progress) -> dict[SourceType, Runner]:
    """The runners, each that can report to ``progress`` made to; the others as they are."""
    return {
        source_type: runner.with_progress(progress)
        if isinstance(runner, ReportsProgress)
        else runner
        for source_type, runner in runners.items()
    }


@dataclass(frozen=True)
class RunRecord:
    id: int
    source: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    counts: RunCounts
    worker: str
    marked_failing: bool = False
    """This run made the source ``failing``; known only to the worker that ran it (not kept in
    the history)."""

    @property
    def ok(self) -> bool:
        return self.status == "ok" and not self.counts.failed

    def as_json(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "id": self.id,
            "source": self.source,
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "status": self.status,
            "added": counts.added,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "removed": counts.removed,
            "failed": counts.failed,
            "errors": list(counts.errors),
            "hits_raised": counts.hits_raised,
            "worker": self.worker,
        }


@dataclass(frozen=True)
class SourceState:
    """A configured source, its schedule row and its last run."""

    name: str
    type: str
    schedule: str
    next_run_at: datetime | None
    status: str
    consecutive_failures: int
    last_error: str | None
    leased_by: str | None
    last_run: RunRecord | None = field(default=None)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "schedule": self.schedule,
            "next_run_at": _iso(self.next_run_at),
            "status": self.status,
            "consecutive_failures": self.consecutive_failures,
            "last_error": self.last_error,
            "running_on": self.leased_by,
            "last_run": self.last_run.as_json() if self.last_run else None,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
