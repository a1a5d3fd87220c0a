"""What a question asks for: its key terms and, where the wording says, the kind of answer
(a prison sentence, an amount of money, a date, a count) that a sentence must contain to
answer it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from retrieval.analysis import terms


class AnswerType(StrEnum):
    ANY = "any"
    PRISON_SENTENCE = "prison_sentence"
    MONEY = "money"
    DATE = "date"
    COUNT = "count"
    PERSON = "person"


QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    (
        AnswerType.PRISON_SENTENCE,
        re.compile(
            r"\b(sentenced?|sentencing|prison term|in prison|imprison\w*|probation|jail)\b", re.I
        ),
    ),
    (
        AnswerType.MONEY,
        re.compile(
            r"\b(fine[ds]?|restitution|how much|forfeit\w*|worth|value[ds]?|paid|cost|"
            r"price|damages|retail)\b",
            re.I,
        ),
    ),
    (
        AnswerType.DATE,
        re.compile(r"\b(when|what date|which date|what day|what year|on what)\b", re.I),
    ),
    (AnswerType.COUNT, re.compile(r"\bhow many\b", re.I)),
    (AnswerType.PERSON, re.compile(r"^\s*(who|whom)\b", re.I)),
]
NUMBER_WORDS = (
    r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty)"
)
ANSWER_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.PRISON_SENTENCE: re.compile(
        rf"\bsentenc\w*\b.*?(\b{NUMBER_WORDS}[- ](years?|months?|days?)\b|probation|"
        r"time served|life in prison|home (confinement|detention))"
        rf"|\b{NUMBER_WORDS}[- ](years?|months?)\b.*\b(in|of) (federal )?prison\b.*\bsentenc",
        re.I,
    ),
    AnswerType.MONEY: re.compile(r"\$\s?\d|\b\d[\d,.]*\s*(dollars|million|billion)\b", re.I),
    AnswerType.DATE: re.compile(
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
        r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}\b",
        re.I,
    ),
    AnswerType.COUNT: re.compile(rf"\b{NUMBER_WORDS}\b", re.I),
    AnswerType.PERSON: re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.?)? [A-Z][a-zA-Z'-]+\b"),
}
HYPOTHETICAL_SENTENCE = re.compile(
    r"\b(faces?|facing|maximum|up to|could|would|may|scheduled|will be|set for|when sentenced)\b",
    re.I,
)
IMPOSED_SENTENCE = re.compile(r"\b(was|were|been|is|are|and|today|yesterday)\s+sentenced\b", re.I)
NAME_OR_NUMBER = re.compile(r"(?<!^)(?<![.?!] )\b([A-Z][\w&'-]+|\d[\w:/.,-]*)")


@dataclass(frozen=True)
class Question:
    text: str
    terms: list[str]
    answer_type: AnswerType
    key_terms: list[str]
    """Stems of the names and numbers in the question: the things it is about."""

    @classmethod
    def parse(cls, text: str) -> Question:
        answer_type = next(
            (kind for kind, pattern in QUESTION_PATTERNS if pattern.search(text)), AnswerType.ANY
        )
        key_terms = sorted({term for word in NAME_OR_NUMBER.findall(text) for term in terms(word)})
        return cls(text=text, terms=terms(text), answer_type=answer_type, key_terms=key_terms)

    def is_answered_by(self, sentence: str) -> bool:
        """Whether ``sentence`` contains the kind of thing the question asks for."""
        pattern = ANSWER_PATTERNS.get(self.answer_type)
        if pattern is None:
            return True
        if not pattern.search(sentence):
            return False
        if self.answer_type is AnswerType.PRISON_SENTENCE and HYPOTHETICAL_SENTENCE.search(
            sentence
        ):
            return bool(IMPOSED_SENTENCE.search(sentence))
        return True
