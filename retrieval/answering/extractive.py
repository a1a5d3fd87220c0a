"""The default answerer, no LLM needed: the sentences of the retrieved chunks that best answer
the question, each cited, in document order; or an abstention with the closest documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.analysis import terms
from retrieval.answering import texts
from retrieval.answering.answerability import AnswerabilityModel, Evidence
from retrieval.answering.model import Answer, Citation
from retrieval.answering.questions import AnswerType, Question
from retrieval.answering.sentences import split_sentences
from retrieval.embeddings import Embedder
from retrieval.search import Hit, SearchResult

URL = re.compile(r"https?://\S+|www\.\S+")
MIN_WORDS = 3
FURNITURE = ("link:", "tittle:", "print version", "search the archive", "home »", "#")
IdfLookup = Callable[[Sequence[str]], dict[str, float]]


@dataclass(frozen=True)
class ExtractiveSettings:
    hits_considered: int = 6
    sentences_embedded: int = 12
    embedded_sentence_chars: int = 400
    max_sentences: int = 3
    max_answer_chars: int = 900
    companion_margin: float = 0.15
    missing_part_margin: float = 0.4
    """A sentence that answers a part of the question no chosen sentence answers yet (the
    restitution, after the prison term) may score this much lower and still be added."""
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
    types: frozenset[AnswerType]
    terms: frozenset[str]
    answers_primary: bool = False
    similarity: float = 0.0

    @property
    def type_match(self) -> float:
        return 1.0 if self.answers_primary else 0.0

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
        self._measure_similarity(question_text, result, candidates)
        top_similarity = max((hit.dense_similarity or 0.0) for hit in result.hits)
        scored = sorted(
            candidates,
            key=lambda c: -self._model.probability(c.evidence(top_similarity)),
        )
        best = scored[0]
        confidence = self._model.probability(best.evidence(top_similarity))
        if confidence < self._model.threshold:
            return self._abstain(question_text, result, confidence)
        chosen = self._with_companions(question, best, scored, top_similarity, confidence)
        return _compose(question_text, chosen, result, confidence)

    def evidence_of_candidates(
        self, question_text: str, result: SearchResult
    ) -> list[tuple[str, Evidence]]:
        """Every candidate sentence with its signals, for calibrating the answerability model."""
        question = Question.parse(question_text)
        candidates = self._candidates(question, result.hits[: self.settings.hits_considered])
        if not candidates:
            return []
        self._measure_similarity(question_text, result, candidates)
        top_similarity = max((hit.dense_similarity or 0.0) for hit in result.hits)
        return [(c.text, c.evidence(top_similarity)) for c in candidates]

    def _candidates(self, question: Question, hits: Sequence[Hit]) -> list[_Candidate]:
        weights = self._idf(question.terms + question.key_terms)
        total = sum(weights[term] for term in question.terms) or 1.0
        key_weights = {term: weights[term] for term in question.key_terms}
        key_total = sum(key_weights.values())
        candidates = []
        for rank, hit in enumerate(hits):
            chunk_terms = set(terms(f"{hit.title}\n{hit.text}"))
            chunk_coverage = sum(w for t, w in weights.items() if t in chunk_terms) / total
            key_coverage = (
                sum(w for term, w in key_weights.items() if term in chunk_terms) / key_total
                if key_total
                else 1.0
            )
            for position, sentence in enumerate(split_sentences(hit.text)):
                if not _says_something(sentence.text):
                    continue
                sentence_terms = frozenset(terms(sentence.text))
                candidates.append(
                    _Candidate(
                        hit_rank=rank,
                        hit=hit,
                        text=sentence.text,
                        position=position,
                        coverage=sum(weights[t] for t in set(question.terms) & sentence_terms)
                        / total,
                        chunk_coverage=chunk_coverage,
                        key_coverage=key_coverage,
                        types=question.types_answered_by(sentence.text),
                        terms=sentence_terms,
                        answers_primary=question.answers_primary(sentence.text),
                    )
                )
        candidates.sort(key=lambda c: -c.prefilter_score)
        return candidates[: self.settings.sentences_embedded]

    def _measure_similarity(
        self, question: str, result: SearchResult, candidates: list[_Candidate]
    ) -> None:
        limit = self.settings.embedded_sentence_chars
        vectors = self._embedder.embed_documents([c.text[:limit] for c in candidates])
        query = (
            result.query_vector
            if result.query_vector is not None
            else self._embedder.embed_query(question)
        )
        for candidate, similarity in zip(candidates, vectors @ query, strict=True):
            candidate.similarity = float(np.clip(similarity, -1.0, 1.0))

    def _with_companions(
        self,
        question: Question,
        best: _Candidate,
        scored: list[_Candidate],
        top_similarity: float,
        confidence: float,
    ) -> list[_Candidate]:
        """Add sentences that answer what the best one leaves open, or say more about it."""
        chosen = [best]
        answered = set(best.types)
        covered = set(best.terms)
        length = len(best.text)
        for candidate in scored[1:]:
            if len(chosen) >= self.settings.max_sentences:
                break
            probability = self._model.probability(candidate.evidence(top_similarity))
            fills_a_part = bool(candidate.types - answered) and len(question.answer_types) > 1
            margin = (
                self.settings.missing_part_margin
                if fills_a_part
                else self.settings.companion_margin
            )
            if probability < confidence - margin:
                continue
            adds_terms = bool((candidate.terms & set(question.terms)) - covered)
            too_long = length + len(candidate.text) > self.settings.max_answer_chars
            if too_long or _repeats(candidate, chosen) or not (fills_a_part or adds_terms):
                continue
            chosen.append(candidate)
            answered |= candidate.types
            covered |= candidate.terms
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


def _says_something(sentence: str) -> bool:
    """Not a bare link, page furniture or a field with no value worth quoting."""
    words = [word for word in URL.sub(" ", sentence).split() if any(c.isalpha() for c in word)]
    return len(words) >= MIN_WORDS and not sentence.lower().startswith(FURNITURE)


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
