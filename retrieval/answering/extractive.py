"""The default answerer, no LLM needed: the sentences of the retrieved chunks that best answer
the question, each cited, in document order; or an abstention with the closest documents."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.analysis import terms
from retrieval.answering import texts
from retrieval.answering.answerability import AnswerabilityModel, Evidence
from retrieval.answering.model import Answer, Citation
from retrieval.answering.questions import Question
from retrieval.answering.sentences import split_sentences
from retrieval.embeddings import Embedder
from retrieval.search import Hit, SearchResult

IdfLookup = Callable[[Sequence[str]], dict[str, float]]


@dataclass(frozen=True)
class ExtractiveSettings:
    hits_considered: int = 6
    sentences_embedded: int = 24
    max_sentences: int = 3
    max_answer_chars: int = 900
    companion_margin: float = 0.15
    closest_documents: int = 3


@dataclass
class _Candidate:
    hit_rank: int
    hit: Hit
    text: str
    position: int
    coverage: float
    chunk_coverage: float
    key_coverage: float
    type_match: float
    similarity: float = 0.0

    def evidence(self, top_chunk_similarity: float) -> Evidence:
        return Evidence(
            sentence_similarity=self.similarity,
            sentence_coverage=self.coverage,
            chunk_coverage=self.chunk_coverage,
            key_term_coverage=self.key_coverage,
            answer_type_match=self.type_match,
            top_chunk_similarity=top_chunk_similarity,
        )

    @property
    def prefilter_score(self) -> float:
        return self.coverage + self.chunk_coverage + self.type_match + 1.0 / (2 + self.hit_rank)


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
        candidates = self._candidates(question, result.hits[: self.settings.hits_considered])
        if not candidates:
            return self._abstain(question_text, result, confidence=0.0)
        self._measure_similarity(question_text, candidates)
        top_similarity = max((hit.dense_similarity or 0.0) for hit in result.hits)
        scored = sorted(
            candidates,
            key=lambda c: -self._model.probability(c.evidence(top_similarity)),
        )
        best = scored[0]
        confidence = self._model.probability(best.evidence(top_similarity))
        if confidence < self._model.threshold:
            return self._abstain(question_text, result, confidence)
        chosen = self._with_companions(best, scored, top_similarity, confidence)
        return _compose(question_text, chosen, result, confidence)

    def evidence_of_candidates(self, question_text: str, result: SearchResult) -> list[Evidence]:
        """The signals of every candidate sentence, for calibrating the answerability model."""
        question = Question.parse(question_text)
        candidates = self._candidates(question, result.hits[: self.settings.hits_considered])
        if not candidates:
            return []
        self._measure_similarity(question_text, candidates)
        top_similarity = max((hit.dense_similarity or 0.0) for hit in result.hits)
        return [candidate.evidence(top_similarity) for candidate in candidates]

    def _candidates(self, question: Question, hits: Sequence[Hit]) -> list[_Candidate]:
        weights = self._idf(question.terms)
        total = sum(weights.values()) or 1.0
        key_terms = set(question.key_terms)
        candidates = []
        for rank, hit in enumerate(hits):
            chunk_terms = set(terms(f"{hit.title}\n{hit.text}"))
            chunk_coverage = sum(w for t, w in weights.items() if t in chunk_terms) / total
            key_coverage = len(key_terms & chunk_terms) / len(key_terms) if key_terms else 1.0
            for position, sentence in enumerate(split_sentences(hit.text)):
                sentence_terms = set(terms(sentence.text))
                candidates.append(
                    _Candidate(
                        hit_rank=rank,
                        hit=hit,
                        text=sentence.text,
                        position=position,
                        coverage=sum(w for t, w in weights.items() if t in sentence_terms) / total,
                        chunk_coverage=chunk_coverage,
                        key_coverage=key_coverage,
                        type_match=1.0 if question.is_answered_by(sentence.text) else 0.0,
                    )
                )
        candidates.sort(key=lambda c: -c.prefilter_score)
        return candidates[: self.settings.sentences_embedded]

    def _measure_similarity(self, question: str, candidates: list[_Candidate]) -> None:
        vectors = self._embedder.embed_documents([c.text for c in candidates])
        query = self._embedder.embed_query(question)
        for candidate, similarity in zip(candidates, vectors @ query, strict=True):
            candidate.similarity = float(np.clip(similarity, -1.0, 1.0))

    def _with_companions(
        self,
        best: _Candidate,
        scored: list[_Candidate],
        top_similarity: float,
        confidence: float,
    ) -> list[_Candidate]:
        chosen = [best]
        length = len(best.text)
        for candidate in scored[1:]:
            if len(chosen) >= self.settings.max_sentences:
                break
            probability = self._model.probability(candidate.evidence(top_similarity))
            if probability < confidence - self.settings.companion_margin:
                break
            if (
                _repeats(candidate, chosen)
                or length + len(candidate.text) > self.settings.max_answer_chars
            ):
                continue
            chosen.append(candidate)
            length += len(candidate.text)
        return sorted(chosen, key=lambda c: (c.hit_rank, c.position))

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


def _repeats(candidate: _Candidate, chosen: list[_Candidate]) -> bool:
    words = set(candidate.text.lower().split())
    for other in chosen:
        other_words = set(other.text.lower().split())
        overlap = len(words & other_words) / max(min(len(words), len(other_words)), 1)
        if overlap > 0.7:
            return True
    return False


def _compose(
    question: str, chosen: list[_Candidate], result: SearchResult, confidence: float
) -> Answer:
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    parts = []
    for candidate in chosen:
        key = candidate.hit.chunk_id
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            citations.append(Citation.from_hit(numbers[key], candidate.hit, candidate.text))
        parts.append(f"{candidate.text} [{numbers[key]}]")
    return Answer(
        question=question,
        text=" ".join(parts),
        abstained=False,
        citations=citations,
        withheld=result.withheld,
        confidence=confidence,
        answerer=ExtractiveAnswerer.name,
    )


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
