"""Ingestion keeps the encoder busy: one batch is committed while the next is embedded, and a
file whose commit fails is reported without holding back the rest."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from bot.services import Services
from casework.settings import Settings
from ingestion.extraction import MentionExtractor
from ingestion.indexer import Indexer
from ingestion.loaders.catalog import default_registry
from ingestion.lock import IngestionLock
from ingestion.pipeline import IngestionService, IngestOptions, RunReport
from ingestion.preparation import DocumentPreparer
from retrieval.embeddings import Embedder, Tokenizer, Vectors
from retrieval.vector_store import ChromaIndex, IndexEntry, VectorIndex, open_chroma_client

WAIT_SECONDS = 10


class CountingEmbedder:
    """Delegates to the test embedder; sets an event when its second batch starts."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.model_name = inner.model_name
        self.calls = 0
        self.second_batch_started = threading.Event()

    @property
    def max_tokens(self) -> int:
        return self._inner.max_tokens

    @property
    def tokenizer(self) -> Tokenizer:
        return self._inner.tokenizer

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        if self.calls == 2:
            self.second_batch_started.set()
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vectors:
        return self._inner.embed_query(text)


class GatedIndex(ChromaIndex):
    """The real index, whose first write waits for the embedder's second batch to start: only a
    pipeline that commits while it embeds gets past it without timing out."""

    def __init__(self, settings: Settings, gate: threading.Event) -> None:
        super().__init__(open_chroma_client(settings), settings.chroma_collection)
        self._gate = gate
        self.first_write_overlapped: bool | None = None
        self.refuse_source_containing: str | None = None

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        if self.first_write_overlapped is None:
            self.first_write_overlapped = self._gate.wait(WAIT_SECONDS)
        refused = self.refuse_source_containing
        if refused and any(refused in str(entry.metadata["source"]) for entry in entries):
            raise OSError("disk full")
        super().add(entries, vectors)


def ingestion_with(
    services: Services, index: VectorIndex, embedder: Embedder, flush_chunks: int
) -> IngestionService:
    preparer = DocumentPreparer(
        default_registry(), services.load_limits, lambda: services.chunker, MentionExtractor()
    )
    return IngestionService(
        sessions=services.sessions,
        indexer=Indexer(services.sessions, index),
        embedder=embedder,
        preparer=preparer,
        lock=IngestionLock(services.settings.casebot_home / "ingest.lock"),
        flush_chunks=flush_chunks,
    )


def write_notes(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        lines = " ".join(f"Parcel {index}-{line} was held at the hub." for line in range(60))
        (folder / f"note-{index}.txt").write_text(lines)


def ingest(services: Services, flush_chunks: int, refuse: str | None = None) -> RunReport:
    embedder = CountingEmbedder(services.embedder)
    index = GatedIndex(services.settings, embedder.second_batch_started)
    index.refuse_source_containing = refuse
    ingestion = ingestion_with(services, index, embedder, flush_chunks)
    report = ingestion.ingest([services.settings.casebot_home.parent / "notes"], IngestOptions())
    assert index.first_write_overlapped, "the first batch was committed before the next embedded"
    return report


def test_a_batch_is_committed_while_the_next_is_embedded(services: Services) -> None:
    write_notes(services.settings.casebot_home.parent / "notes", count=4)

    report = ingest(services, flush_chunks=1)

    assert (report.added, report.failed) == (4, [])
    assert services.indexer.check().ok
    assert services.indexer.document_count() == 4


def test_a_file_whose_commit_fails_is_reported_and_the_rest_are_indexed(
    services: Services,
) -> None:
    write_notes(services.settings.casebot_home.parent / "notes", count=4)

    report = ingest(services, flush_chunks=1, refuse="note-2")

    assert [failure["source"] for failure in report.failed] == [
        str(services.settings.casebot_home.parent / "notes" / "note-2.txt")
    ]
    assert "disk full" in report.failed[0]["error"]
    assert report.added == 3
    assert services.indexer.document_count() == 3
