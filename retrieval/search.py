"""Hybrid search: dense (Chroma) and lexical (BM25) candidates, each scored on both sides and
fused by z-scored scores (see :mod:`retrieval.fusion`), with need-to-know applied to every
candidate on both sides and checked again on the way out. The lexical index's scope (from the
registry) decides what a search may show and what it withholds; Chroma's ``where`` clause does
when the viewer may see too little of the index to sort its nearest entries here.

Vector hits are resolved through the registry's chunk rows, so a search never returns a chunk of
a version that is not (or no longer) committed; near-duplicate chunks (one release rendered
twice) are collapsed. Restricted material the viewer may not see is never returned: it is only
counted, per case, when it matches the question closely.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from casework.access import Viewer
from casework.storage.db import SessionFactory
from casework.storage.registry import Chunk, Document
from retrieval.abbreviations import with_spelled_out
from retrieval.embeddings import Embedder, Vectors
from retrieval.filters import SearchFilters, combine_where
from retrieval.fusion import DEFAULT_ALPHA, convex_zscore
from retrieval.lexical import ChunkScope, LexicalIndex, QueryScores
from retrieval.preferences import PreferenceSettings, QuestionPreferences
from retrieval.scope import hidden_where, visible_where
from retrieval.vector_store import NearestIds, VectorHit, VectorIndex, document_of

WORD = re.compile(r"[a-z0-9]+")
SHINGLE_WORDS = 5
RESOLVE_PAGE = 32


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
    unfiltered_depth_limit: int = 1000
    """Chroma's metadata filter costs in proportion to the entries it matches (half a second for
    a scope of 35,000 of 100,000 chunks on a busy 2-core machine), far more than the search. When
    the viewer may see enough of the index, the nearest entries are fetched unfiltered instead,
    this many at most, and sorted into shown and withheld here; a narrower scope is left to
    Chroma."""
    unfiltered_margin: float = 1.5
    """How many more entries than the visible share predicts the unfiltered fetch asks for."""
    preferences: PreferenceSettings = field(default_factory=PreferenceSettings)
    """Listings rank below the documents they list; a series' release of the date and stage
    the question names above its siblings (see :mod:`retrieval.preferences`)."""
    preference_pool: int = 2
    """How many times the requested hits are ranked again by those preferences."""


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

    @property
    def query_embedder(self) -> Embedder:
        return self._embedder

    def search(
        self,
        query: str,
        viewer: Viewer,
        filters: SearchFilters | None = None,
        limit: int = 8,
    ) -> SearchResult:
        filters = filters or SearchFilters()
        searched = with_spelled_out(query)
        vector = self._embedder.embed_query(searched)
        asked = vector if searched == query else self._embedder.embed_query(query)
        lexical = self._lexical.score(searched, viewer, filters)
        nearest = self._nearest(vector, viewer, filters, lexical.scope)
        candidates = self._fuse(vector, nearest.dense, lexical)
        pool = collapse_near_duplicates(
            self._resolve(candidates, viewer, filters),
            self.settings.duplicate_containment,
            limit * self.settings.preference_pool,
        )
        hits = self._preferred(query, pool)[:limit]
        return SearchResult(
            query=query,
            hits=self._with_lead_chunks(hits),
            withheld=nearest.withheld,
            query_vector=asked,
        )

    def _nearest(
        self, vector: Vectors, viewer: Viewer, filters: SearchFilters, scope: ChunkScope
    ) -> _Nearest:
        """The dense candidates this search may show, and the close material it withholds.

        When the viewer may see enough of the index, the nearest entries are fetched unfiltered
        and sorted by the lexical index's scope (the registry's metadata, the rule Chroma's
        ``where`` would apply); each half falls back to a filtered query when the fetch cannot be
        shown to hold all of it. A narrow scope goes to Chroma's filter straight away."""
        wanted = self.settings.dense_candidates
        share = scope.shown_share
        depth = math.ceil(wanted * self.settings.unfiltered_margin / share) if share else 0
        if viewer.every_case or not wanted <= depth <= self.settings.unfiltered_depth_limit:
            dense = self._dense(vector, viewer, filters)
            return _Nearest(dense, self._withheld(vector, viewer, filters))
        nearest = self._nearest_ids(vector, depth)
        complete = len(nearest) < depth  # the whole index came back
        shown = [(key, similarity) for key, similarity in nearest if scope.shows(key)]
        if len(shown) >= wanted or complete:
            dense = dict(shown[:wanted])
        else:
            dense = self._dense(vector, viewer, filters)
        threshold = self.settings.withheld_min_similarity
        if complete or not nearest or nearest[-1][1] < threshold:
            hidden = [
                _Withheld(case_id, document_of(key), similarity)
                for key, similarity in nearest
                if (case_id := scope.withholding_case(key)) is not None
            ]
            withheld = self._withheld_groups(hidden[:wanted])
        else:
            withheld = self._withheld(vector, viewer, filters)
        return _Nearest(dense, withheld)

    def _nearest_ids(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        if isinstance(self._vectors, NearestIds):
            return self._vectors.nearest(vector, limit)
        return [(hit.id, 1.0 - hit.distance) for hit in self._vectors.query(vector, limit)]

    def _dense(self, vector: Vectors, viewer: Viewer, filters: SearchFilters) -> dict[str, float]:
        where = combine_where(visible_where(viewer), *filters.chroma_clauses())
        hits = self._vectors.query(vector, self.settings.dense_candidates, where)
        return {hit.id: 1.0 - hit.distance for hit in hits}

    def _fuse(
        self, vector: Vectors, dense: dict[str, float], lexical: QueryScores
    ) -> list[_Candidate]:
        """Score every candidate of either side on both sides, then mix the z-scored scores.

        The lexical side only scores chunks in the viewer's scope (and the filters), so a dense
        candidate outside it is dropped here, and a lexical candidate was in it to begin with:
        need-to-know holds for every candidate, whichever side found it."""
        lexical_top = lexical.top(self.settings.lexical_candidates)
        only_lexical = [hit.chunk_id for hit in lexical_top if hit.chunk_id not in dense]
        all_dense = dense | self._vectors.similarities(vector, only_lexical)
        all_lexical = lexical.of(all_dense)
        fused = convex_zscore(all_dense, all_lexical, alpha=self.settings.fusion_alpha)
        candidates = [
            _Candidate(key, score, all_dense[key], all_lexical[key]) for key, score in fused.items()
        ]
        return sorted(candidates, key=lambda candidate: -candidate.score)

    def _resolve(
        self, candidates: Sequence[_Candidate], viewer: Viewer, filters: SearchFilters
    ) -> Iterator[Hit]:
        """The candidates as hits, best first, looked up in the registry a page at a time: a
        search keeps only its first few."""
        for start in range(0, len(candidates), RESOLVE_PAGE):
            page = candidates[start : start + RESOLVE_PAGE]
            rows = self._rows([candidate.chunk_id for candidate in page])
            for candidate in page:
                row = rows.get(candidate.chunk_id)
                if row is None:
                    continue  # a version not committed, or already replaced
                chunk, document = row
                if not viewer.can_see(document.case_id, document.marking):
                    continue
                source_prefix = filters.source_prefix
                if source_prefix and not document.source.startswith(source_prefix):
                    continue
                yield _hit(candidate, chunk, document)

    def _preferred(self, query: str, hits: list[Hit]) -> list[Hit]:
        """The hits with their scores moved by what the question prefers in a document, best
        first (a stable sort: hits nothing moved keep their order)."""
        preferences = QuestionPreferences.of(query, self.settings.preferences)
        leads: dict[str, str] = {}
        if preferences.needs_headings:
            rows = self._lead_rows(list(dict.fromkeys(hit.document_id for hit in hits)))
            leads = {document_id: chunk.text for document_id, (chunk, _) in rows.items()}
        moved = []
        for hit in hits:
            lead = leads.get(hit.document_id, "")
            move = preferences.move(hit, lead)
            moved.append(replace(hit, score=hit.score + move) if move else hit)
        return sorted(moved, key=lambda hit: -hit.score)

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
        scope = hidden_where(viewer)
        if scope is None:
            return []
        where = combine_where(scope, *filters.chroma_clauses())
        hits = self._vectors.query(vector, self.settings.dense_candidates, where)
        prefix = filters.source_prefix or ""
        return self._withheld_groups(
            _Withheld.of(hit) for hit in hits if str(hit.metadata["source"]).startswith(prefix)
        )

    def _withheld_groups(self, hidden: Iterable[_Withheld]) -> list[WithheldGroup]:
        """Restricted documents close to the question, counted per case."""
        documents: dict[str, set[str]] = defaultdict(set)
        for entry in hidden:
            if entry.similarity >= self.settings.withheld_min_similarity:
                documents[entry.case_id].add(entry.document_id)
        return [
            WithheldGroup(case_id=case_id, documents=len(ids))
            for case_id, ids in sorted(documents.items())
        ]


@dataclass(frozen=True)
class _Nearest:
    dense: dict[str, float]
    withheld: list[WithheldGroup]


@dataclass(frozen=True)
class _Withheld:
    case_id: str
    document_id: str
    similarity: float

    @classmethod
    def of(cls, hit: VectorHit) -> _Withheld:
        metadata = hit.metadata
        return cls(str(metadata["case_id"]), str(metadata["document_id"]), 1.0 - hit.distance)


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


def collapse_near_duplicates(
    hits: Iterable[Hit], containment: float, limit: int | None = None
) -> list[Hit]:
    """Keep the best-ranked of chunks whose word 5-grams mostly coincide; stop at ``limit``
    kept (each hit is compared with every one kept before it, so the rest cost only time)."""
    kept: list[tuple[Hit, set[int]]] = []
    for hit in hits:
        if limit is not None and len(kept) >= limit:
            break
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
