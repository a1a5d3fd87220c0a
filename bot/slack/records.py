"""The audit records of a question asked in Slack: the question, the access decision (what the
asker could see there, what was withheld, who saw the answer) and the answer (the cited
documents), each with user and channel."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.slack.question import Question
from casework.access import Viewer
from casework.audit import ACCESS_DECISION, ANSWER, QUESTION, AuditLog
from retrieval.answering.model import Answer


class Visibility(StrEnum):
    THREAD = "thread"
    """Posted in the channel's thread: everyone in the channel sees it."""
    CHANNEL = "channel"
    EPHEMERAL = "ephemeral"
    """Shown to the asker only."""
    DIRECT_MESSAGE = "direct_message"


def record_question(audit: AuditLog, question: Question) -> int:
    details: dict[str, Any] = {"question": question.text, "surface": str(question.surface)}
    if question.thread_ts:
        details["thread_ts"] = question.thread_ts
    if question.context:
        details["thread_question"] = question.context
    if question.event_id:
        details["event_id"] = question.event_id
    return audit.record(QUESTION, question.user_id, question.channel_id, details).id


def record_answer(
    audit: AuditLog,
    question: Question,
    question_audit_id: int,
    viewer: Viewer,
    answer: Answer,
    visibility: Visibility,
) -> None:
    """The access decision and the answer, in one transaction."""
    access = {
        "question_audit_id": question_audit_id,
        "viewer": viewer.label,
        "les_cases": sorted(viewer.les_cases),
        "sixe_cases": sorted(viewer.sixe_cases),
        "withheld": [
            {"case_id": group.case_id, "documents": group.documents} for group in answer.withheld
        ],
        "visibility": str(visibility),
    }
    outcome = {
        "question_audit_id": question_audit_id,
        "document_ids": sorted({citation.document_id for citation in answer.citations}),
        "abstained": answer.abstained,
        "answerer": answer.answerer,
        "confidence": round(answer.confidence, 3),
    }
    with audit.appending() as chain:
        chain.record(ACCESS_DECISION, question.user_id, question.channel_id, access)
        chain.record(ANSWER, question.user_id, question.channel_id, outcome)


def record_failure(
    audit: AuditLog, question: Question, question_audit_id: int, error: BaseException
) -> None:
    details = {"question_audit_id": question_audit_id, "failed": type(error).__name__}
    audit.record(ANSWER, question.user_id, question.channel_id, details)
