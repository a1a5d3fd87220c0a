"""Ingestion writes a batch of files to the vector index together, and a file the index refuses
fails alone: the rest of its batch is indexed, and the next run leaves nothing behind."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.services import Services
from casework.settings import Settings
from ingestion.extraction import MentionExtractor
from ingestion.indexer import Indexer
from ingestion.loaders.catalog import default_registry
from ingestion.lock import registry_lock
from ingestion.pipeline import IngestionService, IngestOptions, RunReport
from ingestion.preparation import DocumentPreparer
from retrieval.embeddings import Vectors
from retrieval.vector_store import ChromaIndex, IndexEntry, open_chroma_client


class RecordingIndex(ChromaIndex):
    """The real index; counts writes and refuses entries of sources containing a marker."""

    def __init__(self, settings: Settings, refuse: str | None = None) -> None:
        client = open_chroma_client(settings.chroma_url, settings.chroma_path)
        super().__init__(client, settings.chroma_collection)
        self.refuse = refuse
        self.writes: list[set[str]] = []

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        sources = {str(entry.metadata["source"]) for entry in entries}
        self.writes.append(sources)
        if self.refuse and any(self.refuse in source for source in sources):
            raise OSError("disk full")
        super().add(entries, vectors)


def ingest(services: Services, index: ChromaIndex, folder: Path) -> RunReport:
    preparer = DocumentPreparer(
        default_registry(), services.load_limits, lambda: services.chunker, MentionExtractor()
    )
    ingestion = IngestionService(
        sessions=services.sessions,
        indexer=Indexer(services.sessions, index),
        embedder=services.embedder,
        preparer=preparer,
        lock=registry_lock(services.engine, services.settings.casebot_home),
    )
    return ingestion.ingest([folder], IngestOptions())


def write_notes(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        lines = " ".join(f"Parcel {index}-{line} was held at the hub." for line in range(60))
        (folder / f"note-{index}.txt").write_text(lines)


def test_a_batch_of_files_is_written_to_the_index_at_once(
    services: Services, tmp_path: Path
) -> None:
    write_notes(tmp_path / "notes", count=5)
    index = RecordingIndex(services.settings)

    report = ingest(services, index, tmp_path / "notes")

    assert (report.added, report.failed) == (5, [])
    assert len(index.writes) == 1 and len(index.writes[0]) == 5
    assert services.indexer.check().ok


def test_a_file_the_index_refuses_fails_alone(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write_notes(folder, count=5)

    report = ingest(services, RecordingIndex(services.settings, refuse="note-2"), folder)

    assert [failure["source"] for failure in report.failed] == [str(folder / "note-2.txt")]
    assert "disk full" in report.failed[0]["error"]
    assert report.added == 4
    assert services.indexer.document_count() == 4

    retried = ingest(services, RecordingIndex(services.settings), folder)

    assert (retried.added, retried.unchanged, retried.failed) == (1, 4, [])
    assert services.indexer.check().ok
