"""Question → retrieve → answer → validated answer, as a LangChain runnable pipeline.

With an LLM configured, the answer step is the LLM answerer with the extractive answerer as its
fallback: a failure, a timeout or an unusable reply still gets the user an answer, with a note
saying so. The last step checks every citation against the viewer once more.
"""

from __future__ import annotations

import concurrent.futures
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from casework.access import Viewer
from retrieval.answering import texts
from retrieval.answering.extractive import ExtractiveAnswerer
from retrieval.answering.llm import LlmAnswerer
from retrieval.answering.model import Answer
from retrieval.answering.prompts import load_prompt
from retrieval.filters import SearchFilters
from retrieval.search import HybridSearcher, SearchResult


class CitationLeakError(RuntimeError):
    """An answer cited material its viewer may not see: a defect, never shown."""


STATE = "state"
ERROR = "error"
Step = dict[str, Any]
"""What flows between the steps: the state, and the LLM's error in the fallback."""


@dataclass(frozen=True)
class _State:
    question: str
    viewer: Viewer
    filters: SearchFilters
    result: SearchResult | None = None
    answer: Answer | None = None


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
        self._llm = LlmAnswerer(llm, load_prompt("answer")) if llm is not None else None
        self._llm_timeout = llm_timeout_seconds
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm")
        self.chain = self._build_chain()

    def ask(self, question: str, viewer: Viewer, filters: SearchFilters | None = None) -> Answer:
        state = _State(question=question, viewer=viewer, filters=filters or SearchFilters())
        final: Step = self.chain.invoke({STATE: state})
        answer: Answer | None = final[STATE].answer
        assert answer is not None
        return answer

    def _build_chain(self) -> Runnable[Step, Step]:
        answer: Runnable[Step, Step] = RunnableLambda(self._answer_extractively)
        if self._llm is not None:
            answer = RunnableLambda(self._answer_with_llm).with_fallbacks(
                [RunnableLambda(self._answer_after_llm_failure)], exception_key=ERROR
            )
        return RunnableLambda(self._retrieve) | answer | RunnableLambda(self._validate)

    def _retrieve(self, step: Step) -> Step:
        state: _State = step[STATE]
        result = self._searcher.search(state.question, state.viewer, state.filters)
        return {STATE: replace(state, result=result)}

    def _answer_extractively(self, step: Step) -> Step:
        state: _State = step[STATE]
        assert state.result is not None
        return {STATE: replace(state, answer=self._extractive.answer(state.question, state.result))}

    def _answer_with_llm(self, step: Step) -> Step:
        state: _State = step[STATE]
        assert state.result is not None and self._llm is not None
        future = self._pool.submit(self._llm.answer, state.question, state.result)
        answer = future.result(timeout=self._llm_timeout)
        if answer is None:
            answer = replace(
                self._extractive.answer(state.question, state.result),
                text=texts.NO_EVIDENCE,
                abstained=True,
            )
        return {STATE: replace(state, answer=answer)}

    def _answer_after_llm_failure(self, step: Step) -> Step:
        answered: _State = self._answer_extractively(step)[STATE]
        assert answered.answer is not None
        note = texts.LLM_FAILED.format(reason=_describe(step.get(ERROR)))
        return {STATE: replace(answered, answer=replace(answered.answer, note=note))}

    def _validate(self, step: Step) -> Step:
        state: _State = step[STATE]
        assert state.answer is not None
        for citation in state.answer.citations:
            if not state.viewer.can_see(citation.case_id, citation.marking):
                raise CitationLeakError(f"citation {citation.n} is outside the viewer's scope")
        return step


def _describe(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, concurrent.futures.TimeoutError | TimeoutError):
        return "it timed out"
    return f"{type(error).__name__}: {error}"
