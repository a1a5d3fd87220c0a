"""The vector index: chunk embeddings in Chroma, embedded on disk or on a Chroma server.

Chunk ids are ``<document id>:v<version>:<ordinal>`` and every entry carries the metadata
retrieval filters on (document, version, kind, case, marking, page, source), so one document
version can be added or removed as a unit. The chunk's text is not stored here: the registry
holds it, every hit is resolved there, and keeping it out halves the cost of a write (Chroma
indexes stored text for full-text search) and keeps case notes in one store only.
"""

from __future__ import annotations

import fcntl
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar, runtime_checkable
from urllib.parse import urlparse

import numpy as np

from retrieval.embeddings import Vectors

MetadataValue = str | int | float | bool
PAGE_SIZE = 5000
STAGING_MARK = "-rebuild-"
RETIRED_MARK = "-retired-"
REOPEN_ATTEMPTS = 5
REOPEN_PAUSE_SECONDS = 0.1
SEARCH_BREADTH = 400
"""How many entries Chroma's HNSW graph explores for a query (its ``ef_search``). At Chroma's
default, 100, as many as a search asks for, the search is approximate, and the graph is built
anew each time a process opens the collection: the same question could rank other chunks after
a restart. Four times as broad finds the exact nearest hundred."""
COLLECTION_CONFIGURATION: dict[str, Any] = {
    "hnsw": {"space": "cosine", "ef_search": SEARCH_BREADTH}
}

T = TypeVar("T")


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


class RebuildableIndex(VectorIndex, Protocol):
    """An index that can be refilled beside the live one and then swapped in whole."""

    def staging(self) -> Self:
        """A new, empty index beside this one, unseen by searches until swapped in."""
        ...

    def replace_with(self, staged: Self) -> None:
        """Make ``staged`` the live index under this one's name and delete the old one."""
        ...

    def discard(self) -> None:
        """Delete this index (a staged one that will not be swapped in)."""
        ...

    def discard_leftovers(self) -> int:
        """Delete the staged or retired indexes an interrupted rebuild left; how many."""
        ...


@runtime_checkable
class NearestIds(Protocol):
    """An index that can name its nearest entries without loading their text and metadata:
    much cheaper than :meth:`VectorIndex.query` for a long list."""

    def nearest(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        """Ids and cosine similarities of the ``limit`` entries nearest ``vector``, nearest
        first (fewer when the index holds fewer)."""
        ...


class ChromaIndex:
    """A Chroma collection, known by name. When the collection in hand is gone because another
    process swapped in a rebuilt one, the call looks the name up again and is retried once."""

    def __init__(self, client: Any, collection_name: str) -> None:
        self._client = client
        self._name = collection_name
        self._collection = client.get_or_create_collection(
            collection_name, embedding_function=None, configuration=COLLECTION_CONFIGURATION
        )
        _search_broadly(self._collection)
        self._max_batch = int(client.get_max_batch_size())

    @property
    def name(self) -> str:
        return self._name

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        for start in range(0, len(entries), self._max_batch):
            batch = entries[start : start + self._max_batch]
            self._upsert(batch, vectors[start : start + len(batch)])

    def delete_version(self, document_id: str, version: int) -> None:
        where = {"$and": [{"document_id": document_id}, {"version": version}]}
        self._call(lambda collection: collection.delete(where=where))

    def delete_document(self, document_id: str) -> None:
        self._call(lambda collection: collection.delete(where={"document_id": document_id}))

    def versions(self) -> Counter[tuple[str, int]]:
        counts: Counter[tuple[str, int]] = Counter()
        for metadata in self._iter_metadata():
            counts[(str(metadata["document_id"]), int(metadata["version"]))] += 1
        return counts

    def ids(self) -> set[str]:
        found: set[str] = set()
        offset = 0
        while True:
            page = self._page(offset, include=[])
            found.update(page["ids"])
            if len(page["ids"]) < PAGE_SIZE:
                return found
            offset += PAGE_SIZE

    def count(self) -> int:
        return int(self._call(lambda collection: collection.count()))

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        if not ids:
            return {}
        found = self._call(lambda collection: collection.get(ids=list(ids), include=["embeddings"]))
        stored = np.asarray(found["embeddings"], dtype=np.float32)
        if stored.size == 0:
            return {}
        return dict(zip(found["ids"], (stored @ vector).tolist(), strict=True))

    def nearest(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        result = self._call(
            lambda collection: collection.query(
                query_embeddings=[vector], n_results=limit, include=["distances"]
            )
        )
        return [
            (hit_id, 1.0 - float(distance))
            for hit_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        result = self._call(
            lambda collection: collection.query(
                query_embeddings=[vector],
                n_results=limit,
                where=where,
                include=["distances", "metadatas"],
            )
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

    def staging(self) -> ChromaIndex:
        return ChromaIndex(self._client, f"{self._name}{STAGING_MARK}{uuid.uuid4().hex[:12]}")

    def replace_with(self, staged: ChromaIndex) -> None:
        """Rename the live collection away, rename ``staged`` to the name, delete the old one.
        Other processes' handles keep reading the old collection until it is deleted, then
        find the new one by name: a search sees the old index or the new one, never half."""
        retired = f"{self._name}{RETIRED_MARK}{uuid.uuid4().hex[:12]}"
        live = self._client.get_or_create_collection(
            self._name, embedding_function=None, configuration=COLLECTION_CONFIGURATION
        )
        live.modify(name=retired)
        self._rename_in(staged)
        self._client.delete_collection(retired)
        self._collection = staged._collection

    def _rename_in(self, staged: ChromaIndex) -> None:
        from chromadb.errors import ChromaError

        try:
            staged._collection.modify(name=self._name)
        except ChromaError:
            # A process that opened the index between the two renames made an empty collection
            # under the name (get_or_create): it holds nothing, so it gives way.
            intruder = self._client.get_collection(self._name, embedding_function=None)
            if intruder.count():
                raise
            self._client.delete_collection(self._name)
            staged._collection.modify(name=self._name)

    def discard(self) -> None:
        self._client.delete_collection(self._name)

    def discard_leftovers(self) -> int:
        prefixes = (f"{self._name}{STAGING_MARK}", f"{self._name}{RETIRED_MARK}")
        leftovers = [name for name in _collection_names(self._client) if name.startswith(prefixes)]
        for name in leftovers:
            self._client.delete_collection(name)
        return len(leftovers)

    def _upsert(self, batch: Sequence[IndexEntry], vectors: Vectors) -> None:
        self._call(
            lambda collection: collection.upsert(
                ids=[entry.id for entry in batch],
                embeddings=vectors,
                metadatas=[entry.metadata for entry in batch],
            )
        )

    def _iter_metadata(self) -> Iterator[dict[str, Any]]:
        offset = 0
        while True:
            page = self._page(offset, include=["metadatas"])
            yield from page["metadatas"]
            if len(page["ids"]) < PAGE_SIZE:
                return
            offset += PAGE_SIZE

    def _page(self, offset: int, include: list[str]) -> Any:
        return self._call(
            lambda collection: collection.get(include=include, limit=PAGE_SIZE, offset=offset)
        )

    def _call(self, operation: Callable[[Any], T]) -> T:
        from chromadb.errors import NotFoundError

        try:
            return operation(self._collection)
        except NotFoundError:
            self._collection = self._reopen(NotFoundError)
            return operation(self._collection)

    def _reopen(self, not_found: type[Exception]) -> Any:
        """The collection now under the name; a swap renames the new one in a moment after the
        old one is renamed away, so a lookup in between is tried again."""
        for _ in range(REOPEN_ATTEMPTS - 1):
            try:
                return self._client.get_collection(self._name, embedding_function=None)
            except not_found:
                time.sleep(REOPEN_PAUSE_SECONDS)
        return self._client.get_collection(self._name, embedding_function=None)


def _collection_names(client: Any) -> list[str]:
    return [str(getattr(item, "name", item)) for item in client.list_collections()]


def _search_broadly(collection: Any) -> None:
    """Widen the search of a collection made before :data:`SEARCH_BREADTH` was set (an
    existing collection keeps the configuration it was made with)."""
    hnsw = (collection.configuration or {}).get("hnsw") or {}
    if int(hnsw.get("ef_search") or 0) < SEARCH_BREADTH:
        collection.modify(configuration={"hnsw": {"ef_search": SEARCH_BREADTH}})


def open_chroma_client(url: str | None, path: Path, token: str | None = None) -> Any:
    """An HTTP client of the Chroma server at ``url`` when one is given, else a persistent Chroma
    in the folder ``path``. A ``token`` is sent as ``Authorization: Bearer`` on every request,
    for a Chroma server behind a token-checking proxy."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parts = urlparse(url)
        return chromadb.HttpClient(
            host=parts.hostname or "localhost",
            port=parts.port or (443 if parts.scheme == "https" else 8000),
            ssl=parts.scheme == "https",
            headers={"Authorization": f"Bearer {token}"} if token else None,
            settings=chroma_settings,
        )
    path.mkdir(parents=True, exist_ok=True)
    with _opening_lock(path):
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@contextmanager
def _opening_lock(path: Path) -> Iterator[None]:
    """One process at a time opens the folder: two opening a new store at once both create its
    tables, and the second fails ("table collections already exists")."""
    with (path.parent / f".{path.name}.opening").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
