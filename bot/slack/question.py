"""A question as it arrived from Slack: who asked, where, and how."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.slack.threads import with_context


class Surface(StrEnum):
    MENTION = "mention"
    THREAD = "thread_follow_up"
    DM = "direct_message"
    ASK = "slash_ask"


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
    def for_retrieval(self) -> str:
        return with_context(self.context, self.text)

    @property
    def in_direct_message(self) -> bool:
        return self.channel_id.startswith("D")
