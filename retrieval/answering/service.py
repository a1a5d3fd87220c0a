"""Question → retrieve → answer → checked answer.

With an LLM configured, the LLM answerer answers and the extractive answerer stands in for it: a
failure, a timeout or an unusable reply still gets the user an answer, with a note saying so. The
last step checks every citation against the viewer once more.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from langchain_core.language_models import BaseChatModel

from casework.access import Viewer
from retrieval.answering import texts
from retrieval.answering.extractive import ExtractiveAnswerer
from retrieval.answering.llm import LlmAnswerer
from retrieval.answering.model import Answer
from retrieval.answering.prompts import load_prompt
from retrieval.errors import AnsweringError
from retrieval.filters import SearchFilters
from retrieval.search import HybridSearcher, SearchResult

LLM_WORKERS = 4
"""LLM calls in flight at once; a call past its timeout keeps its worker until it returns."""


class CitationLeakError(AnsweringError):
    """An answer cited material its viewer may not see: a defect, never shown."""


class AnswerServiceClosedError(AnsweringError):
    """The service was asked a question after :meth:`AnswerService.close`."""


class AnswerService:
    def __init__(
        self,
        searcher: HybridSearcher,
        extractive: ExtractiveAnswerer,
        llm: BaseChatModel | None = None,
        llm_timeout_seconds: float = 20.0,
    ) -> None:
        self._searcher = searcher
        self._extractive = extractive
        self._llm = LlmAnswerer(llm, load_prompt("answer"), extractive) if llm is not None else None
        self._llm_timeout = llm_timeout_seconds
        # The model is called on a worker so that a model that hangs cannot hold the asker past
        # the timeout, whatever its client enforces. Threads start on the first call only.
        self._llm_workers = ThreadPoolExecutor(LLM_WORKERS, thread_name_prefix="llm-answer")
        self._closed = False

    def ask(self, question: str, viewer: Viewer, filters: SearchFilters | None = None) -> Answer:
        if self._closed:
            raise AnswerServiceClosedError("the answer service is closed")
        result = self._searcher.search(question, viewer, filters or SearchFilters())
        answer = self._answer(question, result)
        check_citations(answer, viewer)
        return answer

    def close(self) -> None:
        """Stop the LLM workers. Calls still running are abandoned, not awaited: each worker
        ends when its call returns. Closing twice is harmless."""
        self._closed = True
        self._llm_workers.shutdown(wait=False, cancel_futures=True)

    def _answer(self, question: str, result: SearchResult) -> Answer:
        if self._llm is None:
            return self._extractive.answer(question, result)
        try:
            return self._answer_with_llm(self._llm, question, result)
        except Exception as error:  # whatever went wrong, the asker gets the extractive answer
            return self._answer_after_llm_failure(question, result, error)

    def _answer_with_llm(self, llm: LlmAnswerer, question: str, result: SearchResult) -> Answer:
        call = self._llm_workers.submit(llm.answer, question, result)
        try:
            answer = call.result(timeout=self._llm_timeout)
        except TimeoutError:
            call.cancel()  # not started yet (all workers busy): it never will be
            raise
        if answer is None:
            return self._abstention(question, result)
        return answer

    def _abstention(self, question: str, result: SearchResult) -> Answer:
        """The model found no answer in the sources: abstain, citing the closest ones."""
        closest = self._extractive.answer(question, result)
        return replace(closest, text=texts.NO_EVIDENCE, abstained=True)

    def _answer_after_llm_failure(
        self, question: str, result: SearchResult, error: Exception
    ) -> Answer:
        answer = self._extractive.answer(question, result)
        return replace(answer, note=texts.LLM_FAILED.format(reason=describe_failure(error)))


def check_citations(answer: Answer, viewer: Viewer) -> None:
    for citation in answer.citations:
        if not viewer.can_see(citation.case_id, citation.marking):
            raise CitationLeakError(f"citation {citation.n} is outside the viewer's scope")


def describe_failure(error: Exception) -> str:
    if isinstance(error, TimeoutError):
        return "it timed out"
    return f"{type(error).__name__}: {error}"
