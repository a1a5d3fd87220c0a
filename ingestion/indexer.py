"""Keeps the SQL registry and the vector index in agreement, whatever stops a run.

The two stores share no transaction, so every change goes through a journal in the registry:

1. Journal ``add (document, new version)`` for each document of the batch's files; commit.
2. Write the new versions' vectors, under ids no committed row points to yet.
3. For each file, in one transaction: its documents' rows, their new chunk rows, the source
   file's row, the removal of its ``add`` entries, and ``drop (document, old version)`` entries;
   commit. This is the file's commit point: before it the new version does not exist, after it
   the old one does not.
4. Delete the file's old versions' vectors, then their ``drop`` entries.

:meth:`Indexer.recover` runs before every ingestion. An ``add`` left behind means step 3 never
happened: its vectors are rolled back. A ``drop`` left behind means step 4 did not finish: it is
redone. Both are idempotent, so a run killed at any point (SIGKILL included) and run again ends
with no orphan vectors, no document missing its vectors and no duplicates. Searches resolve vector
hits through the registry's chunk rows, so between steps 2 and 4 they see exactly one version.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Protocol

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from casework.entities.store import DocumentScope, MentionRow, replace_mentions
from casework.storage.db import SessionFactory
from casework.storage.ingestion_journal import IndexJournalEntry, SourceFile
from casework.storage.registry import Chunk, Document
from ingestion.chunking import ChunkPiece, ChunkPlan
from ingestion.extraction import ExtractedMention
from retrieval.embeddings import Vectors
from retrieval.vector_store import IndexEntry, MetadataValue, VectorIndex, chunk_id

ADD = "add"
DROP = "drop"
DROP_DOCUMENT = "drop_document"


class EntryFields(Protocol):
    """What every vector entry of a document carries besides its chunk's place: a prepared
    document has these, and so does the registry's row of an indexed one."""

    @property
    def kind(self) -> str: ...

    @property
    def case_id(self) -> str | None: ...

    @property
    def marking(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def document_date(self) -> date | None: ...


@dataclass
class PreparedDocument:
    """One document's new content, chunked and (after embedding) with its vectors."""

    source: str
    root_source: str
    parent_source: str | None
    kind: str
    case_id: str | None
    marking: str
    title: str
    sha256: str
    media_type: str
    loader: str
    size_bytes: int
    page_count: int | None
    document_date: date | None
    properties: dict[str, Any]
    plan: ChunkPlan
    mentions: list[ExtractedMention] = field(default_factory=list)
    vectors: Vectors | None = None


@dataclass
class PreparedFile:
    """Everything one source file contributes: its documents (the file and what it contains)."""

    path: str
    sha256: str
    size_bytes: int
    kind: str
    case_id: str | None
    marking: str
    reader_version: int
    documents: list[PreparedDocument] = field(default_factory=list)
    member_failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def chunk_count(self) -> int:
        return sum(len(document.plan.pieces) for document in self.documents)


@dataclass(frozen=True)
class CommitResult:
    added: int
    updated: int
    removed: int
    chunks: int


@dataclass(frozen=True)
class FileCommit:
    """What committing one file did, or the error that kept it out of the index."""

    path: str
    outcome: CommitResult | Exception


@dataclass(frozen=True)
class Consistency:
    documents_missing_vectors: list[str]
    orphan_versions: list[tuple[str, int]]

    @property
    def ok(self) -> bool:
        return not self.documents_missing_vectors and not self.orphan_versions


class Indexer:
    def __init__(self, sessions: SessionFactory, index: VectorIndex) -> None:
        self._sessions = sessions
        self._index = index

    def recover(self) -> int:
        """Finish or roll back whatever an interrupted run left in the journal."""
        with self._sessions() as session:
            entries = list(session.scalars(select(IndexJournalEntry)))
        for entry in entries:
            self._undo_or_finish(entry)
        return len(entries)

    def commit_files(self, files: Sequence[PreparedFile], run_id: str) -> list[FileCommit]:
        """Commit embedded files, each through the journal protocol above. Steps 1 and 2 are
        shared by the whole batch (one journal transaction, one vector write: the vector store's
        cost is mostly per call), steps 3 and 4 are each file's own, so a file that fails fails
        alone. Raises only when the batch's shared steps fail."""
        with self._sessions() as session:
            planned = [
                (prepared, _VersionPlan.make(prepared, _documents_of_file(session, prepared.path)))
                for prepared in files
            ]
        self._journal(ADD, [version for _, plan in planned for version in plan.new_versions])
        failed = self._write_vectors(planned)
        return [
            FileCommit(prepared.path, failed[prepared.path])
            if prepared.path in failed
            else self._finish(prepared, plan, run_id)
            for prepared, plan in planned
        ]

    def _finish(self, prepared: PreparedFile, plan: _VersionPlan, run_id: str) -> FileCommit:
        try:
            self._swap(prepared, plan, run_id)
            self._drop_vectors(plan.old_versions, plan.removed_ids)
        except Exception as error:  # left in the journal: the next run rolls it back or redoes it
            return FileCommit(prepared.path, error)
        result = CommitResult(
            added=plan.added,
            updated=len(plan.old_versions),
            removed=len(plan.removed_ids),
            chunks=prepared.chunk_count,
        )
        return FileCommit(prepared.path, result)

    def remove_file(self, path: str) -> int:
        """Remove a source file and every document it held; returns how many documents."""
        with self._sessions() as session:
            document_ids = [document.id for document in _documents_of_file(session, path).values()]
        self._journal(DROP_DOCUMENT, [(document_id, 0) for document_id in document_ids])
        with self._sessions.begin() as session:
            session.execute(delete(Document).where(Document.id.in_(document_ids)))
            session.execute(delete(SourceFile).where(SourceFile.path == path))
        self._drop_vectors([], document_ids)
        return len(document_ids)

    def check(self) -> Consistency:
        """Compare the registry's chunk rows with the vector index, version by version."""
        with self._sessions() as session:
            expected = Counter(
                {
                    (document_id, version): count
                    for document_id, version, count in session.execute(
                        select(Chunk.document_id, Chunk.version, func.count()).group_by(
                            Chunk.document_id, Chunk.version
                        )
                    )
                }
            )
        actual = self._index.versions()
        missing = sorted(
            {
                document_id
                for (document_id, version), count in expected.items()
                if actual[(document_id, version)] != count
            }
        )
        orphans = sorted(key for key in actual if key not in expected)
        return Consistency(documents_missing_vectors=missing, orphan_versions=orphans)

    def document_count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Document)) or 0)

    def document_summaries(self) -> list[dict[str, Any]]:
        """Kind, marking, chunk count and title of every document, for summaries."""
        with self._sessions() as session:
            rows = session.execute(
                select(Document.kind, Document.marking, Document.title, func.count(Chunk.id))
                .join(Chunk, Chunk.document_id == Document.id, isouter=True)
                .group_by(Document.id)
                .order_by(Document.kind, Document.title)
            )
            return [
                {"kind": kind, "marking": marking, "title": title, "chunks": chunks}
                for kind, marking, title, chunks in rows
            ]

    def repair(self, consistency: Consistency) -> None:
        """Drop orphan vectors; mark documents missing vectors stale, to be re-embedded."""
        for document_id, version in consistency.orphan_versions:
            self._index.delete_version(document_id, version)
        if not consistency.documents_missing_vectors:
            return
        with self._sessions.begin() as session:
            for document in session.scalars(
                select(Document).where(Document.id.in_(consistency.documents_missing_vectors))
            ):
                document.status = "stale"
                session.execute(delete(SourceFile).where(SourceFile.path == document.root_source))

    def _undo_or_finish(self, entry: IndexJournalEntry) -> None:
        if entry.action == DROP_DOCUMENT:
            self._index.delete_document(entry.document_id)
        else:
            self._index.delete_version(entry.document_id, entry.version)
        with self._sessions.begin() as session:
            session.execute(delete(IndexJournalEntry).where(IndexJournalEntry.id == entry.id))

    def _journal(self, action: str, versions: list[tuple[str, int]]) -> None:
        if not versions:
            return
        now = _now()
        with self._sessions.begin() as session:
            session.add_all(
                IndexJournalEntry(action=action, document_id=doc, version=version, created_at=now)
                for doc, version in versions
            )

    def _write_vectors(
        self, planned: Sequence[tuple[PreparedFile, _VersionPlan]]
    ) -> dict[str, Exception]:
        """Write every file's vectors in one call; if that fails, file by file, so that only
        the files the store refuses fail. Returns those files' errors."""
        try:
            self._add([_file_vectors(prepared, plan) for prepared, plan in planned])
            return {}
        except Exception as error:
            if len(planned) == 1:
                return {planned[0][0].path: error}
        failed: dict[str, Exception] = {}
        for prepared, plan in planned:
            try:
                self._add([_file_vectors(prepared, plan)])
            except Exception as error:
                failed[prepared.path] = error
        return failed

    def _add(self, parts: Sequence[tuple[list[IndexEntry], Vectors]]) -> None:
        entries = [entry for part_entries, _ in parts for entry in part_entries]
        if entries:
            self._index.add(
                entries, np.concatenate([vectors for _, vectors in parts if len(vectors)])
            )

    def _swap(self, prepared: PreparedFile, plan: _VersionPlan, run_id: str) -> None:
        now = _now()
        with self._sessions.begin() as session:
            for document in prepared.documents:
                _store_document(session, document, plan, now)
            session.flush()
            if plan.removed_ids:
                session.execute(delete(Document).where(Document.id.in_(plan.removed_ids)))
            session.merge(_source_file_row(prepared, run_id, now))
            for document_id, version in plan.new_versions:
                session.execute(
                    delete(IndexJournalEntry).where(
                        IndexJournalEntry.action == ADD,
                        IndexJournalEntry.document_id == document_id,
                        IndexJournalEntry.version == version,
                    )
                )
            session.add_all(
                IndexJournalEntry(action=DROP, document_id=doc, version=version, created_at=now)
                for doc, version in plan.old_versions
            )
            session.add_all(
                IndexJournalEntry(action=DROP_DOCUMENT, document_id=doc, version=0, created_at=now)
                for doc in plan.removed_ids
            )

    def _drop_vectors(self, old_versions: list[tuple[str, int]], removed_ids: list[str]) -> None:
        for document_id, version in old_versions:
            self._index.delete_version(document_id, version)
        for document_id in removed_ids:
            self._index.delete_document(document_id)
        if not old_versions and not removed_ids:
            return
        with self._sessions.begin() as session:
            for document_id, version in old_versions:
                session.execute(
                    delete(IndexJournalEntry).where(
                        IndexJournalEntry.action == DROP,
                        IndexJournalEntry.document_id == document_id,
                        IndexJournalEntry.version == version,
                    )
                )
            if removed_ids:
                session.execute(
                    delete(IndexJournalEntry).where(
                        IndexJournalEntry.action == DROP_DOCUMENT,
                        IndexJournalEntry.document_id.in_(removed_ids),
                    )
                )


@dataclass(frozen=True)
class _VersionPlan:
    identity: dict[str, tuple[str, int]]
    """source → (document id, new version)"""
    new_versions: list[tuple[str, int]]
    old_versions: list[tuple[str, int]]
    removed_ids: list[str]
    added: int

    @classmethod
    def make(cls, prepared: PreparedFile, existing: dict[str, Document]) -> _VersionPlan:
        identity: dict[str, tuple[str, int]] = {}
        old_versions: list[tuple[str, int]] = []
        for document in prepared.documents:
            current = existing.get(document.source)
            if current is None:
                identity[document.source] = (str(uuid.uuid4()), 1)
            else:
                identity[document.source] = (current.id, current.version + 1)
                old_versions.append((current.id, current.version))
        kept = set(identity)
        removed = [doc.id for source, doc in existing.items() if source not in kept]
        return cls(
            identity=identity,
            new_versions=list(identity.values()),
            old_versions=old_versions,
            removed_ids=removed,
            added=len(identity) - len(old_versions),
        )


def _documents_of_file(session: Session, path: str) -> dict[str, Document]:
    rows = session.scalars(select(Document).where(Document.root_source == path))
    return {document.source: document for document in rows}


def _store_document(
    session: Session, document: PreparedDocument, plan: _VersionPlan, now: datetime
) -> None:
    document_id, version = plan.identity[document.source]
    parent_id = plan.identity[document.parent_source][0] if document.parent_source else None
    row = session.get(Document, document_id)
    if row is None:
        row = Document(id=document_id, source=document.source, created_at=now)
        session.add(row)
    row.kind = document.kind
    row.case_id = document.case_id
    row.marking = document.marking
    row.title = document.title[:500]
    row.url = _url_of(document)
    row.root_source = document.root_source
    row.parent_id = parent_id
    row.sha256 = document.sha256
    row.version = version
    row.media_type = document.media_type
    row.loader = document.loader
    row.size_bytes = document.size_bytes
    row.page_count = document.page_count
    row.document_date = document.document_date
    row.status = "indexed"
    row.properties = document.properties
    row.updated_at = now
    session.execute(delete(Chunk).where(Chunk.document_id == document_id))
    session.add_all(
        Chunk(
            id=chunk_id(document_id, version, piece.ordinal),
            document_id=document_id,
            version=version,
            ordinal=piece.ordinal,
            page=piece.page,
            section=piece.section[:300] if piece.section else None,
            char_start=piece.char_start,
            char_end=piece.char_end,
            token_count=piece.token_count,
            text=piece.text,
        )
        for piece in document.plan.pieces
    )
    scope = DocumentScope(
        document_id,
        document.case_id,
        document.kind,
        document.marking,
        seen_on=document.document_date or now.date(),
    )
    replace_mentions(session, scope, _mention_rows(document, document_id, version), now)


def _mention_rows(document: PreparedDocument, document_id: str, version: int) -> list[MentionRow]:
    pages = {piece.ordinal: piece.page for piece in document.plan.pieces}
    return [
        MentionRow(
            kind=mention.kind,
            value=mention.value,
            display=mention.display,
            chunk_id=chunk_id(document_id, version, mention.ordinal),
            page=pages.get(mention.ordinal),
            char_start=mention.char_start,
            char_end=mention.char_end,
            detail=mention.detail,
        )
        for mention in document.mentions
    ]


def _source_file_row(prepared: PreparedFile, run_id: str, now: datetime) -> SourceFile:
    return SourceFile(
        path=prepared.path,
        sha256=prepared.sha256,
        size_bytes=prepared.size_bytes,
        kind=prepared.kind,
        case_id=prepared.case_id,
        marking=prepared.marking,
        reader_version=prepared.reader_version,
        ingested_at=now,
        run_id=run_id,
        member_failures=list(prepared.member_failures),
    )


def _file_vectors(prepared: PreparedFile, plan: _VersionPlan) -> tuple[list[IndexEntry], Vectors]:
    entries: list[IndexEntry] = []
    vectors: list[Vectors] = []
    for document in prepared.documents:
        if not document.plan.pieces:
            continue
        if document.vectors is None:
            raise ValueError(f"{document.source} was not embedded before indexing")
        document_id, version = plan.identity[document.source]
        entries.extend(index_entries(document, document.plan.pieces, document_id, version))
        vectors.append(document.vectors)
    return entries, np.concatenate(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)


def index_entries(
    document: EntryFields, pieces: Sequence[ChunkPiece], document_id: str, version: int
) -> list[IndexEntry]:
    """The vector entries of one document version: the metadata retrieval filters on."""
    base: dict[str, MetadataValue] = {
        "document_id": document_id,
        "version": version,
        "kind": document.kind,
        "case_id": document.case_id or "",
        "marking": document.marking,
        "source": document.source,
        "title": document.title[:500],
    }
    if document.document_date:
        base["date"] = int(document.document_date.strftime("%Y%m%d"))
    entries = []
    for piece in pieces:
        metadata = dict(base, ordinal=piece.ordinal)
        if piece.page is not None:
            metadata["page"] = piece.page
        entries.append(
            IndexEntry(id=chunk_id(document_id, version, piece.ordinal), metadata=metadata)
        )
    return entries


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _url_of(document: PreparedDocument) -> str | None:
    """The document's own link, else the address it was fetched from (a source's item)."""
    for url in (document.properties.get("url"), document.source):
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            return url[:2000]
    return None
