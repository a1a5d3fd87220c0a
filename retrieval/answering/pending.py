"""A document telling that the people a question asks the sentence of still await it: any
prison term it gives is someone else's. "Volpe and Becerra have both pleaded guilty … and await
sentencing" stands beside "An Italian national … was sentenced today to 37 months", which is
their co-defendant's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import AnswerType
from retrieval.answering.matching import ANSWER_PATTERNS
from retrieval.answering.questions import Question
from retrieval.answering.sentences import split_sentences
from retrieval.document_text import DocumentText
from retrieval.search import Hit

AWAITING_SENTENCE = re.compile(
    r"\bawait(?:s|ing)?\s+(?:(?:their|his|her)\s+)?(?:sentencing|sentence)\b"
    r"|\b(?:will|is|are)\s+(?:scheduled\s+)?(?:to\s+)?be\s+sentenced\b"
    r"|\bscheduled\s+(?:to\s+be\s+sentenced|for\s+sentencing)\b",
    re.I,
)
"""A sentence still to come: "await sentencing", "will be sentenced on Sept. 7"."""
TERM_NOT_YET_IMPOSED = frozenset(
    terms("ask asked request requested seek sought recommend agree agreed limit cap guideline")
)
"""Words asking of a term before it is imposed, which a release before sentencing may well
give: "what limit did the government agree to on the prison sentence it would ask for"."""


def parts_asking_the_sentence_imposed(question: Question) -> frozenset[int]:
    """The question's parts asking what prison term someone received, not the most he faces
    nor one asked for or agreed to."""
    return frozenset(
        index
        for index, aspect in enumerate(question.aspects)
        if aspect.kind is AnswerType.PRISON_SENTENCE
        and not aspect.maximum
        and not aspect.words & TERM_NOT_YET_IMPOSED
    )


def names_awaiting_sentence(
    question: Question, sentence: str, sentence_terms: frozenset[str]
) -> frozenset[tuple[str, ...]]:
    """The question's names (by surname) the sentence tells are still to be sentenced. One that
    also gives a prison term ("Hale was sentenced to 46 months; Vole will be sentenced in May")
    is left alone: which name the term is of is not read here."""
    if not AWAITING_SENTENCE.search(sentence):
        return frozenset()
    if ANSWER_PATTERNS[AnswerType.PRISON_SENTENCE].search(sentence):
        return frozenset()
    return frozenset(name for name in question.names if name[-1] in sentence_terms)


def documents_awaiting_sentence(
    question: Question, hits: Sequence[Hit], document_text: DocumentText | None
) -> frozenset[str]:
    """The documents of ``hits`` telling, anywhere in their text, that every name the question
    asks the prison term of is still to be sentenced."""
    if document_text is None or not question.names:
        return frozenset()
    if not parts_asking_the_sentence_imposed(question):
        return frozenset()
    asked = frozenset(question.names)
    texts = document_text.texts_mentioning(sorted({hit.document_id for hit in hits}), ["sentenc"])
    return frozenset(
        document_id
        for document_id, chunks in texts.items()
        if asked <= _names_awaiting_in(question, chunks)
    )


def _names_awaiting_in(question: Question, chunks: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """The question's names that some sentence of ``chunks`` tells are still to be sentenced."""
    return frozenset(
        name
        for chunk in chunks
        for sentence in split_sentences(chunk)
        for name in names_awaiting_sentence(
            question, sentence.text, frozenset(terms(sentence.text))
        )
    )
