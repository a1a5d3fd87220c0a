"""A citation quotes whole sentences, even where a chunk boundary cuts one, and a list's lead-in
comes with its items."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from casework.storage.registry import Chunk
from ingestion.pipeline import IngestOptions
from retrieval.answering.service import AnswerService
from retrieval.document_text import ChunkSpan, RegistryDocumentText, assemble
from retrieval.embeddings import SentenceTransformerEmbedder
from tests.fakes import RecordingChatModel

CUT_SENTENCE = (
    "Doe was sentenced today by United States District Judge Mary Brennan of the Southern "
    "District of New York to 37 months in federal prison, followed by three years of supervised "
    "release, for importing the counterfeit routers and selling them to hospitals and schools."
)
RELEASE = (
    "WASHINGTON - A Queens man who sold counterfeit Cisco routers was sentenced in Manhattan. "
    "John Doe, 41, imported the routers from Shenzhen through a freight forwarder. "
    f"{CUT_SENTENCE} "
    "Doe pleaded guilty in March 2019 to one count of trafficking in counterfeit goods."
)


def small_chunk_services(
    root: Path,
    embedder: SentenceTransformerEmbedder,
    name: str = "doe-sentencing.txt",
    text: str = RELEASE,
) -> Services:
    """Services whose chunks are a few words long, with one document of ``text`` ingested."""
    settings = load_settings(
        CASEBOT_HOME=root / "home", CASEBOT_CHUNK_TOKENS=32, CASEBOT_CHUNK_OVERLAP_TOKENS=8
    )
    services = build_services(settings, embedder=embedder)
    filings = root / "filings"
    filings.mkdir()
    (filings / name).write_text(text)
    services.ingestion.ingest([filings], IngestOptions())
    return services


def chunk_texts(services: Services) -> list[str]:
    with services.sessions() as session:
        return list(session.scalars(select(Chunk.text).order_by(Chunk.ordinal)))


def test_a_sentence_cut_at_a_chunk_boundary_is_quoted_and_answered_whole(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    services = small_chunk_services(tmp_path, real_embedder)
    assert not any(CUT_SENTENCE in text for text in chunk_texts(services))

    # Asked in the release's own words: in an index of one document, a word no document has
    # ("receive") weighs as much as a name the index lacks.
    answer = services.answers.ask("What was John Doe sentenced to?", Viewer.public())

    assert not answer.abstained
    assert CUT_SENTENCE in answer.text
    quotes = [citation.quote for citation in answer.citations]
    assert CUT_SENTENCE in quotes
    assert all(quote.rstrip().endswith(".") for quote in quotes)


def test_the_llm_reads_and_quotes_the_cut_sentence_whole(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    services = small_chunk_services(tmp_path, real_embedder)
    model = RecordingChatModel(replies=["Doe received 37 months in federal prison [1, 2, 3]."])
    service = AnswerService(services.searcher, services.extractive_answerer, llm=model)
    try:
        answer = service.ask("What sentence did John Doe receive?", Viewer.public())
    finally:
        service.close()

    user = str(model.prompts[0][1].content)
    sources = user[: user.index("Parts of the question")].split("</source>")
    assert answer.answerer == "llm"
    assert all(CUT_SENTENCE in source for source in sources if "37 months" in source)
    assert CUT_SENTENCE in [citation.quote for citation in answer.citations]


LEAD_IN = "(1) As used in this section the term \u201cspurious label\u201d means"
ITEMS = (
    "(A) a tag affixed to a copy of a film without the authorization of the copyright owner; or",
    "(B) an imitation of a genuine tag in color, size and placement.",
)
SECTION = (
    "##### (d) Definitions\n\n"
    f"{LEAD_IN}\n\n{ITEMS[0]}\n\n{ITEMS[1]}\n\n"
    "(2) The term \u201cowner\u201d means the holder of the copyright in the film."
)


def test_a_sentence_leading_into_a_list_is_answered_with_the_list(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    services = small_chunk_services(tmp_path, real_embedder, "section-2390.md", SECTION)
    assert not any(LEAD_IN in text and ITEMS[1] in text for text in chunk_texts(services))

    answer = services.answers.ask("What does the term spurious label mean?", Viewer.public())

    assert LEAD_IN in answer.text
    assert all(item in answer.text for item in ITEMS)
    assert answer.text.index(LEAD_IN) < answer.text.index(ITEMS[0]) < answer.text.index(ITEMS[1])


def test_chunks_put_back_together_keep_document_offsets() -> None:
    document = "One sentence here. Another one runs on across the cut. Last."
    last = document.index("Last")
    spans = [
        ChunkSpan(0, 35, document[0:35]),
        ChunkSpan(19, last - 1, document[19 : last - 1]),
        ChunkSpan(last, len(document), document[last:]),
    ]

    window = assemble(spans, 10, len(document))

    assert window is not None
    assert window.start == 10
    assert window.text == document[10:]


def test_a_gap_between_chunks_is_no_place_for_a_sentence_to_run_on() -> None:
    spans = [ChunkSpan(0, 11, "First page."), ChunkSpan(13, 24, "second page")]

    window = assemble(spans, 0, 24)

    assert window is not None
    assert window.text == "First page.\n\nsecond page"


def test_a_sentence_stopped_at_a_page_end_goes_on_across_the_gap() -> None:
    pages = ["Quist faces ten years on each count of", "economic espionage.", "New Heading"]
    starts = [0, len(pages[0]) + 2, len(pages[0]) + len(pages[1]) + 4]
    spans = [
        ChunkSpan(start, start + len(page), page) for start, page in zip(starts, pages, strict=True)
    ]

    window = assemble(spans, 0, spans[-1].end)

    assert window is not None
    assert window.text == (
        "Quist faces ten years on each count of  economic espionage.\n\nNew Heading"
    )


def test_the_registry_finds_the_chunks_of_a_document_that_mention_a_word(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    services = small_chunk_services(tmp_path, real_embedder)
    with services.sessions() as session:
        document_id = session.scalars(select(Chunk.document_id)).first()
    assert document_id is not None
    registry = RegistryDocumentText(services.sessions)

    found = registry.texts_mentioning([document_id], ["shenzhen", "no-such-word"])

    assert list(found) == [document_id]
    assert found[document_id]
    assert all("Shenzhen" in text for text in found[document_id])
    assert len(found[document_id]) < len(chunk_texts(services))
    assert registry.texts_mentioning(["another-document"], ["shenzhen"]) == {}
