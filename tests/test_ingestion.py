"""Ingestion runs end to end on real SQLite and real Chroma: counts, versions, prune, options."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.services import Services
from casework.markings import Kind, Marking
from casework.storage.cases import Case
from casework.storage.ingestion_journal import IngestionRun, SourceFile
from casework.storage.registry import Chunk, Document
from ingestion.pipeline import IngestOptions
from ingestion.preparation import READER_VERSION
from retrieval.testing import HashingEmbedder

pytestmark = pytest.mark.backends

NOTE = "Seizure at the port of Long Beach: 960 counterfeit batteries in container ZQLU4826158."
FILING = "The defendant pleaded guilty to trafficking in counterfeit goods."


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def documents(services: Services) -> list[Document]:
    with services.sessions() as session:
        return list(session.scalars(select(Document).order_by(Document.source)))


def vector_sources(services: Services) -> set[str]:
    return {str(doc_id) for doc_id, _ in services.vector_index.versions()}


def test_notes_belong_to_their_case_with_les_marking(services: Services, tmp_path: Path) -> None:
    write(tmp_path / "notes", "seizure.txt", NOTE)

    report = services.ingestion.ingest(
        [tmp_path / "notes"], IngestOptions(kind=Kind.NOTE, case_id="CASE-1")
    )

    assert (report.added, report.failed) == (1, [])
    [document] = documents(services)
    assert (document.kind, document.case_id, document.marking) == ("note", "CASE-1", "LES")
    with services.sessions() as session:
        assert session.get(Case, "CASE-1") is not None
    hit = services.vector_index.query(services.embedder.embed_query(NOTE), 1)[0]
    assert hit.metadata["case_id"] == "CASE-1"
    assert hit.metadata["marking"] == "LES"
    assert hit.metadata["kind"] == "note"


def test_filings_are_public_unless_told_otherwise(services: Services, tmp_path: Path) -> None:
    write(tmp_path / "public", "release.txt", FILING)
    write(tmp_path / "sealed", "grand-jury.txt", "Testimony of the witness about the warehouse.")

    services.ingestion.ingest([tmp_path / "public"], IngestOptions())
    services.ingestion.ingest(
        [tmp_path / "sealed"],
        IngestOptions(kind=Kind.NOTE, case_id="CASE-6E", marking=Marking.SIXE),
    )

    markings = {Path(doc.source).name: doc.marking for doc in documents(services)}
    assert markings == {"release.txt": "PUBLIC", "grand-jury.txt": "6E"}


def test_notes_without_a_case_are_refused() -> None:
    with pytest.raises(ValueError, match="--case"):
        IngestOptions(kind=Kind.NOTE).file_options()


def test_unchanged_files_are_skipped_without_embedding(
    services: Services, hashing_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    write(tmp_path / "in", "a.txt", NOTE)
    write(tmp_path / "in", "b.md", "# Memo\n\n" + FILING)
    services.ingestion.ingest([tmp_path / "in"], IngestOptions())
    calls = hashing_embedder.calls

    again = services.ingestion.ingest([tmp_path / "in"], IngestOptions())

    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert hashing_embedder.calls == calls
    assert services.indexer.check().ok


@pytest.mark.parametrize("older_reader", [None, READER_VERSION - 1])
def test_files_read_by_an_older_reader_are_read_again(
    services: Services, tmp_path: Path, older_reader: int | None
) -> None:
    write(tmp_path / "in", "a.txt", NOTE)
    services.ingestion.ingest([tmp_path / "in"], IngestOptions())
    [before] = documents(services)
    with services.sessions.begin() as session:
        session.execute(update(SourceFile).values(reader_version=older_reader))

    again = services.ingestion.ingest([tmp_path / "in"], IngestOptions())
    third = services.ingestion.ingest([tmp_path / "in"], IngestOptions())

    assert (again.updated, again.unchanged) == (1, 0)
    assert (third.updated, third.unchanged) == (0, 1)
    [after] = documents(services)
    assert after.version == before.version + 1
    assert services.indexer.check().ok


def test_changed_file_becomes_a_new_version_replacing_its_chunks(
    services: Services, tmp_path: Path
) -> None:
    path = write(tmp_path / "in", "a.txt", NOTE)
    services.ingestion.ingest([tmp_path / "in"], IngestOptions())
    [before] = documents(services)

    path.write_text("Updated: the shipment was released after inspection.")
    report = services.ingestion.ingest([tmp_path / "in"], IngestOptions())

    assert (report.added, report.updated) == (0, 1)
    [after] = documents(services)
    assert after.id == before.id
    assert after.version == before.version + 1
    with services.sessions() as session:
        texts = [chunk.text for chunk in session.scalars(select(Chunk))]
    assert texts == ["Updated: the shipment was released after inspection."]
    assert set(services.vector_index.versions()) == {(after.id, after.version)}


def test_prune_removes_documents_whose_files_are_gone(services: Services, tmp_path: Path) -> None:
    keep = write(tmp_path / "in", "keep.txt", NOTE)
    gone = write(tmp_path / "in", "sub/gone.txt", FILING)
    services.ingestion.ingest([tmp_path / "in"], IngestOptions())
    gone.unlink()

    without_prune = services.ingestion.ingest([tmp_path / "in"], IngestOptions())
    assert without_prune.removed == 0
    assert len(documents(services)) == 2

    report = services.ingestion.ingest([tmp_path / "in"], IngestOptions(prune=True))

    assert report.removed == 1
    assert [doc.source for doc in documents(services)] == [str(keep)]
    assert services.vector_index.count() == 1
    assert services.indexer.check().ok


def test_reingesting_under_another_marking_reindexes(services: Services, tmp_path: Path) -> None:
    write(tmp_path / "in", "a.txt", NOTE)
    services.ingestion.ingest([tmp_path / "in"], IngestOptions(kind=Kind.NOTE, case_id="C-1"))

    report = services.ingestion.ingest(
        [tmp_path / "in"], IngestOptions(kind=Kind.NOTE, case_id="C-1", marking=Marking.SIXE)
    )

    assert report.updated == 1
    [document] = documents(services)
    assert document.marking == "6E"
    hit = services.vector_index.query(services.embedder.embed_query(NOTE), 1)[0]
    assert hit.metadata["marking"] == "6E"


def test_every_run_is_recorded(services: Services, tmp_path: Path) -> None:
    write(tmp_path / "in", "a.txt", NOTE)
    write(tmp_path / "in", "empty.txt", "")

    report = services.ingestion.ingest([tmp_path / "in"], IngestOptions())

    with services.sessions() as session:
        run = session.get_one(IngestionRun, report.run_id)
    assert run.finished_at is not None
    assert (run.added, run.status) == (1, "failed")
    assert run.errors == [
        {"source": str(tmp_path / "in" / "empty.txt"), "error": run.errors[0]["error"]}
    ]
    assert "empty" in run.errors[0]["error"]


def test_the_shared_corpus_ingests_in_every_format(
    services: Services, corpus_dir: Path, tmp_path: Path
) -> None:
    picks = [
        "doj-ip-press-releases-pdf/counterfeit_trademark",
        "county-da-counterfeit-press-releases-txt",
        "us-code-ip-enforcement-statutes/18usc2320",
        "pacer-dockets-ip-cases",
        "uspto-tsdr-trademark-records",
        "doj-ip-press-releases-pdf/source-metadata",
    ]
    folder = tmp_path / "corpus"
    for pick in picks:
        shutil.copytree(corpus_dir / pick, folder / pick)
    for pdf in sorted((folder / picks[0]).glob("*.pdf"))[12:]:
        pdf.unlink()

    report = services.ingestion.ingest([folder], IngestOptions())

    assert report.failed == []
    loaders = {doc.loader for doc in documents(services)}
    assert {"pdf", "text", "html", "json", "xml", "xlsx", "csv"} <= loaders
    sources = [doc.source for doc in documents(services)]
    assert any("plumage-py_sn76044902.zip!/status_st66.xml" in source for source in sources)
    assert all(doc.status == "indexed" for doc in documents(services))
    assert services.indexer.check().ok
