"""Primary documents before the listings that summarise them, the release of the date or stage
a question names before its siblings, and the subsection a question cites before the section's
others, on the real model and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.answering.candidates import candidates
from retrieval.answering.preferred import preferred
from retrieval.answering.questions import Question
from retrieval.embeddings import SentenceTransformerEmbedder
from retrieval.listings import asks_about_listings, is_listing, is_listing_entry
from retrieval.series import Heading, SeriesCues, When, document_date
from tests.hits import hit

STATUTE = (
    "18 U.S.C. 2320. Trafficking in counterfeit goods or services.\n\n"
    "(a) Offenses. Whoever intentionally traffics in goods and knowingly uses a counterfeit mark "
    "on or in connection with such goods shall be punished as provided in subsection (b).\n\n"
    "(b) Penalties. An individual who commits an offense under subsection (a) shall be fined not "
    "more than $2,000,000 or imprisoned not more than 10 years, or both."
)
STATUTES_SOURCE = (
    "US Code sections on IP enforcement (3 files)\n"
    "18usc2320.md - 18 U.S.C. 2320, trafficking in counterfeit goods: penalties, fines and "
    "maximum prison terms https://www.law.cornell.edu/uscode/text/18/2320\n"
    "18usc2318.md - 18 U.S.C. 2318, counterfeit labels: penalties "
    "https://www.law.cornell.edu/uscode/text/18/2318\n"
    "19usc1526.md - 19 U.S.C. 1526, merchandise bearing American trademarks: penalties "
    "https://www.law.cornell.edu/uscode/text/19/1526\n"
)
PLEA = (
    "April 4, 2019\n"
    "RICHARD ROE PLEADS GUILTY TO SELLING COUNTERFEIT AIRBAGS\n"
    "NEWARK - Richard Roe, 52, of Newark, admitted today in federal court that he sold "
    "counterfeit airbags through his online storefront Bagworks. Roe faces a maximum sentence of "
    "ten years in prison when he is sentenced on September 12, 2019. The judge may also sentence "
    "Roe to pay restitution to the airbag makers whose marks he copied."
)
SENTENCING = (
    "September 12, 2019\n"
    "RICHARD ROE SENTENCED FOR SELLING COUNTERFEIT AIRBAGS\n"
    "NEWARK - A Newark man will serve 30 months in federal prison for selling counterfeit airbags "
    "through the online storefront Bagworks, the United States Attorney announced today. The "
    "court also ordered restitution of $84,000. Investigators bought twelve of the airbags in "
    "undercover purchases, and laboratory tests showed that none of them inflated correctly. "
    "Richard Roe, 52, had admitted the scheme earlier that year and pleaded guilty in April."
)
APRIL_SEIZURE = (
    "April 10, 2021\n"
    "CUSTOMS STOPS COUNTERFEIT VELOCE BATTERIES AT LONG BEACH\n"
    "LONG BEACH - Officers stopped a shipment of 480 counterfeit Veloce e-bike batteries sent by "
    "seller VH-7 to a warehouse in Carson. The counterfeit Veloce batteries from VH-7 carried "
    "forged safety labels, and the stopped batteries were seized."
)
MAY_SEIZURE = (
    "May 14, 2021\n"
    "SECOND SHIPMENT FROM THE SAME SELLER\n"
    "LONG BEACH - A further 960 counterfeit Veloce e-bike batteries from seller VH-7 were held at "
    "the port and will be destroyed."
)
BEARINGS_CONVICTION = (
    "March 2, 2021\n"
    "TRENTON BEARINGS DEALER CONVICTED OF SELLING COUNTERFEIT BEARINGS\n"
    "TRENTON - A jury convicted Nora Vance, 51, of Trenton, today of trafficking in counterfeit "
    "Kestrel industrial bearings that she sold to machine shops through her company Vance Supply. "
    "Co-defendant Carl Dunne, 44, of Camden, pleaded guilty in the counterfeit bearings case on "
    "June 3, 2020, and testified at the trial."
)
BEARINGS_PLEA = (
    "August 19, 2020\n"
    "WAREHOUSE MANAGER PLEADS GUILTY IN COUNTERFEIT BEARINGS CASE\n"
    "TRENTON - Owen Marsh, 39, a warehouse manager for Vance Supply, pleaded guilty today to "
    "conspiring to traffic in counterfeit Kestrel bearings. Marsh admitted relabelling cartons "
    "of bearings in the company's warehouse. Carl Dunne, a driver for Vance Supply, was charged "
    "with counterfeiting in October 2019. Marsh will be sentenced in December."
)
RELEASES_INDEX = (
    "file\ttitle\tpublished\turl\n"
    "roe-plea.txt\tRichard Roe pleads guilty to selling counterfeit airbags\tApril 4, 2019\t"
    "https://example.gov/press/roe-plea\n"
    "roe-sentenced.txt\tRichard Roe sentenced for selling counterfeit airbags\tSeptember 12, 2019\t"
    "https://example.gov/press/roe-sentenced\n"
    "vh7-april.txt\tCustoms stops counterfeit Veloce batteries at Long Beach\tApril 10, 2021\t"
    "https://example.gov/press/vh7-april\n"
    "vh7-may.txt\tCustoms stops counterfeit Veloce batteries at Long Beach\tMay 14, 2021\t"
    "https://example.gov/press/vh7-may\n"
)


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Iterator[tuple[Services, Path]]:
    root = tmp_path_factory.mktemp("preferences")
    services = build_services(load_settings(CASEBOT_HOME=root / "home"), embedder=real_embedder)
    files = {
        "statutes/18usc2320.md": STATUTE,
        "statutes/SOURCE.txt": STATUTES_SOURCE,
        "releases/roe-plea.txt": PLEA,
        "releases/roe-sentenced.txt": SENTENCING,
        "releases/vh7-april.txt": APRIL_SEIZURE,
        "releases/vh7-may.txt": MAY_SEIZURE,
        "releases/index.tsv": RELEASES_INDEX,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    services.ingestion.ingest([root / "statutes", root / "releases"], IngestOptions())
    yield services, root


def first_documents(services: Services, question: str, count: int = 1) -> list[str]:
    hits = services.searcher.search(question, Viewer.operator()).hits
    return list(dict.fromkeys(Path(hit.source).name for hit in hits))[:count]


def test_the_statute_outranks_the_folder_notes_that_summarise_it(
    corpus: tuple[Services, Path],
) -> None:
    services, _ = corpus
    question = "What are the maximum prison terms and fines for trafficking in counterfeit goods?"
    assert first_documents(services, question) == ["18usc2320.md"]
    answer = services.answers.ask(question, Viewer.operator())
    assert not answer.abstained
    assert {Path(citation.source).name for citation in answer.citations} == {"18usc2320.md"}
    assert "$2,000,000" in answer.text


def test_the_index_is_found_when_the_question_is_about_the_index(
    corpus: tuple[Services, Path],
) -> None:
    services, _ = corpus
    question = "Which files does the index list, with their URLs?"
    assert first_documents(services, question) == ["index.tsv"]


def test_the_release_of_the_month_named_wins_over_its_sibling(
    corpus: tuple[Services, Path],
) -> None:
    services, _ = corpus
    may = "How many counterfeit Veloce batteries from VH-7 were stopped in May 2021?"
    april = "How many counterfeit Veloce batteries from VH-7 were stopped in April 2021?"
    assert first_documents(services, may) == ["vh7-may.txt"]
    assert first_documents(services, april) == ["vh7-april.txt"]
    answer = services.answers.ask(may, Viewer.operator())
    assert "960" in answer.text
    assert answer.citations[0].source.endswith("vh7-may.txt")


def test_the_release_of_the_stage_named_wins_over_its_sibling(
    corpus: tuple[Services, Path],
) -> None:
    services, _ = corpus
    plea = "When did Richard Roe plead guilty?"
    sentencing = "What was Richard Roe of Newark sentenced to?"
    assert first_documents(services, plea) == ["roe-plea.txt"]
    assert first_documents(services, sentencing) == ["roe-sentenced.txt"]


def test_a_sibling_release_gives_way_only_to_a_release_that_answers_about_as_well() -> None:
    """The conviction release is the one that says when the co-defendant pleaded guilty; the
    plea release of the series, about someone else, displaces it only if nearly as probable."""
    question = "On what date did Carl Dunne plead guilty in the counterfeit bearings case?"
    hits = [hit(BEARINGS_CONVICTION, "vance:0", "vance"), hit(BEARINGS_PLEA, "marsh:0", "marsh")]
    parsed = Question.parse(question)

    def first_document(plea_release_probability: float) -> str:
        found = candidates(parsed, hits, dict.fromkeys(parsed.terms + parsed.key_terms, 1.0))
        for candidate in found:
            pleaded = "pleaded guilty in the counterfeit" in candidate.text
            charged = "was charged" in candidate.text
            probability = 0.95 if pleaded else plea_release_probability if charged else 0.1
            candidate.probability = candidate.part_probability = probability
        found.sort(key=lambda c: -c.probability)
        return preferred(question, found, hits, threshold=0.5)[0].document_id

    assert first_document(plea_release_probability=0.75) == "vance"
    assert first_document(plea_release_probability=0.9) == "marsh"


def test_a_release_of_another_month_that_never_names_the_month_asked_about_answers_nothing() -> (
    None
):
    """Only the May release is retrieved for a question about April: it may not stand in."""
    april = "How many counterfeit batteries from seller VH-7 were stopped in April 2021?"
    may = "How many counterfeit batteries from seller VH-7 were held in May 2021?"
    may_recalling_april = MAY_SEIZURE + " In April, officers had stopped 480 of them."

    def documents(question: str, text: str) -> list[str]:
        hits = [hit(text, "vh7-may:0", "vh7-may")]
        parsed = Question.parse(question)
        found = candidates(parsed, hits, dict.fromkeys(parsed.terms + parsed.key_terms, 1.0))
        for candidate in found:
            candidate.probability = candidate.part_probability = 0.9
        return [c.document_id for c in preferred(question, found, hits, threshold=0.5)]

    assert documents(april, MAY_SEIZURE) == []
    assert "vh7-may" in documents(may, MAY_SEIZURE)
    assert "vh7-may" in documents(april, may_recalling_april)
    # A docket names months in figures: its entry of 2021-04-19 is of April.
    may_docket_entry = MAY_SEIZURE + " #12 2021-04-19: Minute entry: 480 units held at the port."
    assert "vh7-may" in documents(april, may_docket_entry)


FILING = "filing"


def test_listings_are_told_from_documents_by_name_and_by_text() -> None:
    assert is_listing("/cases/a/SOURCE.txt", "Nine press releases about counterfeit goods.", FILING)
    assert is_listing("/cases/a/README.md", "What this folder holds.", FILING)
    assert is_listing("/cases/a/files.tsv", RELEASES_INDEX, FILING)
    assert not is_listing("/cases/a/sources-of-counterfeit-airbags.pdf", PLEA, FILING)
    release_with_links = (
        f"{SENTENCING} A copy of this release is at https://example.gov/press/roe and the "
        "court's records at https://pacer.example.gov."
    )
    assert not is_listing("/cases/a/roe.txt", release_with_links, FILING)


def test_a_case_note_listing_a_sellers_urls_is_evidence_not_a_listing() -> None:
    seller_listings = (
        "Seller lumo-direct listings: https://market.example/item/1 chargers, "
        "https://market.example/item/2 cables, https://market.example/item/3 adapters."
    )

    assert is_listing("/drop/marketplace.md", seller_listings, FILING)
    assert not is_listing("/drop/marketplace.md", seller_listings, "note")


def test_a_sentence_that_only_links_to_a_document_is_a_listing_entry() -> None:
    assert is_listing_entry("Press Release: http://www.example.gov/roe.htm Operation Decrypt.")
    assert is_listing_entry("See roe-plea.txt.")
    assert not is_listing_entry(
        "Roe was sentenced to 30 months, the release at https://example.gov/roe says."
    )


def test_questions_about_listings_are_recognised() -> None:
    assert asks_about_listings("What does the index say about the Disney pins release?")
    assert not asks_about_listings("What sentence did Richard Roe receive?")


def test_a_question_names_months_years_and_stages_but_not_the_verb_may() -> None:
    cues = SeriesCues.of_question("Who may have pleaded guilty in May 2021, or in 2019?")
    assert cues.dates == {When(2021, 5), When(2019, None)}
    assert cues.stages == {"plea"}
    assert SeriesCues.of_question("What may he face?").dates == frozenset()


def test_a_sibling_of_another_date_or_stage_conflicts_and_an_undated_record_does_not() -> None:
    may = SeriesCues.of_question("How many batteries were stopped in May 2021?")
    assert may.conflicts(Heading.of("vh7-april", APRIL_SEIZURE))
    assert not may.conflicts(Heading.of("vh7-may", MAY_SEIZURE))
    assert not may.conflicts(Heading.of("18usc2320", STATUTE))
    sentenced = SeriesCues.of_question("What was Richard Roe sentenced to?")
    assert sentenced.conflicts(Heading.of("roe-plea", PLEA))
    assert not sentenced.conflicts(Heading.of("roe-sentenced", SENTENCING))
    to_come = SeriesCues.of_question("Which judge was to sentence Richard Roe, and when?")
    assert not to_come.conflicts(Heading.of("roe-plea", PLEA))


def test_a_documents_date_is_its_first_full_date() -> None:
    assert document_date("Date: Feb. 18, 2009\nSentencing is set for May 15, 2009") == When(2009, 2)
    assert document_date("#05-564: 10-25-05 DEFENDANT FACES INDICTMENT") == When(2005, 10)
    assert document_date("Filed 2017-02-13 by ORZ GmbH") == When(2017, 2)
    assert document_date("06-03-99 WEEKLY PRESS BRIEFING") == When(1999, 6)
    assert document_date("no date here") is None


SEED_HEADINGS = (
    "# Title 18— CRIMES AND CRIMINAL PROCEDURE\n"
    "### CHAPTER 99— PROTECTED PLANT VARIETIES\n"
    "#### § 2391. Unlawful propagation of a protected seed variety\n"
)
SEED_SUBSECTIONS = {
    "b": "###### (b) Any person who commits an offense under section 9(a) of the Seed Varieties "
    "Act\n\n(1) shall be imprisoned not more than 4 years if, during any 90-day period, the "
    "offense consists of the propagation of at least 20 seed bags of protected varieties with a "
    "total retail value of more than $3,000;\n\n(2) shall be imprisoned not more than 8 years "
    "for a second or subsequent offense.\n",
    "c": "###### (c) Any person who commits an offense under section 9(b) of the Seed Varieties "
    "Act\n\n(1) shall be fined under this title or imprisoned not more than 2 years where the "
    "sale involves 20 or more seed bags of protected varieties worth $3,000 or more;\n\n(2) "
    "shall be imprisoned not more than 5 years where the person was convicted before.\n",
    "d": "###### (d) Any person who commits an offense under section 9(c) of the Seed Varieties "
    "Act for commercial advantage\n\n(1) shall be imprisoned not more than 1 year when selling "
    "20 or more seed bags worth $3,000 or more for commercial advantage or private financial "
    "gain;\n\n(2) shall be imprisoned not more than 3 years after an earlier conviction.\n",
}


@pytest.fixture(scope="module")
def seed_sections(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Services:
    root = tmp_path_factory.mktemp("subsections")
    services = build_services(load_settings(CASEBOT_HOME=root / "home"), embedder=real_embedder)
    folder = root / "18usc2391"
    folder.mkdir()
    for subsection, text in SEED_SUBSECTIONS.items():
        (folder / f"2391-{subsection}.md").write_text(SEED_HEADINGS + text)
    services.ingestion.ingest([folder], IngestOptions())
    return services


def test_the_subsection_a_question_cites_outranks_its_near_copies(seed_sections: Services) -> None:
    """Each subsection of the section repeats the others' words; the one cited comes first
    even where another's wording is closer to the question's."""
    question = (
        "Under 18 U.S.C. 2391(b), what is the maximum prison term for the sale of 20 or more "
        "seed bags of protected varieties worth $3,000 or more?"
    )
    assert first_documents(seed_sections, question) == ["2391-b.md"]
    answer = seed_sections.answers.ask(question, Viewer.operator())
    assert "not more than 4 years" in answer.text
