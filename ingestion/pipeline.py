"""An ingestion run: discover → read → prepare → embed (in batches across files) → index → prune.

One bad file never stops the batch: its error goes into the run record and the report, and
nothing of it is indexed. Files whose content (sha256), options and reader version are
unchanged are skipped without loading the embedding model.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select

from casework.cases import ensure_case
from casework.markings import Kind, Marking
from casework.storage.db import SessionFactory
from casework.storage.ingestion_journal import IngestionRun, SourceFile
from casework.storage.registry import Document
from ingestion import messages
from ingestion.discovery import FoundFile, PathProblem, discover
from ingestion.errors import FileTooLargeError, IngestError, UnreadableFileError
from ingestion.indexer import FileCommit, Indexer, PreparedFile
from ingestion.loaders.registry import UnsupportedFormatError
from ingestion.lock import IngestionLock
from ingestion.prefetch import Prefetcher
from ingestion.preparation import DocumentPreparer, FileOptions, Preparation
from retrieval.embeddings import Embedder

EARLY_FLUSH_CHUNKS = 64


@dataclass(frozen=True)
class IncomingFile:
    """A file that arrives as bytes rather than from a path: an item a source fetched."""

    source: str
    """Its stable name, as a path is a file's: versions and removal go by it (a URL)."""
    name: str
    """A file name whose extension helps recognise the format (``release-1234.html``)."""
    data: bytes


@dataclass(frozen=True)
class IngestOptions:
    kind: Kind = Kind.FILING
    case_id: str | None = None
    marking: Marking | None = None
    prune: bool = False

    def file_options(self) -> FileOptions:
        if self.kind is Kind.NOTE and not self.case_id:
            raise ValueError(messages.NOTE_NEEDS_CASE)
        marking = self.marking or (Marking.LES if self.kind is Kind.NOTE else Marking.PUBLIC)
        return FileOptions(kind=self.kind.value, case_id=self.case_id, marking=marking.value)


@dataclass
class RunReport:
    run_id: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def fail(self, source: str, error: str) -> None:
        self.failed.append({"source": source, "error": error})

    def as_json(self) -> dict[str, object]:
        return {
            "run_id": self.run_id,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "chunks": self.chunks,
            "failed": self.failed,
            "skipped": self.skipped,
        }


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, source: str) -> None: ...


class SilentProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, source: str) -> None:
        pass


@dataclass(frozen=True)
class _Outcome:
    """What examining one file found: exactly one of the fields besides ``source`` is set."""

    source: str
    preparation: Preparation | None = None
    unchanged: int | None = None
    known_failures: tuple[dict[str, str], ...] = ()
    failure: str | None = None
    skipped: str | None = None

    @property
    def chunk_count(self) -> int:
        """What holding this outcome costs until it is embedded; at least 1, to bound memory."""
        return max(1, self.preparation.file.chunk_count if self.preparation else 0)

    def record(self, report: RunReport, batch: _PendingBatch) -> None:
        if self.failure is not None:
            report.fail(self.source, self.failure)
        if self.skipped is not None:
            report.skipped.append({"source": self.source, "reason": self.skipped})
        if self.unchanged is not None:
            report.unchanged += self.unchanged
            report.failed.extend(self.known_failures)
        if self.preparation is not None:
            self._record_preparation(self.preparation, report, batch)

    @staticmethod
    def _record_preparation(
        preparation: Preparation, report: RunReport, batch: _PendingBatch
    ) -> None:
        report.failed.extend(preparation.file.member_failures)
        for member, reason in preparation.skipped:
            report.skipped.append({"source": member, "reason": reason})
        if preparation.file.documents or not preparation.file.member_failures:
            batch.preparations.append(preparation)


@dataclass
class _PendingBatch:
    preparations: list[Preparation] = field(default_factory=list)

    @property
    def chunk_count(self) -> int:
        return sum(prep.file.chunk_count for prep in self.preparations)

    def take(self) -> list[Preparation]:
        taken = list(self.preparations)
        self.preparations.clear()
        return taken


class IngestionService:
    def __init__(
        self,
        sessions: SessionFactory,
        indexer: Indexer,
        embedder: Embedder,
        preparer: DocumentPreparer,
        lock: IngestionLock,
        flush_chunks: int = 512,
        clock: Callable[[], datetime] | None = None,
        after_run: Sequence[Callable[[], object]] = (),
    ) -> None:
        self._sessions = sessions
        self._indexer = indexer
        self._embedder = embedder
        self._preparer = preparer
        self._lock = lock
        self._flush_chunks = flush_chunks
        self._after_run = list(after_run)
        self._clock = clock or (lambda: datetime.now(UTC).replace(tzinfo=None))

    def ingest(
        self, paths: Sequence[Path], options: IngestOptions, progress: Progress | None = None
    ) -> RunReport:
        with self._lock:
            report = self._run(
                [str(path) for path in paths], lambda: list(discover(paths)), options, progress
            )
            if options.prune:
                report.removed += self._prune(paths)
            return self._close(report)

    def ingest_fetched(
        self,
        files: Sequence[IncomingFile],
        options: IngestOptions,
        *,
        withdrawn: Sequence[str] = (),
        progress: Progress | None = None,
    ) -> RunReport:
        """Ingest files that arrived as bytes (a source's fetched items), each known by its
        ``source`` name (a URL) as a file is by its path, and remove the ``withdrawn`` ones."""
        with self._lock:
            report = self._run([file.source for file in files], lambda: files, options, progress)
            report.removed += sum(self._indexer.remove_file(source) for source in withdrawn)
            return self._close(report)

    def _run(
        self,
        recorded_paths: list[str],
        find: Callable[[], Sequence[FoundFile | PathProblem | IncomingFile]],
        options: IngestOptions,
        progress: Progress | None,
    ) -> RunReport:
        file_options = options.file_options()
        progress = progress or SilentProgress()
        self._indexer.recover()
        report = self._start_run(recorded_paths)
        known = self._known_files()
        found = find()
        progress.start(len(found))
        batch = _PendingBatch()
        outcomes = (self._examine(item, file_options, known) for item in found)
        prefetched = Prefetcher(outcomes, budget=self._flush_chunks, cost=_chunk_count)
        for outcome in prefetched:
            outcome.record(report, batch)
            if self._should_flush(batch, prefetched):
                self._flush(batch, report)
            progress.advance(outcome.source)
        self._flush(batch, report)
        return report

    def _close(self, report: RunReport) -> RunReport:
        self._finish_run(report)
        if report.added or report.updated or report.removed:
            for hook in self._after_run:
                hook()
        return report

    def _examine(
        self,
        item: FoundFile | PathProblem | IncomingFile,
        options: FileOptions,
        known: dict[str, tuple[SourceFile, int]],
    ) -> _Outcome:
        """Read, compare and prepare one file. Runs on the prefetch thread: touches no report."""
        source = item.source if isinstance(item, IncomingFile) else str(item.path)
        if isinstance(item, PathProblem):
            return _Outcome(source, failure=item.error)
        try:
            data, name = self._read(item)
            sha256 = hashlib.sha256(data).hexdigest()
            previous = known.get(source)
            if previous and _is_unchanged(
                previous[0], sha256, options, self._preparer.reader_version
            ):
                row, document_count = previous
                return _Outcome(
                    source, unchanged=document_count, known_failures=tuple(row.member_failures)
                )
            preparation = self._preparer.prepare(source, name, data, sha256, options)
        except UnsupportedFormatError as error:
            return _Outcome(source, skipped=str(error))
        except IngestError as error:
            return _Outcome(source, failure=str(error))
        except Exception as error:  # a loader bug must not stop the batch
            return _Outcome(source, failure=messages.unexpected(error))
        return _Outcome(source, preparation=preparation)

    def _read(self, item: FoundFile | IncomingFile) -> tuple[bytes, str]:
        """The file's bytes and the name its format is recognised by."""
        limit = self._preparer.max_file_bytes
        size = len(item.data) if isinstance(item, IncomingFile) else item.size_bytes
        if size > limit:
            raise FileTooLargeError(messages.too_large(size, limit))
        if isinstance(item, IncomingFile):
            return item.data, item.name
        try:
            return item.path.read_bytes(), item.path.name
        except PermissionError as error:
            raise UnreadableFileError(messages.PERMISSION_DENIED) from error
        except OSError as error:
            raise UnreadableFileError(messages.cannot_read(error)) from error

    def _should_flush(self, batch: _PendingBatch, prefetched: Prefetcher[_Outcome]) -> bool:
        """A full batch; or, rather than let the encoder wait for the next file to be parsed,
        a batch worth a few encoder calls (so the first batch starts at once)."""
        chunks = batch.chunk_count
        if chunks >= self._flush_chunks:
            return True
        return chunks >= EARLY_FLUSH_CHUNKS and not prefetched.has_ready()

    def _flush(self, batch: _PendingBatch, report: RunReport) -> None:
        """Embed the batch, then commit it (on this thread: the vector store's writes hold the
        GIL, so committing beside the encoder would only stall it)."""
        preparations = batch.take()
        if not preparations:
            return
        try:
            self._embed(preparations)
            commits = self._commit([preparation.file for preparation in preparations], report)
        except Exception as error:
            for preparation in preparations:
                report.fail(preparation.file.path, messages.unexpected(error))
            return
        for committed in commits:
            _record_commit(committed, report)

    def _embed(self, preparations: list[Preparation]) -> None:
        documents = [doc for prep in preparations for doc in prep.file.documents]
        texts = [text for doc in documents for text in doc.plan.embedding_texts()]
        vectors = self._embedder.embed_documents(texts)
        offset = 0
        for document in documents:
            count = len(document.plan.pieces)
            document.vectors = vectors[offset : offset + count]
            offset += count

    def _commit(self, files: list[PreparedFile], report: RunReport) -> list[FileCommit]:
        case_ids = {prepared.case_id for prepared in files if prepared.case_id}
        if case_ids:
            with self._sessions.begin() as session:
                for case_id in sorted(case_ids):
                    ensure_case(session, case_id)
        return self._indexer.commit_files(files, report.run_id)

    def _prune(self, paths: Sequence[Path]) -> int:
        folders = [str(path.absolute()) for path in paths if path.is_dir()]
        with self._sessions() as session:
            recorded = list(session.scalars(select(SourceFile.path)))
        gone = [
            path
            for path in recorded
            if any(path.startswith(folder.rstrip("/") + "/") for folder in folders)
            and not Path(path).exists()
        ]
        return sum(self._indexer.remove_file(path) for path in gone)

    def _known_files(self) -> dict[str, tuple[SourceFile, int]]:
        with self._sessions() as session:
            rows = session.execute(
                select(Document.root_source, func.count()).group_by(Document.root_source)
            )
            counts: dict[str, int] = dict(rows.tuples().all())
            return {
                row.path: (row, counts.get(row.path, 0))
                for row in session.scalars(select(SourceFile))
            }

    def _start_run(self, paths: list[str]) -> RunReport:
        run_id = str(uuid.uuid4())
        with self._sessions.begin() as session:
            session.add(
                IngestionRun(
                    id=run_id,
                    started_at=self._clock(),
                    paths=paths,
                    status="running",
                )
            )
        return RunReport(run_id=run_id)

    def _finish_run(self, report: RunReport) -> None:
        with self._sessions.begin() as session:
            run = session.get_one(IngestionRun, report.run_id)
            run.finished_at = self._clock()
            run.status = "failed" if report.failed else "succeeded"
            run.added = report.added
            run.updated = report.updated
            run.unchanged = report.unchanged
            run.removed = report.removed
            run.chunks_indexed = report.chunks
            run.errors = list(report.failed)


def _record_commit(committed: FileCommit, report: RunReport) -> None:
    result = committed.outcome
    if isinstance(result, Exception):
        report.fail(committed.path, messages.unexpected(result))
        return
    report.added += result.added
    report.updated += result.updated
    report.removed += result.removed
    report.chunks += result.chunks


def _chunk_count(outcome: _Outcome) -> int:
    return outcome.chunk_count


def _is_unchanged(row: SourceFile, sha256: str, options: FileOptions, reader_version: int) -> bool:
    """Same bytes, read by the same reader version, under the same kind, case and marking."""
    recorded = (row.sha256, row.reader_version, row.kind, row.case_id, row.marking)
    return recorded == (sha256, reader_version, options.kind, options.case_id, options.marking)
