"""``casebot index rebuild``: the vector index is made again from the registry alone, with the
same entries and the same need-to-know, and swapped in whole."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from chromadb.api.shared_system_client import SharedSystemClient
from sqlalchemy import select

from bot.services import Services, build_services
from casework.access import Viewer
from casework.markings import Kind, Marking
from casework.settings import Settings
from casework.storage.registry import Chunk
from ingestion.lock import IngestionBusyError
from ingestion.pipeline import IngestOptions
from ingestion.rebuild import IndexRebuilder
from retrieval.embeddings import Embedder, Vectors
from retrieval.testing import HashingEmbedder
from retrieval.vector_store import ChromaIndex, MetadataValue, open_chroma_client
from tests.drivers.casebot import run_casebot
from tests.loaders.samples import pdf_with_pages

CASE_A = "OP-HARBOR-LIGHT"
CASE_B = "OP-COPPER-RIDGE"
NOTE_A = "Seizure at Long Beach: 960 counterfeit Veloce batteries held in container ZQLU4826158."
SEALED_A = "Grand jury testimony: the Veloce batteries were relabelled in a Shenzhen warehouse."
NOTE_B = "Interview: VoltHarbor Direct shipped counterfeit Veloce chargers through Rotterdam."
FILING_PAGES = [
    ["United States v. Guthrie: indictment for trafficking in counterfeit goods."],
    ["The defendant was sentenced to 37 months for the counterfeit Veloce batteries."],
]
QUESTION = "Where were the counterfeit Veloce batteries held?"

Entries = dict[str, dict[str, MetadataValue]]
View = tuple[list[tuple[str, str | None, str]], list[tuple[str, int]]]


def ingest_cases(services: Services, root: Path) -> None:
    """Notes of two cases (one of them grand-jury material) and a public two-page filing."""
    for folder, name, text in [
        ("a", "seizure.txt", NOTE_A),
        ("a-sealed", "testimony.txt", SEALED_A),
        ("b", "interview.txt", NOTE_B),
    ]:
        (root / folder).mkdir(parents=True)
        (root / folder / name).write_text(text)
    (root / "filings").mkdir()
    (root / "filings" / "guthrie.pdf").write_bytes(pdf_with_pages(FILING_PAGES))
    runs = [
        (root / "a", IngestOptions(kind=Kind.NOTE, case_id=CASE_A)),
        (root / "a-sealed", IngestOptions(kind=Kind.NOTE, case_id=CASE_A, marking=Marking.SIXE)),
        (root / "b", IngestOptions(kind=Kind.NOTE, case_id=CASE_B)),
        (root / "filings", IngestOptions()),
    ]
    for path, options in runs:
        report = services.ingestion.ingest([path], options)
        assert (report.added, report.failed) == (1, []), report


def entries(services: Services) -> Entries:
    """Every vector entry's id and metadata."""
    index = services.vector_index
    probe = services.embedder.embed_query(QUESTION)
    return {hit.id: hit.metadata for hit in index.query(probe, max(index.count(), 1))}


VIEWERS = {
    "member of A": Viewer.member("a", [CASE_A]),
    "member of A, 6(e)-cleared": Viewer.member("a6e", [CASE_A], sixe_cleared=[CASE_A]),
    "member of B": Viewer.member("b", [CASE_B]),
    "public": Viewer.public(),
}


def views(services: Services) -> dict[str, View]:
    """What each viewer's search shows (document, case, marking of each hit) and withholds."""
    found = {}
    for label, viewer in VIEWERS.items():
        result = services.searcher.search(QUESTION, viewer)
        shown = sorted({(hit.title, hit.case_id, hit.marking) for hit in result.hits})
        withheld = sorted((group.case_id, group.documents) for group in result.withheld)
        found[label] = (shown, withheld)
    return found


def lose_the_vector_collection(settings: Settings) -> None:
    open_chroma_client(None, settings.chroma_path).delete_collection(settings.chroma_collection)


def chunk_ids(services: Services) -> set[str]:
    with services.sessions() as session:
        return set(session.scalars(select(Chunk.id)))


def test_rebuild_after_the_collection_is_lost_restores_every_entry_and_every_scope(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    ingest_cases(services, tmp_path / "in")
    before_entries, before_views = entries(services), views(services)
    lose_the_vector_collection(settings)
    restarted = build_services(settings, embedder=HashingEmbedder())
    assert restarted.vector_index.count() == 0

    report = restarted.index_rebuilder.rebuild()

    assert (report.documents, report.chunks, report.vectors) == (4, 5, 5)
    assert entries(restarted) == before_entries
    assert views(restarted) == before_views
    assert restarted.indexer.check().ok


def test_after_a_rebuild_a_viewer_of_case_b_still_sees_nothing_of_case_a(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    ingest_cases(services, tmp_path / "in")
    lose_the_vector_collection(settings)
    restarted = build_services(settings, embedder=HashingEmbedder())

    restarted.index_rebuilder.rebuild()

    shown, _ = views(restarted)["member of B"]
    assert CASE_A not in {case_id for _, case_id, _ in shown}
    assert {marking for _, _, marking in shown} <= {"PUBLIC", "LES"}
    member_of_a, _ = views(restarted)["member of A"]
    assert {(case_id, marking) for _, case_id, marking in member_of_a} >= {(CASE_A, "LES")}
    assert "6E" not in {marking for _, _, marking in member_of_a}
    cleared, _ = views(restarted)["member of A, 6(e)-cleared"]
    assert "6E" in {marking for _, _, marking in cleared}


def test_rebuild_after_a_file_changed_holds_only_the_new_version(
    services: Services, tmp_path: Path
) -> None:
    note = tmp_path / "notes" / "seizure.txt"
    note.parent.mkdir()
    note.write_text("Container MSKU1234565 held 200 counterfeit chargers at Oakland.")
    services.ingestion.ingest([note.parent], IngestOptions(kind=Kind.NOTE, case_id=CASE_A))
    note.write_text(NOTE_A)
    report = services.ingestion.ingest([note.parent], IngestOptions(kind=Kind.NOTE, case_id=CASE_A))
    assert report.updated == 1

    services.index_rebuilder.rebuild()

    rebuilt = entries(services)
    assert set(rebuilt) == chunk_ids(services)
    assert {metadata["version"] for metadata in rebuilt.values()} == {2}
    result = services.searcher.search("Oakland chargers MSKU1234565", Viewer.operator())
    assert "Oakland" not in " ".join(hit.text for hit in result.hits)


class WatchingEmbedder(HashingEmbedder):
    """Counts what a search would find in the live index each time the rebuild embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.services: Services | None = None
        self.live_counts: list[int] = []

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if self.services is not None:
            self.live_counts.append(self.services.vector_index.count())
        return super().embed_documents(texts)


def test_searches_during_a_rebuild_see_the_whole_old_index(
    settings: Settings, tmp_path: Path
) -> None:
    embedder = WatchingEmbedder()
    services = build_services(settings, embedder=embedder)
    ingest_cases(services, tmp_path / "in")
    embedder.services = services
    rebuilder = rebuilder_of(services, embedder, batch_chunks=1)

    rebuilder.rebuild()

    assert embedder.live_counts == [5] * 4  # one call per document, the live index whole each time
    assert services.vector_index.count() == 5


class FailingEmbedder(HashingEmbedder):
    def __init__(self, fail_at_call: int) -> None:
        super().__init__()
        self._fail_at_call = fail_at_call

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if self.calls + 1 >= self._fail_at_call:
            raise RuntimeError("the encoder ran out of memory")
        return super().embed_documents(texts)


def test_a_failed_rebuild_leaves_the_live_index_and_no_half_built_one(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    ingest_cases(services, tmp_path / "in")
    before = entries(services)

    with pytest.raises(RuntimeError, match="out of memory"):
        rebuilder_of(services, FailingEmbedder(fail_at_call=2), batch_chunks=1).rebuild()

    assert entries(services) == before
    assert collection_names(settings) == [settings.chroma_collection]


def test_a_rebuild_removes_what_an_interrupted_one_left(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    ingest_cases(services, tmp_path / "in")
    services.chroma_index.staging()  # as a rebuild killed half-way leaves it

    report = services.index_rebuilder.rebuild()

    assert report.leftovers_removed == 1
    assert collection_names(settings) == [settings.chroma_collection]


def test_another_process_index_follows_the_swap(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    ingest_cases(services, tmp_path / "in")
    client = open_chroma_client(None, settings.chroma_path)
    replica = ChromaIndex(client, settings.chroma_collection)
    assert replica.count() == 5

    services.index_rebuilder.rebuild()

    assert replica.count() == 5
    probe = services.embedder.embed_query(NOTE_A)
    assert replica.query(probe, 1)[0].metadata["case_id"] == CASE_A


def test_rebuild_waits_for_no_ingestion_it_is_refused_while_one_runs(services: Services) -> None:
    with services.ingestion_lock, pytest.raises(IngestionBusyError):
        services.index_rebuilder.rebuild()


def test_casebot_index_rebuild_restores_the_same_search_for_every_viewer(
    real_services: Services, settings: Settings, tmp_path: Path
) -> None:
    """Ingested in this process, the Chroma folder deleted, ``casebot index rebuild --json`` run
    as a user runs it, and the same searches made by a new process's services."""
    ingest_cases(real_services, tmp_path / "in")
    before = views(real_services)
    SharedSystemClient.clear_system_cache()  # this process's Chroma lets go of the folder
    shutil.rmtree(settings.chroma_path)

    result = run_casebot(settings.casebot_home, tmp_path, "index", "rebuild", "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "documents": 4,
        "chunks": 5,
        "vectors": 5,
        "leftovers_removed": 0,
    }
    SharedSystemClient.clear_system_cache()
    after = views(build_services(settings, embedder=real_services.embedder))
    assert after == before
    shown_to_b, _ = after["member of B"]
    assert CASE_A not in {case_id for _, case_id, _ in shown_to_b}


def rebuilder_of(services: Services, embedder: Embedder, batch_chunks: int) -> IndexRebuilder:
    return IndexRebuilder(
        services.sessions,
        services.indexer,
        services.chroma_index,
        embedder,
        lambda: services.chunker,
        services.ingestion_lock,
        batch_chunks=batch_chunks,
    )


def collection_names(settings: Settings) -> list[str]:
    client = open_chroma_client(None, settings.chroma_path)
    return sorted(collection.name for collection in client.list_collections())


class RenamedThenOpened:
    """The live collection; when the swap renames it away, another process opens the index by
    name in that instant (as a replica starting then would), making an empty collection."""

    def __init__(self, collection: Any, client: Any, name: str) -> None:
        self._collection = collection
        self._client = client
        self._name = name
        self.opened_in_between: ChromaIndex | None = None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._collection, attribute)

    def modify(self, name: str) -> None:
        self._collection.modify(name=name)
        if name != self._name and self.opened_in_between is None:
            self.opened_in_between = ChromaIndex(self._client, self._name)


class ClientWithAnOpenerInBetween:
    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self._name = name
        self.live: RenamedThenOpened | None = None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._client, attribute)

    def get_or_create_collection(self, name: str, **options: Any) -> Any:
        collection = self._client.get_or_create_collection(name, **options)
        if name != self._name:
            return collection
        self.live = RenamedThenOpened(collection, self._client, name)
        return self.live


def test_an_index_opened_between_the_two_renames_gives_way_and_then_follows(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    ingest_cases(services, tmp_path / "in")
    name = settings.chroma_collection
    client = ClientWithAnOpenerInBetween(open_chroma_client(None, settings.chroma_path), name)
    index = ChromaIndex(client, name)
    rebuilder = IndexRebuilder(
        services.sessions,
        services.indexer,
        index,
        services.embedder,
        lambda: services.chunker,
        services.ingestion_lock,
    )

    rebuilder.rebuild()

    assert client.live is not None and client.live.opened_in_between is not None
    assert index.count() == 5
    assert client.live.opened_in_between.count() == 5
    assert collection_names(settings) == [name]
