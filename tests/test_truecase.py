"""A question typed in lowercase reads its names the way the retrieved passages write them."""

from __future__ import annotations

from retrieval.answering.truecase import truecased

PASSAGES = [
    "NEWARK - Adama Kane, 41, was sentenced today by U.S. District Judge Stephen Limbaugh for "
    "selling counterfeit airbags. HSI agents seized 300 airbags from Kane's garage.",
    "Baltimore Store Owner Sentenced to Prison for Selling Counterfeit Airbags\n"
    "The judge ordered restitution. Sentencing of a co-defendant is set for June.",
]


def test_names_and_acronyms_take_the_passages_capitals() -> None:
    assert (
        truecased(
            "when was adama kane sentenced, and what did hsi seize from kane's garage?", PASSAGES
        )
        == "when was Adama Kane sentenced, and what did HSI seize from Kane's garage?"
    )


def test_words_the_passages_also_write_in_lowercase_or_only_in_a_headline_stay_lowercase() -> None:
    assert (
        truecased("was the store owner sentenced for the counterfeit airbags?", PASSAGES)
        == "was the store owner sentenced for the counterfeit airbags?"
    )


def test_the_role_asked_for_stays_a_role_though_passages_write_judge_limbaugh() -> None:
    assert (
        truecased("which judge sentenced kane, and when is his sentencing?", PASSAGES)
        == "which judge sentenced Kane, and when is his sentencing?"
    )


def test_a_question_with_capitals_of_its_own_is_left_as_typed() -> None:
    question = "When was kane sentenced by Judge Limbaugh?"

    assert truecased(question, PASSAGES) == question
