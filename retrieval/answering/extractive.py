"""The default answerer, no LLM needed: the sentences of the retrieved chunks that best answer
the question, each cited, in document order; or an abstention with the closest documents.

The steps: split the question into its parts (:mod:`.questions`); take every sentence of the
retrieved chunks as a candidate with lexical signals (:mod:`.candidates`); compare the most
promising ones with the question in meaning; score each with the answerability model
(:mod:`.answerability`); abstain if even the best is unlikely to answer, else choose the
sentences that cover the question's parts (:mod:`.selection`) and cite them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from retrieval.answering import texts
from retrieval.answering.answerability import AnswerabilityModel, Evidence
from retrieval.answering.candidates import Candidate, IdfLookup, candidates, term_weights
from retrieval.answering.model import Answer, Citation
from retrieval.answering.preferred import preferred
from retrieval.answering.questions import Question
from retrieval.answering.selection import SelectionSettings, select
from retrieval.answering.sentences import split_sentences
from retrieval.embeddings import Embedder
from retrieval.search import Hit, SearchResult


@dataclass(frozen=True)
class ExtractiveSettings:
    hits_considered: int = 12
    sentences_embedded: int = 10
    """The most promising sentences overall that are compared with the question in meaning…"""
    sentences_embedded_per_part: int = 2
    """…and, besides them, the most promising sentences answering each part of the question."""
    embedded_sentence_chars: int = 400
    selection: SelectionSettings = field(default_factory=SelectionSettings)
    closest_documents: int = 3


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        idf: IdfLookup,
        model: AnswerabilityModel,
        settings: ExtractiveSettings | None = None,
    ) -> None:
        self._embedder = embedder
        self._idf = idf
        self._model = model
        self.settings = settings or ExtractiveSettings()

    def answer(self, question_text: str, result: SearchResult) -> Answer:
        question = Question.parse(question_text)
        weights = term_weights(question, self._idf)
        ranked = preferred(
            question_text,
            self._scored(question, weights, result),
            result.hits,
            self._model.threshold,
        )
        if not ranked:
            return self._abstain(question_text, result, confidence=0.0)
        confidence = ranked[0].probability
        if confidence < self._model.threshold:
            return self._abstain(question_text, result, confidence)
        chosen = select(question, ranked, weights, self.settings.selection)
        return _compose(question_text, chosen, result, confidence)

    def evidence_of_candidates(
        self, question_text: str, result: SearchResult
    ) -> list[tuple[str, Evidence]]:
        """Every candidate sentence with its signals, for calibrating the answerability model."""
        question = Question.parse(question_text)
        weights = term_weights(question, self._idf)
        return [
            (candidate.text, candidate.evidence())
            for candidate in self._compared(question, weights, result)
        ]

    def _scored(
        self, question: Question, weights: dict[str, float], result: SearchResult
    ) -> list[Candidate]:
        """The compared candidates with their probability of answering, most probable first."""
        compared = self._compared(question, weights, result)
        for candidate in compared:
            candidate.probability = self._model.probability(candidate.evidence())
            candidate.part_probability = self._model.probability(
                candidate.evidence(as_answering_a_part=True)
            )
        return sorted(compared, key=lambda candidate: -candidate.probability)

    def _compared(
        self, question: Question, weights: dict[str, float], result: SearchResult
    ) -> list[Candidate]:
        """The most promising candidates, their similarity to the question measured."""
        found = candidates(question, result.hits[: self.settings.hits_considered], weights)
        if not found:
            return []
        parts = len(question.aspects)
        found.sort(key=lambda candidate: -candidate.prefilter_score(parts))
        chosen = found[: self.settings.sentences_embedded]
        for part in range(parts):
            answering = sorted(
                (c for c in found if part in c.parts),
                key=lambda c: -(c.fit_for(part) + c.prefilter_score(parts)),
            )
            for candidate in answering[: self.settings.sentences_embedded_per_part]:
                if not any(candidate is other for other in chosen):
                    chosen.append(candidate)
        self._measure_similarity(question.text, result, chosen)
        return chosen

    def _measure_similarity(
        self, question: str, result: SearchResult, chosen: list[Candidate]
    ) -> None:
        limit = self.settings.embedded_sentence_chars
        vectors = self._embedder.embed_documents([c.text[:limit] for c in chosen])
        query = (
            result.query_vector
            if result.query_vector is not None
            else self._embedder.embed_query(question)
        )
        for candidate, similarity in zip(chosen, vectors @ query, strict=True):
            candidate.similarity = float(np.clip(similarity, -1.0, 1.0))

    def _abstain(self, question: str, result: SearchResult, confidence: float) -> Answer:
        closest = _closest_documents(result.hits, self.settings.closest_documents)
        return Answer(
            question=question,
            text=texts.NO_EVIDENCE,
            abstained=True,
            citations=closest,
            withheld=result.withheld,
            confidence=confidence,
            answerer=self.name,
        )


def _compose(
    question: str, chosen: list[Candidate], result: SearchResult, confidence: float
) -> Answer:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    for candidate in chosen:
        key = candidate.hit.chunk_id
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            citations.append(Citation.from_hit(numbers[key], candidate.hit, candidate.text))
        parts.append(f"{_one_line(candidate.text)} [{numbers[key]}]")
    return Answer(
        question=question,
        text=" ".join(parts),
        abstained=False,
        citations=citations,
        withheld=result.withheld,
        confidence=confidence,
        answerer=ExtractiveAnswerer.name,
    )


def _one_line(sentence: str) -> str:
    """The sentence as one line: a PDF's line breaks inside it are only wrapping. (The citation
    keeps the exact text.)"""
    return " ".join(sentence.split())


def _closest_documents(hits: Sequence[Hit], count: int) -> list[Citation]:
    seen: set[str] = set()
    closest: list[Citation] = []
    for hit in hits:
        if hit.document_id in seen:
            continue
        seen.add(hit.document_id)
        sentences = split_sentences(hit.text)
        quote = sentences[0].text if sentences else hit.text[:200]
        closest.append(Citation.from_hit(len(closest) + 1, hit, quote))
        if len(closest) == count:
            break
    return closest
