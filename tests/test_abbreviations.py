"""A question may name a body by the abbreviation investigators use, where the law spells it out."""

from __future__ import annotations

from pathlib import Path

from bot.services import Services
from casework.access import Viewer
from ingestion.pipeline import IngestOptions
from retrieval.abbreviations import with_spelled_out

STATUTE = (
    "The Assistant Director of the National Intellectual Property Rights Coordination Center "
    "shall develop and implement risk-based alert systems, in coordination with U.S. Customs and "
    "Border Protection, to improve the targeting of persons that repeatedly infringe."
)
SPEECHES = (
    "Thank you to the IPR Center for hosting us today. Our partners at CBP and the IPR Center "
    "build the cases that our prosecutors bring to court.",
    "The IPR Center and CBP held a training day for port officers on new systems.",
    "Agents from the IPR Center, CBP and the FBI met with brand owners to share what they know.",
)
RECIPE = "Shave the ice finely and pour the syrup over it before serving."


def test_an_abbreviation_is_searched_with_its_spelled_out_form(
    tmp_path: Path, real_services: Services
) -> None:
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "statute.md").write_text(STATUTE)
    for number, speech in enumerate(SPEECHES):
        (folder / f"speech-{number}.txt").write_text(speech)
    real_services.ingestion.ingest([folder], IngestOptions())

    result = real_services.searcher.search(
        "What alert systems must the IPR Center build with CBP?", Viewer.public()
    )

    assert result.hits[0].text.startswith("The Assistant Director")
    assert result.query == "What alert systems must the IPR Center build with CBP?"


def test_only_abbreviations_in_capitals_not_already_spelled_out_are_added() -> None:
    assert with_spelled_out("Did CBP seize it?") == (
        "Did CBP seize it? (Customs and Border Protection)"
    )
    assert with_spelled_out("an HSI-led probe") == (
        "an HSI-led probe (Homeland Security Investigations)"
    )
    assert with_spelled_out(RECIPE) == RECIPE
    spelled = "CBP (Customs and Border Protection) seized the goods."
    assert with_spelled_out(spelled) == spelled
    assert with_spelled_out("the IPR Center") == (
        "the IPR Center (National Intellectual Property Rights Coordination Center)"
    )
