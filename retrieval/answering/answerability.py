"""Whether the retrieved evidence answers the question: a logistic model over a few signals.

Top-1 similarity alone cannot tell an answerable question from a near miss (a question about a
defendant's sentence scores high against the release announcing his plea). The signals here look
at a candidate sentence and at the document it comes from, and measure evidence rather than
wording: does the sentence hold the kind of thing asked for (a prison term, an amount, a date, a
name, a judgment), and does it name what that is about; how many of the question's parts the
document's sentences answer; how much of the question's names and terms the sentence and its
document have; whether dense and lexical retrieval both rank the document first; and how close
the sentence is in meaning. No signal is about the question alone (how close its best chunk is,
say): that measures how the question is worded, and would abstain on a question worded unlike
the ones the model was fitted on. The weights are fitted by ``benchmarks/answers.py
--calibrate`` on the tuned-on questions and shipped in ``answerability.json``; none may be
negative, as each signal only ever speaks for an answer.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

FEATURES = (
    "sentence_similarity",
    "key_term_coverage",
    "answer_type_match",
    "parts_answered",
    "retrievers_agree",
    "typed_key_term_coverage",
    "answer_kind_present",
    "sentence_term_coverage",
    "document_term_coverage",
    "document_cue_coverage",
    "retrieval_rank",
    "parts_share",
    "sentence_cue_coverage",
    "field_label_match",
    "answers_a_part",
    "chunk_term_coverage",
    "names_in_document",
)


@dataclass(frozen=True)
class Evidence:
    """The signals measured for one candidate sentence."""

    sentence_similarity: float
    key_term_coverage: float
    """Share of the question's names and numbers (idf-weighted) in the sentence's document."""
    answer_type_match: float
    """The sentence holds the kind of thing the question's first part asks for, and names what
    it is about (the *sentencing* date)."""
    parts_answered: float
    """Share of the question's parts that some sentence of the same document answers: none, for
    a question about a sentence put to the release announcing the plea."""
    retrievers_agree: float
    """1 if dense and lexical retrieval both rank the sentence's document first, 0.5 if one."""
    answer_kind_present: float
    """The sentence holds the kind of thing asked for (a name for "who", a judgment or dismissal
    for "how did it end"), whether or not it uses the question's words for it."""
    sentence_term_coverage: float
    """Share of the question's terms (idf-weighted) in the sentence itself."""
    document_term_coverage: float
    """Share of all the question's terms (idf-weighted) in the sentence's document: a docket
    without the words "default judgment" does not answer when one was entered."""
    document_cue_coverage: float
    """How much of what the question's first part is about (the *default judgment* of "when
    was the default judgment entered") the sentence's document names anywhere."""
    retrieval_rank: float
    """1 / (1 + rank) of the retrieved chunk the sentence comes from: retrieval already weighed
    the whole chunk against the question."""
    parts_share: float
    """Share of the question's parts the sentence itself answers."""
    sentence_cue_coverage: float
    """Share of the question's first part's cue words in the sentence itself: the sentence that
    says what the *filing fee* was, not another amount of the same docket."""
    field_label_match: float
    """How well a record field's label names what a part asks ("Registration date")."""
    answers_a_part: float
    """1 if the sentence holds the kind of thing some part of the question asks for."""
    chunk_term_coverage: float
    """Share of the question's terms (idf-weighted) in the sentence's chunk."""
    names_in_document: float = 1.0
    """Share of the people and firms the question names that the sentence's document names."""

    @property
    def typed_key_term_coverage(self) -> float:
        """Both at once: the asked-for kind of answer, in a document about the asked-for names."""
        return self.answer_type_match * self.key_term_coverage

    def vector(self) -> list[float]:
        return [float(getattr(self, name)) for name in FEATURES]


@dataclass(frozen=True)
class AnswerabilityModel:
    weights: tuple[float, ...]
    bias: float
    threshold: float

    @classmethod
    def shipped(cls) -> AnswerabilityModel:
        text = (resources.files("retrieval.answering") / "answerability.json").read_text()
        return cls.from_json(json.loads(text))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnswerabilityModel:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("answerability.json was fitted on other features; recalibrate it")
        return cls(
            tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"])
        )

    def probability(self, evidence: Evidence) -> float:
        logit = self.bias + sum(w * x for w, x in zip(self.weights, evidence.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-logit))

    def answers(self, evidence: Evidence) -> bool:
        return self.probability(evidence) >= self.threshold
