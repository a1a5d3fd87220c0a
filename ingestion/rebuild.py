"""Rebuilds the vector index from the registry, which holds every chunk's text.

The chunks are embedded again, with the same embedding texts and the same vector metadata as
ingestion gives them (:meth:`Chunker.replan`, :func:`index_entries`), into a new index beside
the live one; only when it is complete is it swapped in under the live name. A search during
the rebuild reads the old index, one after it the new one: never half of one. If the rebuild
fails, the new index is deleted and the old one stays. The lexical index is rebuilt too.

A rebuild holds the ingestion lock: no ingestion can change the registry while it reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from casework.storage.db import SessionFactory
from casework.storage.registry import Chunk, Document
from ingestion.chunking import Chunker, ChunkPiece
from ingestion.indexer import Indexer, index_entries
from ingestion.lock import IngestionLock
from ingestion.pipeline import Progress, SilentProgress
from retrieval.embeddings import Embedder
from retrieval.vector_store import IndexEntry, RebuildableIndex

BATCH_CHUNKS = 512


@dataclass(frozen=True)
class RebuildReport:
    documents: int
    chunks: int
    vectors: int
    leftovers_removed: int

    def as_json(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "vectors": self.vectors,
            "leftovers_removed": self.leftovers_removed,
        }


@dataclass(frozen=True)
class _Planned:
    """One document's entries and embedding texts, ready to embed."""

    source: str
    entries: list[IndexEntry]
    texts: list[str]


class IndexRebuilder:
    def __init__(
        self,
        sessions: SessionFactory,
        indexer: Indexer,
        index: RebuildableIndex,
        embedder: Embedder,
        chunker: Callable[[], Chunker],
        lock: IngestionLock,
        after: Sequence[Callable[[], object]] = (),
        batch_chunks: int = BATCH_CHUNKS,
    ) -> None:
        self._sessions = sessions
        self._indexer = indexer
        self._index = index
        self._embedder = embedder
        self._chunker = chunker
        self._lock = lock
        self._after = list(after)
        self._batch_chunks = batch_chunks

    def rebuild(self, progress: Progress | None = None) -> RebuildReport:
        progress = progress or SilentProgress()
        with self._lock:
            self._indexer.recover()
            leftovers = self._index.discard_leftovers()
            staged = self._index.staging()
            try:
                documents, chunks = self._fill(staged, progress)
                vectors = staged.count()
            except BaseException:
                staged.discard()
                raise
            self._index.replace_with(staged)
            for hook in self._after:
                hook()
        return RebuildReport(documents, chunks, vectors, leftovers)

    def _fill(self, staged: RebuildableIndex, progress: Progress) -> tuple[int, int]:
        sizes = self._document_sizes()
        progress.start(len(sizes))
        chunks = 0
        for batch in _batches(sizes, self._batch_chunks):
            planned = self._plan(batch)
            texts = [text for item in planned for text in item.texts]
            if texts:
                entries = [entry for item in planned for entry in item.entries]
                staged.add(entries, self._embedder.embed_documents(texts))
                chunks += len(texts)
            for item in planned:
                progress.advance(item.source)
        return len(sizes), chunks

    def _document_sizes(self) -> list[tuple[str, int]]:
        """Every document's id and chunk count, in a stable order."""
        with self._sessions() as session:
            rows = session.execute(
                select(Document.id, func.count(Chunk.id))
                .join(Chunk, Chunk.document_id == Document.id, isouter=True)
                .group_by(Document.id)
                .order_by(Document.id)
            )
            return [(document_id, int(count)) for document_id, count in rows]

    def _plan(self, document_ids: list[str]) -> list[_Planned]:
        chunker = self._chunker()
        with self._sessions() as session:
            documents = session.scalars(
                select(Document)
                .where(Document.id.in_(document_ids))
                .options(selectinload(Document.chunks))
                .order_by(Document.id)
            )
            planned = []
            for document in documents:
                pieces = [_piece_of(chunk) for chunk in document.chunks]
                plan = chunker.replan(document.title, pieces)
                entries = index_entries(document, pieces, document.id, document.version)
                planned.append(_Planned(document.source, entries, plan.embedding_texts()))
            return planned


def _batches(sizes: list[tuple[str, int]], budget: int) -> Iterator[list[str]]:
    """Document ids in groups of at most ``budget`` chunks (a larger document goes alone)."""
    batch: list[str] = []
    chunks = 0
    for document_id, count in sizes:
        if batch and chunks + count > budget:
            yield batch
            batch, chunks = [], 0
        batch.append(document_id)
        chunks += count
    if batch:
        yield batch


def _piece_of(chunk: Chunk) -> ChunkPiece:
    return ChunkPiece(
        ordinal=chunk.ordinal,
        text=chunk.text,
        page=chunk.page,
        section=chunk.section,
        char_start=chunk.char_start,
        char_end=chunk.char_end,
        token_count=chunk.token_count,
    )
