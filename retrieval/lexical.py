"""The lexical (BM25) index over every chunk in the registry.

bm25s has no incremental updates, so the index is rebuilt from the registry whenever the
registry's fingerprint (documents, chunks, versions, last update) changes. The ingesting process
rebuilds at the end of its run. Any other process that finds its copy stale (several bot replicas
each keep one) loads the new build if it is already published in its folder; otherwise it keeps
searching its copy while one background thread builds the new one, so no question waits for a
rebuild (tens of seconds at 100,000 chunks). That copy can lack the newest documents for as long
as the build takes; it never shows anything it should not, as every hit is checked against the
registry on the way out. Only a process with no copy at all builds before it answers. Builds are
written to a new folder and swapped in by rename, so a reader never sees half an index.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select

from casework.access import Viewer
from casework.storage.db import SessionFactory
from casework.storage.registry import Chunk, Document
from retrieval.analysis import terms
from retrieval.filters import ChunkFacets, Mask, SearchFilters

META_FILE = "chunks.json"
SCOPES_KEPT = 32
IDF_RECHECK_SECONDS = 1.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    score: float


@dataclass(frozen=True)
class ChunkScope:
    """What one search may do with each chunk of the index: show it (the viewer may see it and
    it matches the filters) or count it as withheld (it matches, the viewer may not see it)."""

    rows: dict[str, int]
    shown: Mask | None
    """None: every chunk."""
    withheld: Mask | None
    """None: no chunk."""
    case_ids: npt.NDArray[np.str_]

    @property
    def shown_share(self) -> float:
        """The fraction of the index's chunks that may be shown."""
        if not self.rows:
            return 0.0
        return 1.0 if self.shown is None else float(np.count_nonzero(self.shown)) / len(self.rows)

    def shows(self, chunk_id: str) -> bool:
        row = self.rows.get(chunk_id)
        return row is not None and (self.shown is None or bool(self.shown[row]))

    def withholding_case(self, chunk_id: str) -> str | None:
        """The case of a chunk this search must withhold; None for any other chunk."""
        row = self.rows.get(chunk_id)
        if row is None or self.withheld is None or not self.withheld[row]:
            return None
        return str(self.case_ids[row])


@dataclass(frozen=True)
class QueryScores:
    """One query's BM25 score of every chunk in the index, zero for chunks not shown."""

    chunk_ids: list[str]
    scores: npt.NDArray[np.floating[Any]]
    scope: ChunkScope

    def top(self, limit: int) -> list[LexicalHit]:
        """The best-scoring chunks shown, best first (chunks that match no term left out)."""
        limit = min(limit, len(self.scores))
        if limit <= 0:
            return []
        best = np.argpartition(-self.scores, limit - 1)[:limit]
        ranked = best[np.argsort(-self.scores[best], kind="stable")]
        return [
            LexicalHit(self.chunk_ids[row], float(self.scores[row]))
            for row in ranked
            if self.scores[row] > 0
        ]

    def of(self, chunk_ids: Iterable[str]) -> dict[str, float]:
        """Scores of the given chunks (0 where no term matches). A chunk the index does not
        hold, or that may not be shown, is left out: it cannot be scored on this side."""
        rows = self.scope.rows
        return {
            chunk_id: float(self.scores[rows[chunk_id]])
            for chunk_id in chunk_ids
            if self.scope.shows(chunk_id)
        }


@dataclass
class _Loaded:
    fingerprint: str
    retriever: bm25s.BM25 | None
    chunk_ids: list[str]
    facets: ChunkFacets
    document_frequency: dict[str, int]
    checked_at: float = field(default_factory=time.monotonic)
    """When the registry's fingerprint last matched this build."""
    _scopes: dict[tuple[object, ...], ChunkScope] = field(
        default_factory=dict, init=False, repr=False
    )

    @cached_property
    def row_of(self) -> dict[str, int]:
        return {chunk_id: row for row, chunk_id in enumerate(self.chunk_ids)}

    def scope(self, viewer: Viewer | None, filters: SearchFilters) -> ChunkScope:
        """Each clearance's scope is worked out once per build (a few ms over 100,000 chunks)
        and kept for the next search, up to :data:`SCOPES_KEPT` of them."""
        if viewer is None:
            return ChunkScope(self.row_of, None, None, self.facets.case_ids)
        key = (viewer.les_cases, viewer.sixe_cases, viewer.every_case, filters)
        scope = self._scopes.get(key)
        if scope is None:
            if len(self._scopes) >= SCOPES_KEPT:
                self._scopes.clear()
            scope = self._scopes[key] = self._work_out_scope(viewer, filters)
        return scope

    def _work_out_scope(self, viewer: Viewer, filters: SearchFilters) -> ChunkScope:
        visible = self.facets.visible_to(viewer)
        matching = self.facets.matching(filters)
        shown: Mask = visible & matching
        withheld: Mask = matching & ~visible
        shown.setflags(write=False)
        withheld.setflags(write=False)
        return ChunkScope(self.row_of, shown, withheld, self.facets.case_ids)

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
        self._background: threading.Thread | None = None

    def search(
        self,
        query: str,
        limit: int,
        viewer: Viewer | None = None,
        filters: SearchFilters | None = None,
    ) -> list[LexicalHit]:
        return self.score(query, viewer, filters).top(limit)

    def score(
        self, query: str, viewer: Viewer | None = None, filters: SearchFilters | None = None
    ) -> QueryScores:
        """Score every chunk for ``query`` once. With a viewer, chunks it may not see (or that
        the filters exclude) are not shown: they score nothing and cannot be looked up."""
        loaded = self._current()
        scope = loaded.scope(viewer, filters or SearchFilters())
        scores = np.zeros(len(loaded.chunk_ids), dtype=np.float32)
        if loaded.retriever is not None:
            known = [term for term in terms(query) if term in loaded.retriever.vocab_dict]
            if known:
                scores = loaded.retriever.get_scores(known)
        if scope.shown is not None:
            scores = np.where(scope.shown, scores, 0.0)
        return QueryScores(loaded.chunk_ids, scores, scope)

    def idf(self, query_terms: Sequence[str]) -> dict[str, float]:
        """Term weights from the current build, or from one checked less than
        :data:`IDF_RECHECK_SECONDS` ago (answering asks right after searching, which checked)."""
        loaded = self._loaded
        if loaded is None or time.monotonic() - loaded.checked_at > IDF_RECHECK_SECONDS:
            loaded = self._current()
        return {term: loaded.idf(term) for term in query_terms}

    def refresh(self) -> None:
        """Rebuild now if the registry changed (called after each ingestion run)."""
        self._current(wait=True)

    def rebuild(self) -> None:
        """Build from the registry now, whatever build is already published."""
        with self._lock:
            self._loaded = self._build(self._fingerprint())

    def wait_for_background_build(self, timeout: float | None = None) -> None:
        background = self._background
        if background is not None:
            background.join(timeout)

    def _current(self, wait: bool = False) -> _Loaded:
        """The build for the registry as it is now; without ``wait``, a stale copy while the new
        build is made in the background (see the module's docstring)."""
        fingerprint = self._fingerprint()
        loaded = self._loaded
        if loaded is not None and loaded.fingerprint == fingerprint:
            loaded.checked_at = time.monotonic()
            return loaded
        if loaded is not None and not wait:
            published = self._load(fingerprint)
            if published is None:
                self._build_in_background(fingerprint)
                return loaded
            self._install(published)
            return published
        with self._lock:
            if self._loaded is None or self._loaded.fingerprint != fingerprint:
                self._loaded = self._load(fingerprint) or self._build(fingerprint)
            return self._loaded

    def _install(self, build: _Loaded) -> None:
        with self._lock:
            self._loaded = build

    def _build_in_background(self, fingerprint: str) -> None:
        with self._lock:
            if self._background is not None and self._background.is_alive():
                return  # the next search after it finishes starts another if still stale
            self._background = threading.Thread(
                target=self._build_and_install,
                args=(fingerprint,),
                name="lexical-rebuild",
                daemon=True,
            )
            self._background.start()

    def _build_and_install(self, fingerprint: str) -> None:
        try:
            build = self._build(fingerprint)
        except Exception:  # the copy in use stays; the next search tries again
            log.exception("rebuilding the lexical index failed")
            return
        self._install(build)

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
        try:
            meta = json.loads((path / META_FILE).read_text())
            retriever = (
                bm25s.BM25.load(str(path / "bm25"), show_progress=False)
                if (path / "bm25").is_dir()
                else None
            )
        except (OSError, ValueError):  # swept away by a newer build while it was being read
            return None
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
