"""Hybrid search: dense (Chroma) and lexical (BM25) candidates fused by z-scored scores, with
need-to-know applied inside both indexes and checked again on the way out.

Vector hits are resolved through the registry's chunk rows, so a search never returns a chunk of
a version that is not (or no longer) committed; near-duplicate chunks (one release rendered
twice) are collapsed. Restricted material the viewer may not see is never returned: it is only
counted, per case, when it matches the question closely.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from casework.access import Viewer, hidden_scope
from casework.storage.db import SessionFactory
from casework.storage.models import Chunk, Document
from retrieval.embeddings import Embedder, Vectors
from retrieval.filters import SearchFilters, combine_where
from retrieval.fusion import DEFAULT_ALPHA, convex_zscore
from retrieval.lexical import LexicalIndex
from retrieval.vector_store import VectorIndex

WORD = re.compile(r"[a-z0-9]+")
SHINGLE_WORDS = 5


@dataclass(frozen=True)
class SearchSettings:
    dense_candidates: int = 100
    lexical_candidates: int = 100
    fusion_alpha: float = DEFAULT_ALPHA
    """Weight of the dense side in the z-score fusion (see :mod:`retrieval.fusion`)."""
    duplicate_containment: float = 0.6
    withheld_min_similarity: float = 0.45
    lead_chunks_for_documents: int = 3
    """The opening chunk of each of the best documents joins the results (after that document's
    best hit): releases and records state their key facts first."""


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    document_id: str
    title: str
    source: str
    url: str | None
    page: int | None
    kind: str
    case_id: str | None
    marking: str
    document_date: date | None
    text: str
    char_start: int
    char_end: int
    score: float
    dense_similarity: float | None
    lexical_score: float | None


@dataclass(frozen=True)
class WithheldGroup:
    case_id: str
    documents: int


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    withheld: list[WithheldGroup] = field(default_factory=list)
    query_vector: Vectors | None = None
    """The query's embedding, so answering does not embed it again."""

    @property
    def withheld_documents(self) -> int:
        return sum(group.documents for group in self.withheld)


@dataclass
class _Candidate:
    chunk_id: str
    score: float = 0.0
    dense_similarity: float | None = None
    lexical_score: float | None = None


class HybridSearcher:
    def __init__(
        self,
        embedder: Embedder,
        vector_index: VectorIndex,
        lexical: LexicalIndex,
        sessions: SessionFactory,
        settings: SearchSettings | None = None,
    ) -> None:
        self._embedder = embedder
        self._vectors = vector_index
        self._lexical = lexical
        self._sessions = sessions
        self.settings = settings or SearchSettings()

    def search(
        self,
        query: str,
        viewer: Viewer,
        filters: SearchFilters | None = None,
        limit: int = 8,
    ) -> SearchResult:
        filters = filters or SearchFilters()
        vector = self._embedder.embed_query(query)
        candidates = self._fuse(
            query,
            vector,
            self._dense(vector, combine_where(viewer.chroma_scope(), *filters.chroma_clauses())),
            self._lexical_hits(query, viewer, filters),
        )
        hits = self._resolve(candidates, viewer, filters)
        hits = collapse_near_duplicates(hits, self.settings.duplicate_containment)[:limit]
        return SearchResult(
            query=query,
            hits=self._with_lead_chunks(hits),
            withheld=self._withheld(vector, viewer, filters),
            query_vector=vector,
        )

    def _dense(self, vector: Vectors, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        hits = self._vectors.query(vector, self.settings.dense_candidates, where)
        return [(hit.id, 1.0 - hit.distance) for hit in hits]

    def _lexical_hits(
        self, query: str, viewer: Viewer, filters: SearchFilters
    ) -> list[tuple[str, float]]:
        facets = self._lexical.facets()
        allowed = facets.visible_to(viewer) & facets.matching(filters)
        hits = self._lexical.search(query, self.settings.lexical_candidates, allowed)
        return [(hit.chunk_id, hit.score) for hit in hits]

    def _fuse(
        self,
        query: str,
        vector: Vectors,
        dense: Sequence[tuple[str, float]],
        lexical: Sequence[tuple[str, float]],
    ) -> list[_Candidate]:
        """Score every candidate on both sides (fetching what one side did not return), then
        mix the z-scored scores."""
        dense_scores = dict(dense)
        lexical_scores = dict(lexical)
        only_lexical = [key for key in lexical_scores if key not in dense_scores]
        only_dense = [key for key in dense_scores if key not in lexical_scores]
        all_dense = dense_scores | self._vectors.similarities(vector, only_lexical)
        all_lexical = lexical_scores | self._lexical.scores_for(query, only_dense)
        fused = convex_zscore(
            all_dense,
            all_lexical,
            dense_reference=list(dense_scores.values()),
            lexical_reference=list(lexical_scores.values()),
            alpha=self.settings.fusion_alpha,
        )
        candidates = [
            _Candidate(key, score, all_dense.get(key), lexical_scores.get(key))
            for key, score in fused.items()
        ]
        return sorted(candidates, key=lambda candidate: -candidate.score)

    def _resolve(
        self, candidates: Sequence[_Candidate], viewer: Viewer, filters: SearchFilters
    ) -> list[Hit]:
        rows = self._rows([candidate.chunk_id for candidate in candidates])
        hits = []
        for candidate in candidates:
            row = rows.get(candidate.chunk_id)
            if row is None:
                continue  # a version not committed, or already replaced
            chunk, document = row
            if not viewer.can_see(document.case_id, document.marking):
                continue
            if filters.source_prefix and not document.source.startswith(filters.source_prefix):
                continue
            hits.append(_hit(candidate, chunk, document))
        return hits

    def _with_lead_chunks(self, hits: list[Hit]) -> list[Hit]:
        """Insert each top document's first chunk after its best hit, where it is missing.
        The lead has the same document, so the same visibility, as the hit it follows."""
        top_documents = list(dict.fromkeys(hit.document_id for hit in hits))
        wanted = top_documents[: self.settings.lead_chunks_for_documents]
        present = {(hit.document_id, hit.chunk_id.rsplit(":", 1)[-1]) for hit in hits}
        missing = [doc for doc in wanted if (doc, "0") not in present]
        if not missing:
            return hits
        leads = self._lead_rows(missing)
        expanded: list[Hit] = []
        for hit in hits:
            expanded.append(hit)
            lead = leads.pop(hit.document_id, None)
            if lead is not None:
                chunk, document = lead
                expanded.append(_hit(_Candidate(chunk.id, score=hit.score), chunk, document))
        return expanded

    def _lead_rows(self, document_ids: list[str]) -> dict[str, tuple[Chunk, Document]]:
        with self._sessions() as session:
            result = session.execute(
                select(Chunk, Document)
                .join(Document, Chunk.document_id == Document.id)
                .where(Chunk.document_id.in_(document_ids), Chunk.ordinal == 0)
            )
            return {document.id: (chunk, document) for chunk, document in result.tuples()}

    def _rows(self, chunk_ids: list[str]) -> dict[str, tuple[Chunk, Document]]:
        if not chunk_ids:
            return {}
        with self._sessions() as session:
            result = session.execute(
                select(Chunk, Document)
                .join(Document, Chunk.document_id == Document.id)
                .where(Chunk.id.in_(chunk_ids))
            )
            return {chunk.id: (chunk, document) for chunk, document in result.tuples()}

    def _withheld(
        self, vector: Vectors, viewer: Viewer, filters: SearchFilters
    ) -> list[WithheldGroup]:
        scope = hidden_scope(viewer)
        if scope is None:
            return []
        where = combine_where(scope, *filters.chroma_clauses())
        close = [
            hit
            for hit in self._vectors.query(vector, self.settings.dense_candidates, where)
            if 1.0 - hit.distance >= self.settings.withheld_min_similarity
        ]
        documents: dict[str, set[str]] = defaultdict(set)
        for hit in close:
            documents[str(hit.metadata["case_id"])].add(str(hit.metadata["document_id"]))
        return [
            WithheldGroup(case_id=case_id, documents=len(ids))
            for case_id, ids in sorted(documents.items())
        ]


def _hit(candidate: _Candidate, chunk: Chunk, document: Document) -> Hit:
    return Hit(
        chunk_id=chunk.id,
        document_id=document.id,
        title=document.title,
        source=document.source,
        url=document.url,
        page=chunk.page,
        kind=document.kind,
        case_id=document.case_id,
        marking=document.marking,
        document_date=document.document_date,
        text=chunk.text,
        char_start=chunk.char_start,
        char_end=chunk.char_end,
        score=candidate.score,
        dense_similarity=candidate.dense_similarity,
        lexical_score=candidate.lexical_score,
    )


def collapse_near_duplicates(hits: Iterable[Hit], containment: float) -> list[Hit]:
    """Keep the best-ranked of chunks whose word 5-grams mostly coincide."""
    kept: list[tuple[Hit, set[int]]] = []
    for hit in hits:
        shingles = _shingles(hit.text)
        if any(_contained(shingles, other, containment) for _, other in kept):
            continue
        kept.append((hit, shingles))
    return [hit for hit, _ in kept]


def _shingles(text: str) -> set[int]:
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {hash(" ".join(words))}
    return {
        hash(" ".join(words[index : index + SHINGLE_WORDS]))
        for index in range(len(words) - SHINGLE_WORDS + 1)
    }


def _contained(first: set[int], second: set[int], containment: float) -> bool:
    smaller = min(len(first), len(second))
    return smaller > 0 and len(first & second) / smaller >= containment
