"""``/lookup VALUE``: an entity card, shown to the asker only.

The ack says "Looking up…" at once; the lookup runs on the answers pool with the same
need-to-know as answers (a case's room: that case's notes and public material; a DM: the user's
cases; elsewhere: public material) and the card is posted ephemerally. Restricted mentions are
only counted, with the case room to ask in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from slack_bolt import Ack, App

from bot.lookups import count_text, grouped, kind_label
from bot.slack import replies, texts
from bot.slack.blocks import (
    BLOCK_LIMIT,
    QUOTE_LIMIT,
    TITLE_LIMIT,
    Block,
    Message,
    context,
    fallback_text,
    section,
)
from bot.slack.deps import Deps
from bot.slack.failures import new_reference
from bot.slack.mrkdwn import cut, escape, is_safe_id, unescape
from casework.entities.lookup import EntityCard, MentionView
from casework.usecases.need_to_know import WithheldNotice
from casework.usecases.requester import Requester, Surface

log = logging.getLogger(__name__)

Listener = Callable[..., None]
SHOWN_VALUE = 120
TAIL_BLOCKS = 4
"""Blocks kept for the "more", withheld and related lines."""


def register(app: App, deps: Deps) -> None:
    app.command("/lookup")(_lookup_listener(deps))


def _lookup_listener(deps: Deps) -> Listener:
    def on_lookup(ack: Ack, command: dict[str, Any]) -> None:
        value = unescape(str(command.get("text", ""))).strip()
        if not value:
            ack(text=texts.EMPTY_LOOKUP)
            return
        if not deps.pools.answers.submit(lambda: run_lookup(deps, command, value)):
            ack(text=texts.BUSY)
            return
        ack(text=texts.LOOKING_UP.format(value=cut(escape(value), SHOWN_VALUE, "…")))

    return on_lookup


def run_lookup(deps: Deps, command: dict[str, Any], value: str) -> None:
    user_id, channel_id = command["user_id"], command["channel_id"]
    response_url = command.get("response_url")
    try:
        requester = Requester.in_slack(user_id, channel_id, Surface.LOOKUP)
        outcome = deps.services.looking_up.look_up(value, requester)
        message = card_message(outcome.card, outcome.withheld)
        replies.post_to_asker(deps.client, channel_id, user_id, message, None, response_url)
    except Exception as error:
        reference = new_reference()
        log.error("lookup of %r failed (reference %s)", value, reference, exc_info=error)
        text = texts.LOOKUP_FAILED.format(
            value=cut(escape(value), SHOWN_VALUE, "…"),
            reason=type(error).__name__,
            reference=reference,
        )
        replies.tell(deps.client, channel_id, user_id, text, response_url=response_url)


def card_message(card: EntityCard, withheld: Sequence[WithheldNotice]) -> Message:
    head = _head_blocks(card)
    tail = _tail_blocks(card, withheld)
    body, shown = _mention_blocks(card, BLOCK_LIMIT - len(head) - len(tail) - 1)
    left_out = card.mention_total - shown
    if left_out > 0:
        more = count_text(left_out, card.counts_capped)
        tail.insert(0, context(texts.LOOKUP_MORE.format(more=more)))
    blocks = [*head, *body, *tail]
    return Message(text=fallback_text(_text(head[0])), blocks=blocks)


def _head_blocks(card: EntityCard) -> list[Block]:
    query = escape(card.query)
    if card.kind == "name":
        if not card.matches:
            return [section(texts.LOOKUP_NO_NAME.format(query=query))]
        lines = [texts.LOOKUP_NAME_HEADING.format(query=query)]
        lines.extend(
            texts.LOOKUP_NAME_MATCH.format(
                display=escape(match.display),
                kind=kind_label(match.kind),
                score=f"{match.score:.0f}",
                why=escape(match.why),
            )
            for match in card.matches
        )
        blocks = [section("\n".join(lines))]
    else:
        validity = texts.LOOKUP_VALID if card.valid else texts.LOOKUP_INVALID
        heading = texts.LOOKUP_HEADING.format(
            label=kind_label(card.kind).capitalize(),
            value=escape(card.normalized or ""),
            validity=validity,
        )
        blocks = [section(heading)]
        if card.alternatives:
            alternatives = ", ".join(kind_label(kind) for kind in card.alternatives)
            blocks.append(context(texts.LOOKUP_ALTERNATIVES.format(alternatives=alternatives)))
    if not card.found:
        blocks.append(section(texts.LOOKUP_NOT_FOUND.format(query=query)))
    elif card.mentions:
        seen = texts.LOOKUP_SEEN.format(
            documents=len({mention.document_id for mention in card.mentions}),
            first=card.first_seen,
            last=card.last_seen,
        )
        blocks.append(context(seen))
    return blocks


def _mention_blocks(card: EntityCard, budget: int) -> tuple[list[Block], int]:
    """A heading per group, then a line and a quote per mention, in at most ``budget`` blocks;
    also how many mentions that shows."""
    blocks: list[Block] = []
    shown = 0
    for heading, mentions in grouped(card.mentions):
        if len(blocks) + 3 > budget:
            break
        blocks.append(section(texts.LOOKUP_GROUP.format(heading=escape(heading))))
        for mention in mentions:
            if len(blocks) + 2 > budget:
                break
            blocks.append(section(_mention_line(mention)))
            shown += 1
            if mention.quote:
                quote = cut(escape(mention.quote), QUOTE_LIMIT, "…")
                blocks.append(context(texts.QUOTE.format(quote=quote)))
    return blocks, shown


def _mention_line(mention: MentionView) -> str:
    return texts.LOOKUP_MENTION.format(
        title=cut(escape(mention.title), TITLE_LIMIT, "…"),
        page=texts.SOURCE_PAGE.format(page=mention.page) if mention.page else "",
        kind=escape(mention.kind),
        marking=escape(mention.marking),
    )


def _tail_blocks(card: EntityCard, withheld: Sequence[WithheldNotice]) -> list[Block]:
    blocks: list[Block] = []
    if withheld:
        lines = [_withheld_line(group, card.counts_capped) for group in withheld]
        blocks.append(section("\n".join(lines)))
    if card.related:
        related = ", ".join(
            texts.LOOKUP_RELATED_ITEM.format(
                value=escape(item.value), kind=kind_label(item.kind), count=item.count
            )
            for item in card.related
        )
        blocks.append(context(texts.LOOKUP_RELATED.format(related=related)))
    return blocks


def _withheld_line(group: WithheldNotice, lower_bound: bool) -> str:
    channels = [
        texts.CHANNEL_MENTION.format(channel_id=channel_id)
        for channel_id in group.channel_ids
        if is_safe_id(channel_id)
    ]
    case_id = escape(group.case_id)
    documents = count_text(group.documents, lower_bound)
    if not channels:
        return texts.LOOKUP_WITHHELD_NO_CHANNEL.format(documents=documents, case_id=case_id)
    return texts.LOOKUP_WITHHELD_IN_CHANNEL.format(
        documents=documents,
        case_id=case_id,
        channels=texts.CHANNEL_SEPARATOR.join(channels),
    )


def _text(block: Block) -> str:
    text = block.get("text")
    if isinstance(text, dict):
        return str(text.get("text", ""))
    elements = block.get("elements") or [{}]
    return str(elements[0].get("text", ""))
