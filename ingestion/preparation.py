"""Turning one file's bytes into prepared documents: load, recurse into children, chunk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ingestion import messages
from ingestion.chunking import Chunker
from ingestion.errors import EmptyFileError, FileTooLargeError, IngestError
from ingestion.extraction import MentionExtractor
from ingestion.indexer import PreparedDocument, PreparedFile
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.registry import LoaderRegistry, UnsupportedFormatError

MEMBER_SEPARATOR = "!/"

READER_VERSION = 4
"""Raise it whenever a change to the loaders, the chunker or the extractor changes what a file's
documents hold: a file indexed by another reader version is read again even when its bytes are
unchanged, so the index never keeps text a fixed reader would no longer give."""


@dataclass(frozen=True)
class FileOptions:
    kind: str
    case_id: str | None
    marking: str


@dataclass
class Preparation:
    """A prepared file (its member failures included), with what was passed over inside it."""

    file: PreparedFile
    skipped: list[tuple[str, str]] = field(default_factory=list)


class DocumentPreparer:
    def __init__(
        self,
        registry: LoaderRegistry,
        limits: LoadLimits,
        chunker: Callable[[], Chunker],
        extractor: MentionExtractor,
        reader_version: int = READER_VERSION,
    ) -> None:
        self._registry = registry
        self._limits = limits
        self._chunker = chunker
        self._extractor = extractor
        self.reader_version = reader_version

    @property
    def max_file_bytes(self) -> int:
        return self._limits.max_file_bytes

    def prepare(
        self, path: str, name: str, data: bytes, sha256: str, options: FileOptions
    ) -> Preparation:
        """Raises :class:`IngestError` when the file itself cannot be ingested; problems with
        members of an archive or attachments of an e-mail are collected instead."""
        prepared = PreparedFile(
            path=path,
            sha256=sha256,
            size_bytes=len(data),
            kind=options.kind,
            case_id=options.case_id,
            marking=options.marking,
            reader_version=self.reader_version,
        )
        preparation = Preparation(file=prepared)
        blob = self._registry.blob(name, data)
        loaded, loader_name = self._load(blob)
        self._collect(preparation, blob, loaded, loader_name, path, parent=None)
        return preparation

    def _load(self, blob: Blob) -> tuple[LoadedDocument, str]:
        if not blob.data:
            raise EmptyFileError(messages.EMPTY_FILE)
        if len(blob.data) > self._limits.max_file_bytes:
            raise FileTooLargeError(messages.too_large(len(blob.data), self._limits.max_file_bytes))
        loader = self._registry.choose(blob)
        return loader.load(blob, self._limits), loader.name

    def _collect(
        self,
        preparation: Preparation,
        blob: Blob,
        loaded: LoadedDocument,
        loader_name: str,
        source: str,
        parent: str | None,
    ) -> None:
        if loaded.has_own_text:
            preparation.file.documents.append(
                self._document(preparation.file, blob, loaded, loader_name, source, parent)
            )
            parent = source
        for child in loaded.children:
            child_source = f"{source}{MEMBER_SEPARATOR}{child.name}"
            child_blob = Blob(
                name=child.name,
                data=child.data,
                media_type=self._registry.blob(child.name, child.data).media_type,
                depth=child.depth + blob.depth,
            )
            try:
                child_loaded, child_loader = self._load(child_blob)
                self._collect(
                    preparation, child_blob, child_loaded, child_loader, child_source, parent
                )
            except UnsupportedFormatError as error:
                preparation.skipped.append((child_source, str(error)))
            except IngestError as error:
                preparation.file.member_failures.append(
                    {"source": child_source, "error": str(error)}
                )

    def _document(
        self,
        prepared: PreparedFile,
        blob: Blob,
        loaded: LoadedDocument,
        loader_name: str,
        source: str,
        parent: str | None,
    ) -> PreparedDocument:
        plan = self._chunker().plan(loaded.title, loaded.sections)
        if not plan.pieces:
            raise EmptyFileError(messages.NO_TEXT)
        return PreparedDocument(
            source=source,
            root_source=prepared.path,
            parent_source=parent,
            kind=prepared.kind,
            case_id=prepared.case_id,
            marking=prepared.marking,
            title=loaded.title,
            sha256=prepared.sha256 if source == prepared.path else _sha256(blob.data),
            media_type=blob.media_type,
            loader=loader_name,
            size_bytes=len(blob.data),
            page_count=loaded.page_count,
            document_date=loaded.document_date,
            properties=loaded.properties,
            plan=plan,
            mentions=self._extractor.extract(plan, loaded.properties),
        )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
