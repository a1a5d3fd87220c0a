"""Hybrid retrieval with need-to-know enforced inside the search, on the real model and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Services, build_services
from casework.access import Viewer
from casework.markings import Kind, Marking
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import SentenceTransformerEmbedder
from retrieval.filters import SearchFilters

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
