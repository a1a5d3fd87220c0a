"""Running a source whose items come from an upstream API through a client: fetch since the
cursor, ingest what came (a changed item becomes a new version, as a changed file does),
remove what was withdrawn, then keep the new cursor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Self

from casework.sources.config import SourceConfig
from casework.sources.cursors import SourceCursors
from casework.sources.fetching import Client, Fetched
from casework.sources.runs import RunCounts, counts_of
from ingestion.pipeline import IngestionService, IngestOptions, Progress


class RemoteRunner:
    def __init__(
        self,
        client: Client,
        ingestion: IngestionService,
        cursors: SourceCursors,
        hit_count: Callable[[], int],
        progress: Progress | None = None,
    ) -> None:
        self._client = client
        self._ingestion = ingestion
        self._cursors = cursors
        self._hit_count = hit_count
        self._progress = progress

    def with_progress(self, progress: Progress) -> Self:
        return type(self)(self._client, self._ingestion, self._cursors, self._hit_count, progress)

    def __call__(self, source: SourceConfig) -> RunCounts:
        fetched = self._client.fetch(source, self._cursors.get(source.name))
        withdrawn = fetched.withdrawn if source.prune else []
        counts = self._ingest(source, fetched, withdrawn)
        self._cursors.keep(source.name, fetched.cursor)
        return _with_fetch_failures(counts, fetched)

    def _ingest(self, source: SourceConfig, fetched: Fetched, withdrawn: list[str]) -> RunCounts:
        if not fetched.files and not withdrawn:
            return RunCounts()
        options = IngestOptions(kind=source.kind, case_id=source.case_id, marking=source.marking)
        hits_before = self._hit_count()
        report = self._ingestion.ingest_fetched(
            fetched.files, options, withdrawn=withdrawn, progress=self._progress
        )
        return counts_of(report, self._hit_count() - hits_before)


def _with_fetch_failures(counts: RunCounts, fetched: Fetched) -> RunCounts:
    if not fetched.failed:
        return counts
    return replace(
        counts,
        failed=counts.failed + len(fetched.failed),
        errors=(*counts.errors, *fetched.failed),
    )
