"""A question as it arrived from Slack: who asked, where, and how."""

from __future__ import annotations

from dataclasses import dataclass

from casework.usecases.asking import QuestionRequest
from casework.usecases.requester import Requester, Surface


@dataclass(frozen=True)
class Question:
    text: str
    """What the user typed, mention removed, Slack's escaping undone."""
    user_id: str
    channel_id: str
    surface: Surface
    thread_ts: str | None = None
    """The thread to answer in (None: the channel itself)."""
    context: str | None = None
    """The question that started the thread, for a follow-up."""
    response_url: str | None = None
    event_id: str | None = None

    @property
    def requester(self) -> Requester:
        return Requester.in_slack(self.user_id, self.channel_id, self.surface)

    @property
    def request(self) -> QuestionRequest:
        return QuestionRequest(
            text=self.text,
            requester=self.requester,
            thread_ts=self.thread_ts,
            thread_question=self.context,
            event_id=self.event_id,
        )
