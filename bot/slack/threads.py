"""Threads Casebot has answered in, so follow-ups there need no mention.

A follow-up is answered with the thread as context, kept simple: when the follow-up alone finds
no answer, the question that started the thread is put in front of it ("how many routers were
seized?" then "in which month?" searches for both). Only the first question is used, not the
whole conversation. Casebot remembers the threads it answered (a bounded,
least-recently-used map); a thread it does not remember — answered by another replica, or
before a restart — is looked up with ``conversations.replies``, and counts as Casebot's when the
bot has posted in it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Final

from slack_sdk import WebClient

from bot.slack.mrkdwn import unescape, without_mention

REMEMBERED_THREADS: Final = 10_000
REPLIES_LOOKED_AT: Final = 100

ThreadKey = tuple[str, str]
"""(channel id, thread ts)"""


class ThreadMemory:
    def __init__(self, capacity: int = REMEMBERED_THREADS) -> None:
        self._capacity = capacity
        self._questions: OrderedDict[ThreadKey, str] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, channel_id: str, thread_ts: str, first_question: str) -> None:
        """Keep the thread's first question (a thread already known keeps the one it has)."""
        key = (channel_id, thread_ts)
        with self._lock:
            self._questions.setdefault(key, first_question)
            self._questions.move_to_end(key)
            while len(self._questions) > self._capacity:
                self._questions.popitem(last=False)

    def recall(self, channel_id: str, thread_ts: str) -> str | None:
        key = (channel_id, thread_ts)
        with self._lock:
            question = self._questions.get(key)
            if question is not None:
                self._questions.move_to_end(key)
            return question


def first_question_of_bot_thread(
    client: WebClient,
    memory: ThreadMemory,
    channel_id: str,
    thread_ts: str,
    bot_user_id: str,
) -> str | None:
    """The question that started the thread if Casebot answered in it ("" when the thread
    starts with Casebot's own message); None if Casebot did not answer in it."""
    remembered = memory.recall(channel_id, thread_ts)
    if remembered is not None:
        return remembered
    replies = client.conversations_replies(
        channel=channel_id, ts=thread_ts, limit=REPLIES_LOOKED_AT
    )
    messages: list[dict[str, Any]] = replies.get("messages") or []
    if not messages or not any(message.get("user") == bot_user_id for message in messages):
        return None
    first = messages[0]
    text = "" if first.get("user") == bot_user_id else str(first.get("text", ""))
    question = without_mention(unescape(text), bot_user_id)
    memory.remember(channel_id, thread_ts, question)
    return question
