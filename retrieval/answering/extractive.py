"""The default answerer, no LLM needed: the sentences of the retrieved chunks that best answer
the question, each cited, in document order; or an abstention with the closest documents.

The steps: split the question into its parts (:mod:`.questions`); widen the retrieved chunks to
whole sentences and, for a part none of them answers, read the first document's next chunks
(:mod:`.whole_sentences`); take every sentence as a candidate with lexical signals
(:mod:`.candidates`); compare the most promising ones with the question in meaning; score each
with the answerability model (:mod:`.answerability`); abstain if even the best is unlikely to
answer, else choose the sentences that cover the question's parts (:mod:`.selection`) and cite
them, the parts in the order asked, saying which part nothing answers. A table row answers with
the fields asked for (:mod:`.records`); a sentence leading into a list, with the list's items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from retrieval.answering import texts
from retrieval.answering.answerability import AnswerabilityModel, Evidence
from retrieval.answering.candidates import (
    Candidate,
    IdfLookup,
    candidates,
    may_decide,
    term_weights,
)
from retrieval.answering.matching import unmarked
from retrieval.answering.model import Answer, Citation
from retrieval.answering.names_in_documents import names_beyond_hits
from retrieval.answering.pending import documents_awaiting_sentence
from retrieval.answering.preferred import preferred
from retrieval.answering.questions import Question
from retrieval.answering.records import asked_fields
from retrieval.answering.sections import heads_a_cited_section
from retrieval.answering.selection import SelectionSettings, select
from retrieval.answering.sentences import split_sentences
from retrieval.answering.truecase import truecased
from retrieval.answering.whole_sentences import (
    chunks_for_missing_parts,
    closing_chunk,
    list_items_after,
    list_lead_ins,
    whole_sentence_hits,
)
from retrieval.document_text import DocumentText
from retrieval.embeddings import Embedder
from retrieval.search import Hit, SearchResult


@dataclass(frozen=True)
class ExtractiveSettings:
    hits_considered: int = 12
    sentences_embedded: int = 16
    """The most promising sentences overall that are compared with the question in meaning…"""
    sentences_embedded_per_part: int = 2
    """…and, besides them, the most promising sentences answering each part of the question."""
    embedded_sentence_chars: int = 400
    leading_with_next_sentence: int = 3
    """The most probable sentences whose next sentence is compared as well (where it was not
    yet): an answer often goes on there ("Counterfeit packs weigh 2.1 kg each. Genuine ones
    weigh 3.4 kg.")."""
    selection: SelectionSettings = field(default_factory=SelectionSettings)
    closest_documents: int = 3
    evidence_per_part: int = 2
    """Sentences handed to a language model as the evidence for each part of the question."""


@dataclass(frozen=True)
class PartEvidence:
    """One part of the question in its own words, and the sentences that best answer it."""

    asks: str
    sentences: list[Candidate]


YES_OR_NO_THRESHOLD_SHARE = 0.75
"""How much of the threshold a question of one yes-or-no part needs. The passage about what it
asks is its answer, yes or no, though no sentence in it holds a kind of thing asked for (a
name, a date, an amount) that would make it as probable: "Does the claim require that the
holder sell similar goods?" is answered by "… without regard to the goods or services of the
parties"."""


def abstention_threshold(question: Question, threshold: float) -> float:
    """The confidence below which the answerer abstains on ``question``."""
    if len(question.aspects) == 1 and question.asks_yes_or_no(0):
        return threshold * YES_OR_NO_THRESHOLD_SHARE
    return threshold


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        idf: IdfLookup,
        model: AnswerabilityModel,
        settings: ExtractiveSettings | None = None,
        document_text: DocumentText | None = None,
    ) -> None:
        self._embedder = embedder
        self._idf = idf
        self._model = model
        self.settings = settings or ExtractiveSettings()
        self._document_text = document_text

    def read(self, question: Question, result: SearchResult) -> SearchResult:
        """The hits that are read: the first few, each widened to whole sentences at its edges,
        any chunk next to the first document's hits that answers a part they leave open, and
        for how a case ended, the first document's last chunk."""
        considered = whole_sentence_hits(
            result.hits[: self.settings.hits_considered], self._document_text
        )
        extra = chunks_for_missing_parts(question, considered, self._document_text)
        extra += closing_chunk(question, considered + extra, self._document_text)
        return replace(result, hits=considered + whole_sentence_hits(extra, self._document_text))

    def answer(self, question_text: str, result: SearchResult) -> Answer:
        question_text = self._truecased(question_text, result)
        question = Question.parse(question_text)
        result = self.read(question, result)
        weights = term_weights(question, self._idf)
        ranked = preferred(
            question_text,
            self._scored(question, weights, result),
            result.hits,
            self._model.threshold,
            lambda candidate: may_decide(question, candidate),
        )
        if not ranked:
            return self._abstain(question_text, result, confidence=0.0)
        confidence = max((c.probability for c in ranked if may_decide(question, c)), default=0.0)
        if confidence < abstention_threshold(question, self._model.threshold):
            return self._abstain(question_text, result, confidence)
        chosen = _cited_heading_last(
            question_text,
            self._with_list_items(select(question, ranked, weights, self.settings.selection)),
        )
        return _compose(question, chosen, result, confidence)

    def evidence_by_part(
        self, question_text: str, result: SearchResult
    ) -> tuple[SearchResult, list[PartEvidence]]:
        """The hits widened to whole sentences, and for each part of the question the
        sentences among them that answer it best (none where nothing does)."""
        question = Question.parse(self._truecased(question_text, result))
        result = self.read(question, result)
        ranked = self._scored(question, term_weights(question, self._idf), result)
        evidence = []
        for asks in dict.fromkeys(aspect.asks for aspect in question.aspects):
            parts = {i for i, aspect in enumerate(question.aspects) if aspect.asks == asks}
            answering = [c for c in ranked if c.parts & parts and not c.boilerplate]
            answering.sort(key=lambda c: -max(c.part_probability + c.fit_for(p) for p in parts))
            evidence.append(PartEvidence(asks, answering[: self.settings.evidence_per_part]))
        return result, evidence

    def evidence_of_candidates(
        self, question_text: str, result: SearchResult
    ) -> list[tuple[str, Evidence, bool]]:
        """Every candidate sentence with its signals, for calibrating the answerability model,
        and whether it may decide that the question is answered (:func:`may_decide`)."""
        question = Question.parse(self._truecased(question_text, result))
        result = self.read(question, result)
        weights = term_weights(question, self._idf)
        return [
            (candidate.text, candidate.evidence(), may_decide(question, candidate))
            for candidate in self._compared(question, weights, result)
        ]

    def _truecased(self, question_text: str, result: SearchResult) -> str:
        considered = result.hits[: self.settings.hits_considered]
        return truecased(question_text, (hit.text for hit in considered))

    def _scored(
        self, question: Question, weights: dict[str, float], result: SearchResult
    ) -> list[Candidate]:
        """The compared candidates with their probability of answering, most probable first."""
        found: list[Candidate] = []
        compared = self._compared(question, weights, result, found)
        self._score(compared)
        leading = sorted(compared, key=lambda c: -c.probability)
        following = [
            candidate
            for candidate in _following(found, leading[: self.settings.leading_with_next_sentence])
            if not any(candidate is other for other in compared)
        ]
        if following:
            self._measure_similarity(question.text, result, following)
            self._score(following)
        return sorted(compared + following, key=lambda candidate: -candidate.probability)

    def _score(self, compared: list[Candidate]) -> None:
        for candidate in compared:
            candidate.probability = self._model.probability(candidate.evidence())
            candidate.part_probability = self._model.probability(
                candidate.evidence(as_answering_a_part=True)
            )

    def _compared(
        self,
        question: Question,
        weights: dict[str, float],
        result: SearchResult,
        found: list[Candidate] | None = None,
    ) -> list[Candidate]:
        """The most promising candidates, their similarity to the question measured.
        ``found``, if given, receives all the candidates."""
        found = found if found is not None else []
        named_elsewhere = names_beyond_hits(question, result.hits, self._document_text)
        lead_ins = list_lead_ins(result.hits, self._document_text)
        awaiting = documents_awaiting_sentence(question, result.hits, self._document_text)
        found.extend(
            candidates(question, result.hits, weights, named_elsewhere, lead_ins, awaiting)
        )
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
        read_with = [c for c in chosen if c.read_with]
        texts = [c.text[:limit] for c in chosen] + [
            f"{c.read_with} {c.text}"[:limit] for c in read_with
        ]
        vectors = self._embedder.embed_documents(texts)
        query = (
            result.query_vector
            if result.query_vector is not None
            else self._embedder.embed_query(question)
        )
        similarities = vectors @ query
        for candidate, similarity in zip(chosen, similarities[: len(chosen)], strict=True):
            candidate.similarity = float(np.clip(similarity, -1.0, 1.0))
        # An item of a list, or a place told of by the next sentence, is as close to the
        # question as the two read together, if that is closer.
        for candidate, together in zip(read_with, similarities[len(chosen) :], strict=True):
            candidate.similarity = max(candidate.similarity, float(np.clip(together, -1.0, 1.0)))

    def _with_list_items(self, chosen: list[Candidate]) -> list[Candidate]:
        """The chosen sentences, each leading into a list followed by the list's items: what
        the lead-in says is said by them."""
        leads = [(c.document_id, c.offset, c.text) for c in chosen]
        items = list_items_after(leads, self._document_text)
        if not items:
            return chosen
        said = {_one_line(c.text) for c in chosen}
        with_items = []
        for candidate in chosen:
            with_items.append(candidate)
            for item in items.get((candidate.document_id, candidate.offset), []):
                if _one_line(item) not in said:
                    said.add(_one_line(item))
                    with_items.append(replace(candidate, text=item, row=False, read_with=""))
        return with_items

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


def _cited_heading_last(question: str, chosen: list[Candidate]) -> list[Candidate]:
    """The chosen sentences with the heading of the section the question cites after the
    others: it is as close to the question as a sentence gets and leads an answer with what
    the question already names, though its title may list what is asked ("§ 2318.
    Trafficking in counterfeit labels, illicit labels, or counterfeit documentation")."""
    heading = [c for c in chosen if heads_a_cited_section(question, c.text)]
    return [c for c in chosen if not any(c is h for h in heading)] + heading


def _following(found: list[Candidate], leading: list[Candidate]) -> list[Candidate]:
    """The sentence right after each of ``leading`` in its chunk, where it is a candidate."""
    places = {(c.hit.chunk_id, c.position): c for c in found}
    return [
        following
        for c in leading
        if (following := places.get((c.hit.chunk_id, c.position + 1))) is not None
    ]


def _compose(
    question: Question, chosen: list[Candidate], result: SearchResult, confidence: float
) -> Answer:
    """Each chosen sentence cited, the parts of the question in the order it asks them; then
    which parts the sentences leave unanswered, if any."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    statements = []
    for candidate in _in_part_order(question, chosen):
        key = candidate.hit.chunk_id
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            citations.append(Citation.from_hit(numbers[key], candidate.hit, candidate.text))
        statements.append(f"{_statement(question, candidate)} [{numbers[key]}]")
    unanswered = _unanswered_parts(question, chosen)
    if unanswered:
        statements.append(texts.PARTS_NOT_ANSWERED.format(parts="; ".join(unanswered)))
    return Answer(
        question=question.text,
        text=" ".join(statements),
        abstained=False,
        citations=citations,
        withheld=result.withheld,
        confidence=confidence,
        answerer=ExtractiveAnswerer.name,
        unanswered=tuple(unanswered),
    )


def _in_part_order(question: Question, chosen: list[Candidate]) -> list[Candidate]:
    """For a question of several parts, what answers its first part first (the chosen are in
    reading order, which the sort keeps among the answers to one part)."""
    if len(question.aspects) < 2:
        return chosen
    last = len(question.aspects)
    return sorted(chosen, key=lambda candidate: min(candidate.parts, default=last))


def _unanswered_parts(question: Question, chosen: list[Candidate]) -> list[str]:
    """The words of each part of a several-part question that no chosen sentence answers."""
    asked = list(dict.fromkeys(aspect.asks for aspect in question.aspects))
    if len(asked) < 2:
        return []
    answered = {question.aspects[part].asks for c in chosen for part in c.parts}
    return [words for words in asked if words not in answered]


def _statement(question: Question, candidate: Candidate) -> str:
    """What the answer says for a sentence: a table row's asked-for fields only, a line
    without its markdown markers, on one line."""
    text = (asked_fields(question, candidate.text) if candidate.row else None) or candidate.text
    return _one_line(unmarked(text))


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
