"""Hybrid retrieval with need-to-know enforced inside the search, on the real model and stores."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.services import Services, build_services
from casework.access import Viewer
from casework.markings import Kind, Marking
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import SentenceTransformerEmbedder, Vectors
from retrieval.filters import SearchFilters
from retrieval.scope import hidden_where, visible_where
from retrieval.search import HybridSearcher, SearchSettings
from retrieval.vector_store import ChromaIndex, IndexEntry, VectorHit, VectorIndex

PUBLIC_RELEASE = (
    "Press release. John Doe was sentenced today to 37 months in federal prison for trafficking "
    "in counterfeit Cisco routers that he imported from Shenzhen and sold to hospitals."
)
PUBLIC_RELEASE_REPRINT = (
    "ARCHIVED PAGE\n\nPress release.  John Doe was sentenced today to 37 months in federal "
    "prison for trafficking in counterfeit Cisco routers that he imported from Shenzhen and "
    "sold to hospitals.\n\nThis page is archived."
)
CASE_A_NOTE = (
    "Informant reports that the warehouse at 12 Harbor Road in Carson stores 900 counterfeit "
    "Veloce e-bike batteries shipped by seller VH-7."
)
CASE_B_NOTE = (
    "Subject Maria Kline paid 40,000 dollars to Quarrystone Export for 600 counterfeit "
    "handbags delivered to her boutique in Reno."
)
CASE_A_GRAND_JURY = (
    "Grand jury testimony: the witness said the Carson warehouse manager wired 12,000 dollars "
    "to a Ningbo account for the counterfeit Veloce batteries."
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def indexed(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Iterator[tuple[Services, Path]]:
    root = tmp_path_factory.mktemp("retrieval")
    services = build_services(load_settings(CASEBOT_HOME=root / "home"), embedder=real_embedder)
    write(root / "public", "release.txt", PUBLIC_RELEASE)
    write(root / "public", "release-archived.txt", PUBLIC_RELEASE_REPRINT)
    write(root / "case-a", "informant.txt", CASE_A_NOTE)
    write(root / "case-b", "kline.txt", CASE_B_NOTE)
    write(root / "case-a-6e", "testimony.txt", CASE_A_GRAND_JURY)
    ingest = services.ingestion.ingest
    ingest([root / "public"], IngestOptions())
    ingest([root / "case-a"], IngestOptions(kind=Kind.NOTE, case_id="CASE-A"))
    ingest([root / "case-b"], IngestOptions(kind=Kind.NOTE, case_id="CASE-B"))
    ingest(
        [root / "case-a-6e"],
        IngestOptions(kind=Kind.NOTE, case_id="CASE-A", marking=Marking.SIXE),
    )
    yield services, root


def texts_of(services: Services, query: str, viewer: Viewer, **filters: str) -> list[str]:
    result = services.searcher.search(query, viewer, SearchFilters(**filters))  # type: ignore[arg-type]
    return [hit.text for hit in result.hits]


def test_a_case_note_never_reaches_another_case_or_the_public(
    indexed: tuple[Services, Path],
) -> None:
    services, _ = indexed
    query = "Which seller shipped counterfeit Veloce batteries to the Carson warehouse?"

    assert CASE_A_NOTE in texts_of(services, query, Viewer.member("a", ["CASE-A"]))
    assert CASE_A_NOTE not in texts_of(services, query, Viewer.member("b", ["CASE-B"]))
    assert CASE_A_NOTE not in texts_of(services, query, Viewer.public())


def test_restricted_matches_are_counted_by_case_never_shown(
    indexed: tuple[Services, Path],
) -> None:
    services, _ = indexed
    query = "Which seller shipped counterfeit Veloce batteries to the Carson warehouse?"

    result = services.searcher.search(query, Viewer.member("b", ["CASE-B"]))

    assert all(hit.case_id != "CASE-A" for hit in result.hits)
    assert [(group.case_id, group.documents) for group in result.withheld] == [("CASE-A", 2)]
    member = services.searcher.search(
        query, Viewer.member("a", ["CASE-A"], sixe_cleared=["CASE-A"])
    )
    assert member.withheld == []


def test_grand_jury_material_needs_6e_clearance(indexed: tuple[Services, Path]) -> None:
    services, _ = indexed
    query = "How much did the warehouse manager wire to the Ningbo account?"

    uncleared = services.searcher.search(query, Viewer.member("a", ["CASE-A"]))
    cleared = services.searcher.search(query, Viewer.member("a", ["CASE-A"], ["CASE-A"]))

    assert CASE_A_GRAND_JURY not in [hit.text for hit in uncleared.hits]
    assert [g.case_id for g in uncleared.withheld] == ["CASE-A"]
    assert cleared.hits[0].text == CASE_A_GRAND_JURY
    assert cleared.hits[0].marking == "6E"


def test_public_material_is_visible_to_everyone(indexed: tuple[Services, Path]) -> None:
    services, _ = indexed
    query = "What sentence did John Doe receive for the counterfeit Cisco routers?"

    for viewer in (Viewer.public(), Viewer.member("b", ["CASE-B"]), Viewer.operator()):
        hits = services.searcher.search(query, viewer).hits
        assert "37 months" in hits[0].text


def test_two_renderings_of_one_release_collapse_to_one_hit(indexed: tuple[Services, Path]) -> None:
    services, _ = indexed
    hits = services.searcher.search("John Doe sentenced Cisco routers", Viewer.public()).hits

    assert sum("John Doe was sentenced" in hit.text for hit in hits) == 1


def test_filters_narrow_by_case_kind_and_source(indexed: tuple[Services, Path]) -> None:
    services, root = indexed
    operator = Viewer.operator()
    query = "counterfeit goods"

    assert set(texts_of(services, query, operator, case_id="CASE-B")) == {CASE_B_NOTE}
    assert all(
        "release" in text.lower() or "press" in text.lower()
        for text in texts_of(services, query, operator, kind="filing")
    )
    only_a = texts_of(services, query, operator, source_prefix=str(root / "case-a") + "/")
    assert only_a == [CASE_A_NOTE]


def test_lexical_search_finds_exact_identifiers(indexed: tuple[Services, Path]) -> None:
    services, _ = indexed

    hits = services.searcher.search("VH-7", Viewer.member("a", ["CASE-A"])).hits

    assert hits[0].text == CASE_A_NOTE
    assert hits[0].lexical_score is not None


class RecordingIndex:
    """The real vector index, recording the ``where`` clause of every query (``"nearest"`` for
    an unfiltered fetch of ids); a blind one ignores them, like a dense side that returns
    material outside the viewer's scope."""

    def __init__(self, inner: ChromaIndex, blind: bool = False) -> None:
        self._inner = inner
        self._blind = blind
        self.wheres: list[dict[str, Any] | str | None] = []

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        self._inner.add(entries, vectors)

    def delete_version(self, document_id: str, version: int) -> None:
        self._inner.delete_version(document_id, version)

    def delete_document(self, document_id: str) -> None:
        self._inner.delete_document(document_id)

    def versions(self) -> Counter[tuple[str, int]]:
        return self._inner.versions()

    def count(self) -> int:
        return self._inner.count()

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        return self._inner.similarities(vector, ids)

    def nearest(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        self.wheres.append("nearest")
        return self._inner.nearest(vector, limit)

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        self.wheres.append(where)
        return self._inner.query(vector, limit, None if self._blind else where)


def chroma(services: Services) -> ChromaIndex:
    index = services.vector_index
    assert isinstance(index, ChromaIndex)
    return index


def searcher(
    services: Services, settings: SearchSettings | None = None, index: VectorIndex | None = None
) -> HybridSearcher:
    return HybridSearcher(
        services.embedder,
        index or services.vector_index,
        services.lexical_index,
        services.sessions,
        settings,
    )


def scored(searcher: HybridSearcher, query: str, viewer: Viewer) -> list[tuple[Any, ...]]:
    return [
        (hit.chunk_id, hit.score, hit.dense_similarity, hit.lexical_score)
        for hit in searcher.search(query, viewer).hits
    ]


def assert_same_ranking(first: list[tuple[Any, ...]], second: list[tuple[Any, ...]]) -> None:
    assert [hit[0] for hit in first] == [hit[0] for hit in second]
    for ours, theirs in zip(first, second, strict=True):
        assert ours[1:] == pytest.approx(theirs[1:], abs=1e-4)


@pytest.mark.parametrize(
    "depths",
    [
        pytest.param({"dense_candidates": 1}, id="found only lexically"),
        pytest.param({"lexical_candidates": 1}, id="found only densely"),
    ],
)
def test_a_candidate_one_side_missed_is_scored_by_it_all_the_same(
    indexed: tuple[Services, Path], depths: dict[str, Any]
) -> None:
    """Every chunk matches "counterfeit", so either side alone brings in every candidate: the
    side that took one candidate scores the rest, and the fusion does not change."""
    services, _ = indexed
    query = "counterfeit goods"
    operator = Viewer.operator()

    shallow = scored(searcher(services, SearchSettings(**depths)), query, operator)
    deep = scored(searcher(services), query, operator)

    assert len(shallow) >= 4
    assert all(dense is not None and lexical is not None for _, _, dense, lexical in shallow)
    assert_same_ranking(shallow, deep)


def test_material_outside_the_scope_neither_shows_nor_weighs_in_the_fusion(
    indexed: tuple[Services, Path],
) -> None:
    """Even a dense side that ignores need-to-know cannot bring a case-A chunk to a case-B
    member: the lexical side will not score it, so it is no candidate and shifts no z-score."""
    services, _ = indexed
    query = "Which seller shipped counterfeit Veloce batteries to the Carson warehouse?"
    member_b = Viewer.member("b", ["CASE-B"])

    blind_index = RecordingIndex(chroma(services), blind=True)
    filtered_only = SearchSettings(unfiltered_depth_limit=0)
    blind = scored(searcher(services, filtered_only, blind_index), query, member_b)
    scoped = scored(searcher(services), query, member_b)

    assert_same_ranking(blind, scoped)
    assert CASE_A_NOTE not in texts_of(services, query, member_b)


def test_lexical_scores_are_only_given_inside_the_viewers_scope(
    indexed: tuple[Services, Path],
) -> None:
    services, _ = indexed
    everything = services.lexical_index.score("counterfeit")
    chunk_ids = list(everything.of(everything.chunk_ids))

    for_b = services.lexical_index.score("counterfeit", Viewer.member("b", ["CASE-B"]))
    case_b_only = services.lexical_index.score(
        "counterfeit", Viewer.operator(), SearchFilters(case_id="CASE-B")
    )

    assert len(chunk_ids) == 5
    assert len(for_b.of(chunk_ids)) == 3  # two public renderings and the case-B note
    assert len(case_b_only.of(chunk_ids)) == 1
    assert all(hit.chunk_id in for_b.of(chunk_ids) for hit in for_b.top(10))


QUESTIONS = (
    "Which seller shipped counterfeit Veloce batteries to the Carson warehouse?",
    "How much did the warehouse manager wire to the Ningbo account?",
    "What sentence did John Doe receive for the counterfeit Cisco routers?",
    "Who paid Quarrystone Export for handbags?",
)
VIEWERS = (
    Viewer.public(),
    Viewer.member("a", ["CASE-A"]),
    Viewer.member("a", ["CASE-A"], sixe_cleared=["CASE-A"]),
    Viewer.member("b", ["CASE-B"]),
)


@pytest.mark.parametrize(
    "settings",
    [
        pytest.param({}, id="whole index fetched"),
        pytest.param({"dense_candidates": 1, "unfiltered_margin": 1.0}, id="fetch too shallow"),
        pytest.param({"dense_candidates": 2, "withheld_min_similarity": 0.0}, id="all close"),
    ],
)
def test_an_unfiltered_fetch_finds_what_chromas_filter_finds(
    indexed: tuple[Services, Path], settings: dict[str, Any]
) -> None:
    """Splitting the nearest entries by viewer here, or falling back to Chroma's ``where``
    where that split cannot be complete, gives the results of filtering in Chroma."""
    services, root = indexed
    unfiltered = RecordingIndex(chroma(services))
    fast = searcher(services, SearchSettings(**settings), unfiltered)
    filtered = searcher(services, SearchSettings(**settings, unfiltered_depth_limit=0))

    for viewer, question, filters in itertools.product(VIEWERS, QUESTIONS, filter_sets(root)):
        ours = fast.search(question, viewer, filters)
        theirs = filtered.search(question, viewer, filters)
        assert [hit.chunk_id for hit in ours.hits] == [hit.chunk_id for hit in theirs.hits]
        assert ours.withheld == theirs.withheld
    assert "nearest" in unfiltered.wheres


def filter_sets(root: Path) -> list[SearchFilters]:
    return [
        SearchFilters(),
        SearchFilters(case_id="CASE-A"),
        SearchFilters(kind="note"),
        SearchFilters(source_prefix=str(root / "case-a") + "/"),
    ]


def test_a_narrow_scope_is_left_to_chromas_filter(indexed: tuple[Services, Path]) -> None:
    services, _ = indexed
    index = RecordingIndex(chroma(services))
    member_a = Viewer.member("a", ["CASE-A"])

    narrow = searcher(services, SearchSettings(unfiltered_depth_limit=100), index)
    narrow.search("Veloce batteries", member_a)

    assert index.wheres == [visible_where(member_a), hidden_where(member_a)]
