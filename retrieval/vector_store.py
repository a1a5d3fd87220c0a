"""The vector index: chunk embeddings in Chroma, embedded on disk or on a Chroma server.

Chunk ids are ``<document id>:v<version>:<ordinal>`` and every entry carries the metadata
retrieval filters on (document, version, kind, case, marking, page, source), so one document
version can be added or removed as a unit. The chunk's text is not stored here: the registry
holds it, every hit is resolved there, and keeping it out halves the cost of a write (Chroma
indexes stored text for full-text search) and keeps case notes in one store only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlparse

import numpy as np

from retrieval.embeddings import Vectors

MetadataValue = str | int | float | bool
PAGE_SIZE = 5000


def chunk_id(document_id: str, version: int, ordinal: int) -> str:
    return f"{document_id}:v{version}:{ordinal}"


def document_of(chunk_id: str) -> str:
    """The document id in a chunk id."""
    return chunk_id.rsplit(":", 2)[0]


@dataclass(frozen=True)
class IndexEntry:
    id: str
    metadata: dict[str, MetadataValue]


@dataclass(frozen=True)
class VectorHit:
    id: str
    distance: float
    metadata: dict[str, MetadataValue]


class VectorIndex(Protocol):
    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None: ...

    def delete_version(self, document_id: str, version: int) -> None: ...

    def delete_document(self, document_id: str) -> None: ...

    def versions(self) -> Counter[tuple[str, int]]:
        """How many entries each (document id, version) has."""
        ...

    def count(self) -> int: ...

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        """Cosine similarity of ``vector`` to each stored entry among ``ids``."""
        ...

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]: ...


@runtime_checkable
class NearestIds(Protocol):
    """An index that can name its nearest entries without loading their text and metadata:
    much cheaper than :meth:`VectorIndex.query` for a long list."""

    def nearest(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        """Ids and cosine similarities of the ``limit`` entries nearest ``vector``, nearest
        first (fewer when the index holds fewer)."""
        ...


class ChromaIndex:
    def __init__(self, client: Any, collection_name: str) -> None:
        self._client = client
        self._collection = client.get_or_create_collection(
            collection_name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
        )
        self._max_batch = int(client.get_max_batch_size())

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        for start in range(0, len(entries), self._max_batch):
            batch = entries[start : start + self._max_batch]
            self._collection.upsert(
                ids=[entry.id for entry in batch],
                embeddings=vectors[start : start + len(batch)],
                metadatas=[entry.metadata for entry in batch],
            )

    def delete_version(self, document_id: str, version: int) -> None:
        self._collection.delete(
            where={"$and": [{"document_id": document_id}, {"version": version}]}
        )

    def delete_document(self, document_id: str) -> None:
        self._collection.delete(where={"document_id": document_id})

    def versions(self) -> Counter[tuple[str, int]]:
        counts: Counter[tuple[str, int]] = Counter()
        for metadata in self._iter_metadata():
            counts[(str(metadata["document_id"]), int(metadata["version"]))] += 1
        return counts

    def ids(self) -> set[str]:
        found: set[str] = set()
        offset = 0
        while True:
            page = self._collection.get(include=[], limit=PAGE_SIZE, offset=offset)
            found.update(page["ids"])
            if len(page["ids"]) < PAGE_SIZE:
                return found
            offset += PAGE_SIZE

    def count(self) -> int:
        return int(self._collection.count())

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        if not ids:
            return {}
        found = self._collection.get(ids=list(ids), include=["embeddings"])
        stored = np.asarray(found["embeddings"], dtype=np.float32)
        if stored.size == 0:
            return {}
        return dict(zip(found["ids"], (stored @ vector).tolist(), strict=True))

    def nearest(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        result = self._collection.query(
            query_embeddings=[vector], n_results=limit, include=["distances"]
        )
        return [
            (hit_id, 1.0 - float(distance))
            for hit_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        result = self._collection.query(
            query_embeddings=[vector],
            n_results=limit,
            where=where,
            include=["distances", "metadatas"],
        )
        return [
            VectorHit(id=hit_id, distance=float(distance), metadata=dict(meta))
            for hit_id, distance, meta in zip(
                result["ids"][0],
                result["distances"][0],
                result["metadatas"][0],
                strict=True,
            )
        ]

    def _iter_metadata(self) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            page = self._collection.get(include=["metadatas"], limit=PAGE_SIZE, offset=offset)
            yield from page["metadatas"]
            if len(page["ids"]) < PAGE_SIZE:
                return
            offset += PAGE_SIZE


def open_chroma_client(url: str | None, path: Path) -> Any:
    """An HTTP client of the Chroma server at ``url`` when one is given, else a persistent Chroma
    in the folder ``path``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parts = urlparse(url)
        return chromadb.HttpClient(
            host=parts.hostname or "localhost",
            port=parts.port or (443 if parts.scheme == "https" else 8000),
            ssl=parts.scheme == "https",
            settings=chroma_settings,
        )
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
