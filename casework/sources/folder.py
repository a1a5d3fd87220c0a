"""The ``folder`` source: ingest a folder with the source's kind, case, marking and pruning,
through the ingestion service (unchanged files are skipped by their sha256)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from casework.sources import texts
from casework.sources.config import SourceConfig
from casework.sources.errors import SourceError
from casework.sources.runs import RunCounts, counts_of
from ingestion.pipeline import IngestionService, IngestOptions, Progress


class FolderMissingError(SourceError):
    def __init__(self, name: str, path: str) -> None:
        super().__init__(texts.FOLDER_MISSING.format(path=path), name)
        self.path = path


class FolderRunner:
    """``hit_count`` gives the hits raised so far: the difference around a run is what it
    raised (ingestion scans for hits after a run that changed something)."""

    def __init__(
        self,
        ingestion: IngestionService,
        hit_count: Callable[[], int],
        progress: Progress | None = None,
    ) -> None:
        self._ingestion = ingestion
        self._hit_count = hit_count
        self._progress = progress

    def with_progress(self, progress: Progress) -> Self:
        return type(self)(self._ingestion, self._hit_count, progress)

    def __call__(self, source: SourceConfig) -> RunCounts:
        path = source.path
        if path is None or not path.is_dir():
            raise FolderMissingError(source.name, str(path))
        options = IngestOptions(
            kind=source.kind, case_id=source.case_id, marking=source.marking, prune=source.prune
        )
        hits_before = self._hit_count()
        report = self._ingestion.ingest([path], options, self._progress)
        return counts_of(report, self._hit_count() - hits_before)
