"""Answers a reader can use: every part of a several-part question answered in order (or said to
be unanswered), a table row answered with the field asked for, and no headings, contacts or
boilerplate passed off as statements."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import SentenceTransformerEmbedder

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


@pytest.fixture(scope="module")
def indexed(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder
) -> Iterator[Services]:
    root = tmp_path_factory.mktemp("multi-part")
    services = build_services(load_settings(CASEBOT_HOME=root / "home"), embedder=real_embedder)
    files = root / "files"
    files.mkdir()
    (files / "hale-sentencing.txt").write_text(AIRBAG_RELEASE)
    (files / "seizure-log.csv").write_text(SEIZURE_LOG)
    (files / "intake-memo.md").write_text(MEMO)
    services.ingestion.ingest([files], IngestOptions())
    yield services


def ask(services: Services, question: str) -> str:
    answer = services.answers.ask(question, Viewer.public())
    assert not answer.abstained
    return answer.text


def test_each_part_of_a_three_part_question_is_answered_in_order(indexed: Services) -> None:
    text = ask(
        indexed,
        "Who was sentenced for selling counterfeit airbags, which judge imposed the sentence, "
        "and how much restitution was ordered?",
    )

    assert "Marcus Hale" in text
    assert "Okafor" in text
    assert "$412,600" in text
    assert text.index("Okafor") < text.index("$412,600")


def test_a_part_the_evidence_does_not_answer_is_named(indexed: Services) -> None:
    text = ask(
        indexed,
        "What prison term did Marcus Hale receive for the counterfeit airbags, and what fine "
        "did he pay?",
    )

    assert "46 months" in text
    assert "do not say" in text
    assert "what fine did he pay" in text


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


def test_contacts_and_boilerplate_are_not_appended(indexed: Services) -> None:
    text = ask(indexed, "What sentence did Marcus Hale receive for selling counterfeit airbags?")

    assert "46 months" in text
    assert "Media contact" not in text
    assert "being investigated" not in text
