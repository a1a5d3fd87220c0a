"""Answers as Block Kit, within Slack's limits, with user and document text escaped.

Layout of an answer message: who asked (``/ask`` in a channel only), the answer, a note, the
sources (a section with title, page, kind, marking and link, then a context block with the
quote), what was withheld, and the 👍/👎 and "Refer to a partner" buttons, whose value is the
audit id of the question.

Limits (https://api.slack.com/reference/block-kit): a section's text holds 3,000 characters, a
message 50 blocks. A longer answer or quote is cut with a note saying so; sources beyond the
block budget are left out with a note saying how many.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from bot.slack import texts
from bot.slack.mrkdwn import cut, escape, is_safe_id
from casework.usecases.need_to_know import WithheldNotice
from retrieval.answering.model import Answer, Citation

SECTION_TEXT_LIMIT: Final = 3000
BLOCK_LIMIT: Final = 50
QUOTE_LIMIT: Final = 1000
TITLE_LIMIT: Final = 200
FALLBACK_LIMIT: Final = 3000

FEEDBACK_UP_ACTION: Final = "casebot_feedback_up"
FEEDBACK_DOWN_ACTION: Final = "casebot_feedback_down"
REFER_ACTION: Final = "casebot_refer"

Block = dict[str, Any]


@dataclass(frozen=True)
class Message:
    """What to send: ``text`` is the notification and fallback text, ``blocks`` the layout."""

    text: str
    blocks: list[Block]


def answer_message(
    answer: Answer,
    question_audit_id: int | None,
    withheld: Sequence[WithheldNotice] = (),
    asked_by: tuple[str, str] | None = None,
) -> Message:
    """The message for an answer. ``asked_by`` is (user id, question) to show who asked."""
    head = _head_blocks(answer, asked_by)
    tail = _tail_blocks(withheld, question_audit_id)
    budget = BLOCK_LIMIT - len(head) - len(tail)
    sources = _source_blocks(answer, budget)
    return Message(text=fallback_text(answer.text), blocks=[*head, *sources, *tail])


def fallback_text(text: str) -> str:
    return cut(escape(text), FALLBACK_LIMIT, texts.TRUNCATED.format(limit=FALLBACK_LIMIT))


def section(text: str) -> Block:
    """A section of already-escaped mrkdwn, cut to Slack's limit."""
    note = texts.TRUNCATED.format(limit=SECTION_TEXT_LIMIT)
    return {"type": "section", "text": _mrkdwn(cut(text, SECTION_TEXT_LIMIT, note))}


def context(text: str) -> Block:
    note = texts.TRUNCATED.format(limit=SECTION_TEXT_LIMIT)
    return {"type": "context", "elements": [_mrkdwn(cut(text, SECTION_TEXT_LIMIT, note))]}


def withheld_line(group: WithheldNotice) -> str:
    case_id = escape(group.case_id)
    channels = [
        texts.CHANNEL_MENTION.format(channel_id=channel_id)
        for channel_id in group.channel_ids
        if is_safe_id(channel_id)
    ]
    if not channels:
        return texts.WITHHELD_NO_CHANNEL.format(documents=group.documents, case_id=case_id)
    return texts.WITHHELD_IN_CHANNEL.format(
        documents=group.documents,
        case_id=case_id,
        channels=texts.CHANNEL_SEPARATOR.join(channels),
    )


def _head_blocks(answer: Answer, asked_by: tuple[str, str] | None) -> list[Block]:
    blocks: list[Block] = []
    if asked_by is not None:
        user_id, question = asked_by
        blocks.append(context(texts.ASKED_BY.format(user_id=user_id, question=escape(question))))
    blocks.append(section(escape(answer.text)))
    if answer.note:
        blocks.append(context(texts.NOTE.format(note=escape(answer.note))))
    return blocks


def _tail_blocks(withheld: Sequence[WithheldNotice], question_audit_id: int | None) -> list[Block]:
    blocks: list[Block] = []
    if withheld:
        blocks.append(section("\n".join(withheld_line(group) for group in withheld)))
    if question_audit_id is not None:
        blocks.append(_buttons(question_audit_id))
    return blocks


def _source_blocks(answer: Answer, budget: int) -> list[Block]:
    """A heading, then a line and a quote per citation, in at most ``budget`` blocks."""
    if not answer.citations or budget < 3:
        return []
    heading = texts.CLOSEST_HEADING if answer.abstained else texts.SOURCES_HEADING
    shown = answer.citations
    left_out = 0
    if 1 + 2 * len(shown) > budget:
        fitting = (budget - 2) // 2  # the heading and the "left out" note take two blocks
        shown, left_out = shown[:fitting], len(shown) - fitting
    blocks: list[Block] = [section(heading)]
    for citation in shown:
        blocks.append(section(_source_line(citation)))
        blocks.append(context(_quote(citation)))
    if left_out:
        blocks.append(context(texts.SOURCES_LEFT_OUT.format(count=left_out, limit=BLOCK_LIMIT)))
    return blocks


def _source_line(citation: Citation) -> str:
    title = cut(escape(citation.title), TITLE_LIMIT, "…")
    url = _safe_url(citation.url)
    if url is not None:
        title = texts.SOURCE_LINK.format(url=url, title=title)
    return texts.SOURCE_LINE.format(
        n=citation.n,
        title=title,
        page=texts.SOURCE_PAGE.format(page=citation.page) if citation.page else "",
        kind=escape(citation.kind),
        marking=escape(citation.marking),
        case=texts.SOURCE_CASE.format(case_id=escape(citation.case_id)) if citation.case_id else "",
    )


def _quote(citation: Citation) -> str:
    note = texts.TRUNCATED.format(limit=QUOTE_LIMIT)
    return texts.QUOTE.format(quote=cut(escape(citation.quote), QUOTE_LIMIT, note))


def _safe_url(url: str | None) -> str | None:
    """An http(s) URL that cannot break out of ``<url|title>``, escaped; else None."""
    if not url or not url.startswith(("https://", "http://")):
        return None
    if any(character in url for character in "<>| \t\n") or len(url) > 2000:
        return None
    return escape(url)


def _buttons(question_audit_id: int) -> Block:
    value = str(question_audit_id)
    return {
        "type": "actions",
        "block_id": f"casebot_feedback_{value}",
        "elements": [
            button(FEEDBACK_UP_ACTION, texts.FEEDBACK_UP, value),
            button(FEEDBACK_DOWN_ACTION, texts.FEEDBACK_DOWN, value),
            button(REFER_ACTION, texts.REFER, value),
        ],
    }


def button(action_id: str, label: str, value: str) -> Block:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "value": value,
    }


def _mrkdwn(text: str) -> Block:
    """``verbatim``: Slack must not turn bare URLs or ``#channel`` names into links either."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}
