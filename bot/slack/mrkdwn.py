"""Slack's control characters, and cutting text to Slack's limits without breaking them.

Slack reads ``<…>`` as mentions, channel links and URLs (``<!channel>``, ``<@U123>``,
``<https://x|label>``) and ``&`` as the start of an entity, in every text field. User and
document text is passed through :func:`escape` before it is placed in a message, so it shows
literally and can ping no one; :func:`unescape` undoes what Slack did to a user's message text.
"""

from __future__ import annotations

import re
from typing import Final

_ESCAPES: Final = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
SAFE_ID = re.compile(r"^[A-Z0-9]{2,32}$")


def escape(text: str) -> str:
    for character, entity in _ESCAPES:
        text = text.replace(character, entity)
    return text


def unescape(text: str) -> str:
    for character, entity in reversed(_ESCAPES):
        text = text.replace(entity, character)
    return text


def cut(text: str, limit: int, note: str) -> str:
    """``text`` (already escaped) if it fits in ``limit`` characters; otherwise its beginning
    and ``note``, together at most ``limit`` characters, never ending inside an entity."""
    if len(text) <= limit:
        return text
    head = text[: max(limit - len(note), 0)]
    return _PARTIAL_ENTITY.sub("", head) + note


def user_ids(text: str) -> list[str]:
    """The users @-mentioned in a message's text, in order."""
    return _USER_MENTION.findall(text)


def without_mention(text: str, user_id: str) -> str:
    """The message text with every mention of ``user_id`` removed, tidied."""
    stripped = re.sub(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>", " ", text)
    return " ".join(stripped.split())


def is_safe_id(value: str) -> bool:
    """A Slack id (C…, U…) that can be placed inside ``<#…>`` or ``<@…>`` as it is."""
    return bool(SAFE_ID.match(value))
