"""Asking a question, from any edge: resolve what the requester may see, audit the question,
answer (retrying a thread follow-up with the thread's first question), audit the access decision
and the answer, and decide where the answer may be shown.

Audit records, per question: ``question`` (what was asked, how and where), then, in one
transaction, ``access_decision`` (what the requester could see there, what was withheld, who
sees the answer) and ``answer`` (the cited documents). When answering fails, an ``answer``
record names the failure and the error goes back to the edge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from casework.access import Viewer
from casework.audit import ACCESS_DECISION, ANSWER, QUESTION, AuditLog
from casework.markings import Marking
from casework.usecases.need_to_know import NeedToKnow, WithheldGroup, WithheldNotice
from casework.usecases.requester import Place, Requester, Surface
from casework.usecases.visibility import Visibility
from retrieval.answering.model import Answer
from retrieval.filters import SearchFilters

log = logging.getLogger(__name__)

AnswerFunction = Callable[[str, Viewer, SearchFilters | None], Answer]
""":meth:`retrieval.answering.service.AnswerService.ask`."""


@dataclass(frozen=True)
class QuestionRequest:
    text: str
    requester: Requester
    thread_ts: str | None = None
    thread_question: str | None = None
    """For a follow-up in a thread: the question that started the thread."""
    event_id: str | None = None
    filters: SearchFilters | None = None

    @property
    def with_thread_question(self) -> str:
        """The follow-up read after the thread's first question ("in which month?" after "how
        many routers were seized?")."""
        if not self.thread_question or self.thread_question == self.text:
            return self.text
        return f"{self.thread_question}\n{self.text}"


@dataclass(frozen=True)
class AskOutcome:
    question_audit_id: int
    answer: Answer
    visibility: Visibility
    withheld: tuple[WithheldNotice, ...]


class Asking:
    def __init__(self, answer: AnswerFunction, need_to_know: NeedToKnow, audit: AuditLog) -> None:
        self._answer = answer
        self._need_to_know = need_to_know
        self._audit = audit

    def ask(self, request: QuestionRequest) -> AskOutcome:
        question_audit_id = self._record_question(request)
        viewer = self._need_to_know.viewer_for(request.requester)
        try:
            answer = self._answer_following_thread(request, viewer)
            visibility = visibility_of(request.requester, answer)
            self._record_answer(request, question_audit_id, viewer, answer, visibility)
        except Exception as error:
            self._record_failure_quietly(request, question_audit_id, error)
            raise
        withheld = self._need_to_know.notices(answer.withheld)
        return AskOutcome(question_audit_id, answer, visibility, withheld)

    def _answer_following_thread(self, request: QuestionRequest, viewer: Viewer) -> Answer:
        """A follow-up is asked alone first; if that finds no answer, with the thread's first
        question in front of it."""
        answer = self._answer(request.text, viewer, request.filters)
        if answer.abstained and request.thread_question:
            return self._answer(request.with_thread_question, viewer, request.filters)
        return answer

    def _record_question(self, request: QuestionRequest) -> int:
        requester = request.requester
        details: dict[str, Any] = {"question": request.text, "surface": str(requester.surface)}
        if requester.case_id:
            details["case_id"] = requester.case_id
        if request.thread_ts:
            details["thread_ts"] = request.thread_ts
        if request.thread_question:
            details["thread_question"] = request.thread_question
        if request.event_id:
            details["event_id"] = request.event_id
        entry = self._audit.record(QUESTION, requester.user_id, requester.channel_id, details)
        return entry.id

    def _record_answer(
        self,
        request: QuestionRequest,
        question_audit_id: int,
        viewer: Viewer,
        answer: Answer,
        visibility: Visibility,
    ) -> None:
        requester = request.requester
        access = access_details(question_audit_id, viewer, answer.withheld, visibility)
        outcome = {
            "question_audit_id": question_audit_id,
            "document_ids": sorted({citation.document_id for citation in answer.citations}),
            "abstained": answer.abstained,
            "answerer": answer.answerer,
            "confidence": round(answer.confidence, 3),
        }
        with self._audit.appending() as chain:
            chain.record(ACCESS_DECISION, requester.user_id, requester.channel_id, access)
            chain.record(ANSWER, requester.user_id, requester.channel_id, outcome)

    def _record_failure_quietly(
        self, request: QuestionRequest, question_audit_id: int, error: BaseException
    ) -> None:
        requester = request.requester
        details = {"question_audit_id": question_audit_id, "failed": type(error).__name__}
        try:
            self._audit.record(ANSWER, requester.user_id, requester.channel_id, details)
        except Exception:
            log.exception("could not record the failure of question %s", question_audit_id)


def visibility_of(requester: Requester, answer: Answer) -> Visibility:
    """- the command line: the operator's terminal;
    - a direct message: the conversation, which only the requester reads;
    - ``/ask`` in a channel: the channel when everything cited is ``PUBLIC``, otherwise the
      requester alone;
    - a mention or a thread follow-up: the thread (the viewer already holds only what the
      channel may see).
    """
    if requester.place is Place.COMMAND_LINE:
        return Visibility.TERMINAL
    if requester.surface is Surface.ASK:
        if requester.in_direct_message or not only_public(answer):
            return Visibility.EPHEMERAL
        return Visibility.CHANNEL
    if requester.in_direct_message:
        return Visibility.DIRECT_MESSAGE
    return Visibility.THREAD


def only_public(answer: Answer) -> bool:
    return all(citation.marking == Marking.PUBLIC for citation in answer.citations)


def access_details(
    question_audit_id: int,
    viewer: Viewer,
    withheld: Iterable[WithheldGroup],
    visibility: Visibility,
) -> dict[str, Any]:
    return {
        "question_audit_id": question_audit_id,
        "viewer": viewer.label,
        "les_cases": sorted(viewer.les_cases),
        "sixe_cases": sorted(viewer.sixe_cases),
        "every_case": viewer.every_case,
        "withheld": [
            {"case_id": group.case_id, "documents": group.documents} for group in withheld
        ],
        "visibility": str(visibility),
    }
