"""The lexical (BM25) index over every chunk in the registry.

bm25s has no incremental updates, so the index is rebuilt from the registry whenever the
registry's fingerprint (documents, chunks, versions, last update) changes: after each ingestion
run, and lazily by any process that finds its copy stale (several bot replicas each keep their
own). Builds are written to a new folder and swapped in by rename, so a reader never sees half an
index.
"""

from __future__ import annotations

import json
import math
import shutil
import threading
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
from sqlalchemy import func, select

from casework.storage.db import SessionFactory
from casework.storage.models import Chunk, Document
from retrieval.analysis import terms
from retrieval.filters import ChunkFacets, Mask

META_FILE = "chunks.json"


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


@dataclass
class _Loaded:
    fingerprint: str
    retriever: bm25s.BM25 | None
    chunk_ids: list[str]
    facets: ChunkFacets
    document_frequency: dict[str, int]

    @cached_property
    def row_of(self) -> dict[str, int]:
        return {chunk_id: row for row, chunk_id in enumerate(self.chunk_ids)}

    def idf(self, term: str) -> float:
        """Inverse document frequency (BM25's, floored at a small positive weight)."""
        total = max(len(self.chunk_ids), 1)
        frequency = self.document_frequency.get(term, 0)
        return max(math.log((total - frequency + 0.5) / (frequency + 0.5) + 1.0), 0.05)


class LexicalIndex:
    def __init__(self, folder: Path, sessions: SessionFactory) -> None:
        self._folder = folder
        self._sessions = sessions
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()

    def search(self, query: str, limit: int, allowed: Mask | None = None) -> list[LexicalHit]:
        loaded = self._current()
        if loaded.retriever is None:
            return []
        known = [term for term in terms(query) if term in loaded.retriever.vocab_dict]
        if not known:
            return []
        scores = loaded.retriever.get_scores(known)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        ranked = top[np.argsort(-scores[top])]
        return [
            LexicalHit(loaded.chunk_ids[index], float(scores[index]))
            for index in ranked
            if scores[index] > 0
        ]

    def scores_for(self, query: str, chunk_ids: Sequence[str]) -> dict[str, float]:
        """BM25 scores of the given chunks for ``query`` (0 for chunks it does not match)."""
        loaded = self._current()
        if loaded.retriever is None:
            return {}
        known = [term for term in terms(query) if term in loaded.retriever.vocab_dict]
        if not known:
            return dict.fromkeys(chunk_ids, 0.0)
        scores = loaded.retriever.get_scores(known)
        rows = loaded.row_of
        return {
            chunk_id: float(scores[rows[chunk_id]]) for chunk_id in chunk_ids if chunk_id in rows
        }

    def facets(self) -> ChunkFacets:
        return self._current().facets

    def idf(self, query_terms: Sequence[str]) -> dict[str, float]:
        loaded = self._current()
        return {term: loaded.idf(term) for term in query_terms}

    def refresh(self) -> None:
        """Rebuild now if the registry changed (called after each ingestion run)."""
        self._current()

    def _current(self) -> _Loaded:
        fingerprint = self._fingerprint()
        loaded = self._loaded
        if loaded is not None and loaded.fingerprint == fingerprint:
            return loaded
        with self._lock:
            if self._loaded is None or self._loaded.fingerprint != fingerprint:
                self._loaded = self._load(fingerprint) or self._build(fingerprint)
            return self._loaded

    def _fingerprint(self) -> str:
        with self._sessions() as session:
            documents, versions, updated = session.execute(
                select(func.count(), func.sum(Document.version), func.max(Document.updated_at))
            ).one()
            chunks = session.scalar(select(func.count()).select_from(Chunk))
        return f"{documents}-{versions or 0}-{chunks}-{updated}"

    def _path_for(self, fingerprint: str) -> Path:
        return self._folder / _safe_name(fingerprint)

    def _load(self, fingerprint: str) -> _Loaded | None:
        path = self._path_for(fingerprint)
        if not (path / META_FILE).is_file():
            return None
        meta = json.loads((path / META_FILE).read_text())
        retriever = (
            bm25s.BM25.load(str(path / "bm25"), show_progress=False)
            if (path / "bm25").is_dir()
            else None
        )
        return _Loaded(fingerprint, retriever, meta["chunk_ids"], _facets_from(meta), meta["df"])

    def _build(self, fingerprint: str) -> _Loaded:
        rows = self._rows()
        analysed = [terms(f"{row['title']}\n{row['text']}") for row in rows]
        frequency: Counter[str] = Counter()
        for chunk_terms in analysed:
            frequency.update(set(chunk_terms))
        meta = {
            "fingerprint": fingerprint,
            "df": dict(frequency),
            "chunk_ids": [row["id"] for row in rows],
            "case_ids": [row["case_id"] or "" for row in rows],
            "markings": [row["marking"] for row in rows],
            "kinds": [row["kind"] for row in rows],
            "dates": [row["date"] for row in rows],
            "sources": [row["source"] for row in rows],
        }
        retriever = None
        if rows:
            retriever = bm25s.BM25()
            retriever.index(analysed, show_progress=False)
        self._publish(fingerprint, meta, retriever)
        chunk_ids = [str(row["id"]) for row in rows]
        return _Loaded(fingerprint, retriever, chunk_ids, _facets_from(meta), dict(frequency))

    def _rows(self) -> list[dict[str, Any]]:
        with self._sessions() as session:
            result = session.execute(
                select(
                    Chunk.id,
                    Chunk.text,
                    Document.title,
                    Document.case_id,
                    Document.marking,
                    Document.kind,
                    Document.document_date,
                    Document.source,
                )
                .join(Document, Chunk.document_id == Document.id)
                .order_by(Chunk.id)
            )
            return [
                {
                    "id": row.id,
                    "text": row.text,
                    "title": row.title,
                    "case_id": row.case_id,
                    "marking": row.marking,
                    "kind": row.kind,
                    "date": int(row.document_date.strftime("%Y%m%d")) if row.document_date else 0,
                    "source": row.source,
                }
                for row in result
            ]

    def _publish(
        self, fingerprint: str, meta: dict[str, Any], retriever: bm25s.BM25 | None
    ) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        staging = self._folder / f".build-{uuid.uuid4().hex}"
        staging.mkdir()
        if retriever is not None:
            retriever.save(str(staging / "bm25"), show_progress=False)
        (staging / META_FILE).write_text(json.dumps(meta))
        final = self._path_for(fingerprint)
        try:
            staging.rename(final)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # another process published it first
        for old in self._folder.iterdir():
            if old != final and not old.name.startswith(".build-"):
                shutil.rmtree(old, ignore_errors=True)


def _facets_from(meta: dict[str, Any]) -> ChunkFacets:
    return ChunkFacets(
        case_ids=np.array(meta["case_ids"], dtype=str),
        markings=np.array(meta["markings"], dtype=str),
        kinds=np.array(meta["kinds"], dtype=str),
        dates=np.array(meta["dates"], dtype=np.int64),
        sources=np.array(meta["sources"], dtype=str),
    )


def _safe_name(fingerprint: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "_" for char in fingerprint)
