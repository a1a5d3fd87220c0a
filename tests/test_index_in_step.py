"""Both indexes follow ingestion: added, replaced and pruned documents, as a search sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.services import Services, build_services
from casework.access import Viewer
from casework.storage.registry import Chunk
from ingestion.pipeline import IngestOptions
from retrieval.lexical import LexicalIndex

pytestmark = pytest.mark.backends


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def search_texts(services: Services, query: str) -> list[str]:
    return [hit.text for hit in services.searcher.search(query, Viewer.operator()).hits]


def test_search_sees_additions_replacements_and_prunes(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "filings"
    release = write(folder / "release.txt", "Container MSKU1234565 held fake perfume.")
    docket = write(folder / "docket.txt", "Docket 1:24-cv-01234 lists the seller as defendant.")
    services.ingestion.ingest([folder], IngestOptions())
    assert any("MSKU1234565" in text for text in search_texts(services, "MSKU1234565"))

    release.write_text("Container TGHU7654321 held fake handbags.")
    services.ingestion.ingest([folder], IngestOptions())
    assert not any("MSKU1234565" in text for text in search_texts(services, "MSKU1234565 perfume"))
    assert any("TGHU7654321" in text for text in search_texts(services, "TGHU7654321"))

    docket.unlink()
    services.ingestion.ingest([folder], IngestOptions(prune=True))
    assert not any("1:24-cv-01234" in text for text in search_texts(services, "docket defendant"))
    assert services.lexical_index.search("docket", 5) == []


def test_a_second_process_sees_the_new_index(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "filings"
    write(folder / "a.txt", "Seizure of counterfeit airbags at Newark.")
    services.ingestion.ingest([folder], IngestOptions())
    replica = build_services(services.settings, embedder=services.embedder)
    assert any("airbags" in text for text in search_texts(replica, "airbags Newark"))

    write(folder / "b.txt", "Seizure of counterfeit brake pads at Savannah.")
    services.ingestion.ingest([folder], IngestOptions())

    assert any("brake pads" in text for text in search_texts(replica, "brake pads Savannah"))


def lexical_texts(services: Services, index: LexicalIndex, query: str) -> list[str]:
    ids = [hit.chunk_id for hit in index.search(query, 5)]
    with services.sessions() as session:
        return list(session.scalars(select(Chunk.text).where(Chunk.id.in_(ids))))


def test_a_replica_with_its_own_folder_answers_from_its_copy_while_it_rebuilds(
    services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "filings"
    write(folder / "a.txt", "Seizure of counterfeit airbags at Newark.")
    services.ingestion.ingest([folder], IngestOptions())
    replica = LexicalIndex(tmp_path / "replica-lexical", services.sessions)
    assert any("airbags" in text for text in lexical_texts(services, replica, "airbags"))

    write(folder / "b.txt", "Seizure of counterfeit perfume at Memphis.")
    services.ingestion.ingest([folder], IngestOptions())

    assert lexical_texts(services, replica, "perfume") == []  # its copy, not a wait
    replica.wait_for_background_build(timeout=60)
    assert any("perfume" in text for text in lexical_texts(services, replica, "perfume"))


def test_a_replica_sharing_the_folder_loads_the_new_build_at_once(
    services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "filings"
    write(folder / "a.txt", "Seizure of counterfeit airbags at Newark.")
    services.ingestion.ingest([folder], IngestOptions())
    replica = LexicalIndex(services.settings.casebot_home / "lexical", services.sessions)
    assert lexical_texts(services, replica, "perfume") == []

    write(folder / "b.txt", "Seizure of counterfeit perfume at Memphis.")
    services.ingestion.ingest([folder], IngestOptions())

    assert any("perfume" in text for text in lexical_texts(services, replica, "perfume"))
