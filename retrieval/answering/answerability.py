"""Whether the retrieved evidence answers the question: a logistic model over a few signals.

Top-1 similarity alone cannot tell an answerable question from a near miss (a question about a
defendant's sentence scores high against the release announcing his plea). The signals here look
at the best candidate sentence: does it contain the kind of thing asked for (a prison term, an
amount, a date), how many of the question's terms and key names it and its chunk share, and how
close it is in meaning. The weights are fitted by ``benchmarks/answers.py --calibrate`` on the
domain question set and shipped in ``answerability.json``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

FEATURES = (
    "sentence_similarity",
    "sentence_coverage",
    "chunk_coverage",
    "key_term_coverage",
    "answer_type_match",
    "top_chunk_similarity",
    "typed_key_term_coverage",
)


@dataclass(frozen=True)
class Evidence:
    """The signals measured for one candidate sentence."""

    sentence_similarity: float
    sentence_coverage: float
    chunk_coverage: float
    key_term_coverage: float
    answer_type_match: float
    top_chunk_similarity: float

    @property
    def typed_key_term_coverage(self) -> float:
        """Both at once: the asked-for kind of answer, in a chunk about the asked-for names."""
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
