"""Abstaining when the evidence is missing, not when a question is worded unlike the ones the
answerability model was fitted on: "who" and "how did it end" questions, on the real model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.answering.answer_kinds import AnswerType
from retrieval.answering.extractive import abstention_threshold
from retrieval.answering.questions import Question
from retrieval.embeddings import SentenceTransformerEmbedder

DOCKET = (
    "U.S. District Court, District of Nevada. Civil docket for case 2:19-cv-00412. "
    "Bagworks Supply LLC v. Roe.\n\n"
    "#1 2019-03-04: COMPLAINT against Richard Roe filed by Bagworks Supply LLC. Filing fee $400.\n"
    "#9 2019-05-20: ANSWER to complaint by Richard Roe.\n"
    "#21 2019-09-30: STIPULATION of dismissal with prejudice by all parties, each to bear its "
    "own fees and costs.\n"
    "#22 2019-10-01: ORDER granting stipulation; the action is dismissed with prejudice. Case "
    "terminated.\n"
)
ARREST = (
    "March 2, 2020. SANTA ANA - Ann Tse, 44, of Carson was arrested today for selling "
    "counterfeit Veloce rifle scopes online through Hilltop Optics, a store she ran with her "
    "business partner Wei Yang, 47, of Irvine. Investigators found 778 counterfeit scopes in "
    "the store's warehouse. Yang remains a fugitive."
)
SENTENCING = (
    "IRVINE - Tom Brandt, 39, was sentenced today to 18 months in prison for selling "
    "counterfeit Veloce rifle scopes through an online store."
)
PLEA = (
    "NEWARK - Richard Roe, 52, pleaded guilty today to selling counterfeit airbags through an "
    "online storefront. Roe faces a maximum of 10 years in prison when sentenced in October."
)

MARSH = (
    "FRESNO - Lena Marsh, 41, was sentenced on June 4, 2021, to 30 months in prison for selling "
    "counterfeit Orvane headphones online. Marsh pleaded guilty in January 2021 to trafficking "
    "in counterfeit goods."
)
PITCHER = (
    "Former Minor League Pitcher Signs Plea Agreement Over Taxes On His Counterfeit Karaoke "
    "Machine Business\n\n"
    "A former professional baseball pitcher agreed to plead guilty to failing to pay taxes on "
    "the sale of counterfeit karaoke machines. The plea agreement was filed under seal."
)


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Iterator[Services]:
    root = tmp_path_factory.mktemp("answerability")
    services = build_services(load_settings(CASEBOT_HOME=root / "home"), embedder=real_embedder)
    folder = root / "filings"
    folder.mkdir()
    (folder / "bagworks-v-roe-docket.txt").write_text(DOCKET)
    (folder / "tse-arrest.txt").write_text(ARREST)
    (folder / "roe-plea.txt").write_text(PLEA)
    (folder / "brandt-sentencing.txt").write_text(SENTENCING)
    (folder / "marsh-sentencing.txt").write_text(MARSH)
    (folder / "pitcher-plea.txt").write_text(PITCHER)
    services.ingestion.ingest([folder], IngestOptions())
    yield services


def ask(services: Services, question: str) -> tuple[bool, str]:
    answer = services.answers.ask(question, Viewer.operator())
    return answer.abstained, answer.text


def test_how_a_case_ended_is_answered_from_the_dockets_closing_entries(
    corpus: Services,
) -> None:
    abstained, text = ask(corpus, "How was Bagworks Supply v. Roe resolved?")
    assert not abstained
    assert "dismiss" in text.lower()


def test_who_ran_the_store_with_her_is_answered_from_the_release_naming_him(
    corpus: Services,
) -> None:
    abstained, text = ask(corpus, "Who was Ann Tse's partner in Hilltop Optics?")
    assert not abstained
    assert "Wei Yang" in text


def test_a_sentence_the_release_does_not_give_is_still_abstained(corpus: Services) -> None:
    abstained, _ = ask(corpus, "What prison sentence did Richard Roe receive?")
    assert abstained


def test_a_question_of_one_yes_or_no_part_needs_less_confidence_to_be_answered() -> None:
    threshold = 0.6

    yes_or_no = Question.parse("Does the claim require that the holder sell similar goods?")
    what = Question.parse("What goods must the holder sell for the claim to lie?")
    two_parts = Question.parse("Was Roe extradited, and when did he arrive?")

    assert abstention_threshold(yes_or_no, threshold) < threshold
    assert abstention_threshold(what, threshold) == threshold
    assert abstention_threshold(two_parts, threshold) == threshold


def test_an_outcome_question_asks_for_a_judgment_dismissal_or_settlement() -> None:
    for question in (
        "How did Bagworks v. Roe end?",
        "How was the case resolved, and when?",
        "What was the outcome of the lawsuit?",
    ):
        assert Question.parse(question).primary.kind is AnswerType.OUTCOME
    assert Question.parse("How long was Roe sentenced to?").primary.kind is not (AnswerType.OUTCOME)


def test_a_question_typed_in_lowercase_is_read_by_the_names_in_the_passages(
    corpus: Services,
) -> None:
    abstained, text = ask(corpus, "who was ann tse's partner in hilltop optics?")
    assert not abstained
    assert "Wei Yang" in text

    for question in (
        "What prison sentence did Wei Yang get for the fake scopes?",
        "what prison sentence did wei yang get for the fake scopes?",
    ):
        abstained, text = ask(corpus, question)
        assert abstained, text


def test_the_date_of_another_event_does_not_answer_when(corpus: Services) -> None:
    abstained, text = ask(corpus, "When was Lena Marsh sentenced for the counterfeit headphones?")
    assert not abstained
    assert "June 4, 2021" in text

    abstained, text = ask(corpus, "When was Lena Marsh arrested for the counterfeit headphones?")
    assert abstained, text


def test_a_headline_that_restates_the_question_names_no_one(corpus: Services) -> None:
    abstained, text = ask(
        corpus,
        "Which former minor league pitcher signed a plea agreement over taxes on his counterfeit "
        "karaoke machine business?",
    )
    assert abstained, text


def test_a_document_that_names_no_one_the_question_asks_about_does_not_answer(
    corpus: Services,
) -> None:
    # The release names Lena Marsh, not Tom Marsh.
    abstained, text = ask(
        corpus, "How long was Tom Marsh sentenced to for selling counterfeit Orvane headphones?"
    )
    assert abstained, text

    abstained, text = ask(corpus, "When was Lena Marsh sentenced for the counterfeit headphones?")
    assert not abstained
