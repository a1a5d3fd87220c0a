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
        re.compile(r"\b(sentence|sentenced to|prison|imprison\w*|probation|jail)\b", re.I),
    ),
    (
        AnswerType.MONEY,
        re.compile(
            r"\b(fine[ds]?|restitution|how much(?! (do|does|did|is|was|were|are) \w+ (\w+ )*weigh)|"
            r"forfeit\w*|worth|value[ds]?|paid|cost|bail|fee|"
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
    AnswerType.MONEY: re.compile(
        r"\$\s?\d|\b\d[\d,.]*\s*(dollars|million|billion)\b"
        r"|\b(value|retail price|price) of\b|\btimes the\b|\btwice the\b",
        re.I,
    ),
    AnswerType.DATE: re.compile(
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
        r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}\b",
        re.I,
    ),
    AnswerType.COUNT: re.compile(rf"\b{NUMBER_WORDS}\b", re.I),
    AnswerType.PERSON: re.compile(r"\b(?:[A-Z]\.|[A-Z][a-z]+)(?: [A-Z]\.?)? [A-Z][a-zA-Z'-]+\b"),
}
MONEY_KINDS = frozenset(
    terms("fine fined restitution forfeiture forfeit bail damages fee value price paid profit")
)
COUNTED = re.compile(
    rf"\b(?P<number>\d[\d,]*|{NUMBER_WORDS[1:-1]})\b(?P<following>(?:\W+\w+){{1,4}})", re.I
)
YEAR = re.compile(r"(19|20)\d\d")
COUNT_FIELD = re.compile(r"\b(quantity|qty|count|units|pieces|total)\s*[:=]?\s*\d", re.I)
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
    answer_types: tuple[AnswerType, ...]
    """What the question asks for, in the order its wording names them; (ANY,) if it does not."""
    key_terms: list[str]
    """Stems of the names and numbers in the question: the things it is about."""
    money_terms: frozenset[str] = frozenset()
    """Which kind of money the question asks about (a fine, restitution, bail…), as stems."""

    @classmethod
    def parse(cls, text: str) -> Question:
        found = [
            (match.start(), order, kind)
            for order, (kind, pattern) in enumerate(QUESTION_PATTERNS)
            if (match := pattern.search(text))
        ]
        answer_types = tuple(kind for _, _, kind in sorted(found))
        key_terms = sorted({term for word in NAME_OR_NUMBER.findall(text) for term in terms(word)})
        question_terms = terms(text)
        return cls(
            text=text,
            terms=question_terms,
            answer_types=answer_types or (AnswerType.ANY,),
            key_terms=key_terms,
            money_terms=frozenset(question_terms) & MONEY_KINDS,
        )

    @property
    def primary_type(self) -> AnswerType:
        """What the question asks for first: the kind its wording names earliest."""
        return self.answer_types[0]

    def answers_primary(self, sentence: str) -> bool:
        return self._contains(self.primary_type, sentence)

    def types_answered_by(self, sentence: str) -> frozenset[AnswerType]:
        """Which of the kinds of thing the question asks for ``sentence`` contains."""
        return frozenset(kind for kind in self.answer_types if self._contains(kind, sentence))

    def _contains(self, kind: AnswerType, sentence: str) -> bool:
        """An amount answers "what fine" only if it is a fine: the kind of money asked about
        must be named in the same sentence. A count answers "how many sights" only if the
        number counts something the question names."""
        if not _contains(kind, sentence):
            return False
        if kind is AnswerType.MONEY and self.money_terms:
            return bool(self.money_terms & set(terms(sentence)))
        if kind is AnswerType.COUNT:
            return self._counts_a_question_noun(sentence)
        return True

    def _counts_a_question_noun(self, sentence: str) -> bool:
        if COUNT_FIELD.search(sentence):
            return True
        wanted = set(self.terms)
        for match in COUNTED.finditer(sentence):
            if YEAR.fullmatch(match.group("number")):
                continue
            if wanted & set(terms(match.group("following"))):
                return True
        return False

    def is_answered_by(self, sentence: str) -> bool:
        return bool(self.types_answered_by(sentence))


def _contains(kind: AnswerType, sentence: str) -> bool:
    pattern = ANSWER_PATTERNS.get(kind)
    if pattern is None:
        return True
    if not pattern.search(sentence):
        return False
    if kind is AnswerType.PRISON_SENTENCE and HYPOTHETICAL_SENTENCE.search(sentence):
        return bool(IMPOSED_SENTENCE.search(sentence))
    return True
