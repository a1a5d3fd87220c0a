"""Answers a reader can use: every part of a several-part question answered in order (or said to
be unanswered), a table row answered with the field asked for, and no headings, contacts or
boilerplate passed off as statements."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.answering.service import AnswerService
from retrieval.embeddings import SentenceTransformerEmbedder
from tests.fakes import RecordingChatModel

AIRBAG_RELEASE = """\
NEWARK, N.J. - A Paterson man was sentenced today for selling counterfeit airbags.

Marcus Hale, 38, of Paterson, previously pleaded guilty to one count of trafficking in \
counterfeit goods. From 2017 through 2020, Hale bought counterfeit airbag modules from suppliers \
in China and sold them through an online storefront to repair shops and drivers, who believed \
they were buying genuine Honda and Toyota parts. Federal agents seized more than 300 of the \
modules from a storage unit Hale rented in Clifton.

U.S. District Judge Renata Okafor imposed the sentence in Newark federal court: 46 months in \
prison, followed by three years of supervised release.

Judge Okafor also ordered Hale to pay $412,600 in restitution to the vehicle makers whose marks \
he counterfeited.

The case is being investigated by Homeland Security Investigations and the FBI's Newark Field \
Office.

Media contact: Jane Portillo, Office of Public Affairs, (973) 555-0142, press@usao-nj.example.
"""
SEIZURE_LOG = """\
date,port,item,quantity,declared_value_usd,seizure_ref
2026-01-16,Port of Long Beach CA,e-bike battery 48V VELOCE,960,3840.00,FCS-LB-0071
2026-01-22,Los Angeles airport air cargo,e-bike battery 36V VELOCE,40,860.00,FCS-LAX-0132
2026-01-29,Chicago O'Hare express hub,Brake pads bearing TORVEX mark,2,70.00,FCS-ORD-0209
"""
MEMO = """\
# Intake memo

**Case:** OP-COPPER-GATE — counterfeit Torvex brake pads
**Author:** SA Lena Marsh, Commercial Fraud Group
**Date:** 2026-02-01

## Summary

The importer Brightway Auto Supply of Fresno received four pallets of counterfeit Torvex brake \
pads in January. SA Lena Marsh opened the case after Torvex's brand manager sent test purchase \
results showing the pads failed the friction test.
"""

DOCKET = """\
Beginning February 1, 2017, under Local Rule 13.05, it is the procedure of this Court to order \
the U.S. Attorney's Office to file a sealed statement in all criminal cases in which a defendant \
enters a guilty plea.

CRIMINAL DOCKET FOR CASE #: 4:17-cr-00367
Case title: USA v. Kane
02/15/2018 | 40 | Minute Entry: Adama Kane pleads guilty to count 1s, BLACKMAIL.
02/15/2018 | 42 | GUILTY PLEA AGREEMENT by USA, Adama Kane as to Adama Kane.
02/16/2018 | 44 | SCHEDULING ORDER as to Adama Kane: sentencing set for 6/6/2018.
"""
FINES = """\
# Civil fines for importing counterfeit-marked goods

(1) Any person who directs, assists financially or otherwise, or aids and abets the importation \
of merchandise bearing a counterfeit mark shall be subject to a civil fine.

(2) For the first such seizure, the fine shall be not more than the value that the merchandise \
would have had if it were genuine.

(3) For the second seizure and thereafter, the fine shall be not more than twice the value that \
the merchandise would have had if it were genuine.
"""

EXPORT_FORFEITURE = """\
# § 1595a. Aiding unlawful importation

(d) Merchandise exported contrary to law, and property used to facilitate its exporting, shall \
be seized and forfeited to the United States.
"""

SEED_ACTIONS = """\
# § 9107. Actions against a listed seed variety

######## (C) In an action under this paragraph, a seed variety shall be deemed to be held in \
the judicial district in which its registry is kept.
"""

LAMP_SENTENCING = """\
NEWARK, N.J. - An Ostland national who smuggled counterfeit Lumora desk lamps from abroad for \
sale in the U.S. was sentenced today to 37 months in prison.

From 2015 through 2019, Pavel Kors, Ilsa Brisk and Tomas Renn conspired to smuggle more than \
9,000 counterfeit Lumora lamps into the United States through the port of Newark.

In addition to the prison term, Judge Okafor sentenced Kors to one year of supervised release. \
Brisk and Renn have both pleaded guilty to their roles in the scheme and await sentencing.
"""


def index_files(
    root: Path, embedder: SentenceTransformerEmbedder, files: dict[str, str]
) -> Services:
    """Services over a fresh store holding ``files`` (name: text)."""
    services = build_services(load_settings(CASEBOT_HOME=root / "home"), embedder=embedder)
    folder = root / "files"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    services.ingestion.ingest([folder], IngestOptions())
    return services


@pytest.fixture(scope="module")
def indexed(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Services:
    return index_files(
        tmp_path_factory.mktemp("multi-part"),
        real_embedder,
        {
            "hale-sentencing.txt": AIRBAG_RELEASE,
            "seizure-log.csv": SEIZURE_LOG,
            "intake-memo.md": MEMO,
            "kane-docket.txt": DOCKET,
            "customs-fines.md": FINES,
            "export-forfeiture.md": EXPORT_FORFEITURE,
            "seed-actions.md": SEED_ACTIONS,
            "lamp-sentencing.txt": LAMP_SENTENCING,
        },
    )


THREE_PARTS = (
    "Who was sentenced for selling counterfeit airbags, which judge imposed the sentence, "
    "and how much restitution was ordered?"
)


@pytest.fixture
def llm_answers(indexed: Services) -> Iterator[Callable[[BaseChatModel], AnswerService]]:
    built: list[AnswerService] = []

    def build(model: BaseChatModel) -> AnswerService:
        service = AnswerService(indexed.searcher, indexed.extractive_answerer, llm=model)
        built.append(service)
        return service

    yield build
    for service in built:
        service.close()


def ask(services: Services, question: str) -> str:
    answer = services.answers.ask(question, Viewer.public())
    assert not answer.abstained
    return answer.text


def test_each_part_of_a_three_part_question_is_answered_in_order(indexed: Services) -> None:
    text = ask(indexed, THREE_PARTS)

    assert "Marcus Hale" in text
    assert "Okafor" in text
    assert "$412,600" in text
    assert text.index("Okafor") < text.index("$412,600")


@pytest.mark.parametrize(
    ("question", "given", "not_given", "unanswered"),
    [
        (
            "How much restitution was Marcus Hale ordered to pay for the counterfeit airbags, "
            "and when was he arrested?",
            "$412,600",
            (),
            "when was he arrested",
        ),
        (
            "Under section 1595a, what happens to merchandise exported contrary to law, and what "
            "civil fine can be imposed on whoever aided the export?",
            "seized and forfeited",
            ("twice the value", "For the first such seizure"),
            "what civil fine can be imposed on whoever aided the export",
        ),
    ],
    ids=["no source says", "only a section the question does not cite says"],
)
def test_a_part_the_evidence_does_not_answer_is_named(
    indexed: Services, question: str, given: str, not_given: tuple[str, ...], unanswered: str
) -> None:
    answer = indexed.answers.ask(question, Viewer.public())

    assert not answer.abstained
    assert given in answer.text
    assert not [text for text in not_given if text in answer.text]
    assert f"do not say: {unanswered}" in answer.text
    assert answer.unanswered == (unanswered,)
    assert answer.as_json()["unanswered_parts"] == [unanswered]


def test_two_clauses_that_differ_in_a_word_are_both_quoted(indexed: Services) -> None:
    text = ask(
        indexed,
        "What civil fine can customs impose on someone who helped import counterfeit goods, "
        "for a first seizure and for later ones?",
    )

    assert "For the first such seizure" in text
    assert "twice the value" in text


def test_a_table_row_answers_with_the_field_asked_for(indexed: Services) -> None:
    answer = indexed.answers.ask(
        "How many batteries were seized at the Port of Long Beach?", Viewer.public()
    )

    assert not answer.abstained
    assert "960" in answer.text
    assert "declared_value_usd" not in answer.text
    assert "FCS-LB-0071" not in answer.text
    assert any("FCS-LB-0071" in citation.quote for citation in answer.citations)


def test_a_bold_heading_line_is_not_cited_as_a_statement(indexed: Services) -> None:
    text = ask(indexed, "Who opened the case on the counterfeit Torvex brake pads?")

    assert "Lena Marsh opened the case" in text
    assert "**" not in text


def test_an_answer_does_not_lead_with_the_heading_of_the_section_cited(indexed: Services) -> None:
    text = ask(indexed, "What does section 1595a say about aiding unlawful importation?")

    assert text.startswith("(d) Merchandise exported contrary to law")
    topic = ask(indexed, "What does section 1595a cover?")
    assert "Aiding unlawful importation" in topic


def test_contacts_and_boilerplate_are_not_appended(indexed: Services) -> None:
    text = ask(indexed, "What sentence did Marcus Hale receive for selling counterfeit airbags?")

    assert "46 months" in text
    assert "Media contact" not in text
    assert "being investigated" not in text


def test_the_llm_is_shown_each_part_with_its_evidence(
    llm_answers: Callable[[BaseChatModel], AnswerService],
) -> None:
    model = RecordingChatModel(replies=["Marcus Hale was sentenced [1]."])

    llm_answers(model).ask(THREE_PARTS, Viewer.public())

    user = str(model.prompts[0][1].content)
    parts = user[user.index("Parts of the question") : user.index("Question:")]
    assert "1. Who was sentenced for selling counterfeit airbags" in parts
    assert "2. which judge imposed the sentence" in parts
    restitution = parts[parts.index("3. how much restitution was ordered") :]
    assert "$412,600" in restitution
    number = restitution.split("[", 1)[1].split("]", 1)[0]
    source = user[user.index(f'<source n="{number}"') :]
    assert "$412,600" in source[: source.index("</source>")]


def test_a_part_the_llm_finds_unanswered_is_named_not_dropped(
    llm_answers: Callable[[BaseChatModel], AnswerService],
) -> None:
    model = FakeListChatModel(
        responses=["Marcus Hale received 46 months in prison [1].\nNOT_FOUND: what fine did he pay"]
    )

    answer = llm_answers(model).ask(
        "What prison term did Marcus Hale receive, and what fine did he pay?", Viewer.public()
    )

    assert answer.answerer == "llm"
    assert answer.text == (
        "Marcus Hale received 46 months in prison. [1] "
        "The sources found do not say: what fine did he pay."
    )
    assert answer.note is None
    assert answer.unanswered == ("what fine did he pay",)


def test_an_llm_finding_no_part_answered_abstains(
    llm_answers: Callable[[BaseChatModel], AnswerService],
) -> None:
    model = FakeListChatModel(responses=["NOT_FOUND: what fine did he pay"])

    answer = llm_answers(model).ask("What fine did Marcus Hale pay?", Viewer.public())

    assert answer.abstained


def test_a_sentence_about_no_one_the_question_names_is_not_added(indexed: Services) -> None:
    text = ask(indexed, "What did Adama Kane plead guilty to, and on what date?")

    assert "BLACKMAIL" in text
    assert "Local Rule" not in text


BRIEFING = """\
WEEKLY MEDIA BRIEFING WITH ATTORNEY GENERAL DANA GARNER

ATTY. GEN. GARNER: Good morning. I want to start with community policing.

Day before yesterday, I was in Roanoke. The sheriff's office had set up its basic deputy training \
course at a school for at-risk teenagers. The trainees tutored the students after class and \
learned how to talk with young people who had never trusted a deputy.

Q Ms. Garner, turning to the budget, will the grant program be renewed next year?

ATTY. GEN. GARNER: I expect Congress to renew it, and we have asked for an increase.
"""


@pytest.fixture(scope="module")
def briefing(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Services:
    root = tmp_path_factory.mktemp("briefing")
    return index_files(root, real_embedder, {"weekly-briefing.txt": BRIEFING})


def test_a_place_is_answered_with_the_next_sentence_telling_what_was_seen_there(
    briefing: Services,
) -> None:
    text = ask(
        briefing,
        "In which city did Garner say she had seen deputies run their basic training course "
        "at a school for at-risk teenagers?",
    )

    assert "Roanoke" in text


def test_a_paragraph_the_code_nests_as_a_deep_heading_is_quoted_without_its_marker(
    indexed: Services,
) -> None:
    text = ask(
        indexed, "Under section 9107, in which district is a listed seed variety deemed held?"
    )

    assert "(C) In an action under this paragraph" in text
    assert "#" not in text


def test_a_release_telling_those_asked_about_await_sentencing_gives_no_term_of_theirs(
    indexed: Services,
) -> None:
    answer = indexed.answers.ask(
        "What prison sentences did Ilsa Brisk and Tomas Renn receive for smuggling the "
        "counterfeit Lumora lamps?",
        Viewer.public(),
    )

    assert "37 months" not in answer.text
    assert answer.abstained
