"""Modal building blocks shared by the referral form, its preview and the reason dialogs, within
Slack's limits (https://api.slack.com/reference/block-kit): titles and button labels of at most
24 characters, option texts of 75, option values of 150, ``private_metadata`` of 3,000."""

from __future__ import annotations

from typing import Any, Final

from bot.slack.blocks import Block, section
from bot.slack.mrkdwn import cut
from bot.slack.referrals import texts

View = dict[str, Any]
OPTION_TEXT_LIMIT: Final = 75
OPTION_VALUE_LIMIT: Final = 150
OPTIONS_LIMIT: Final = 100
METADATA_LIMIT: Final = 3000
LABEL_LIMIT: Final = 24
REASON_BLOCK: Final = "referral_reason"
REASON_ACTION: Final = "value"
REASON_LIMIT: Final = 500


def modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str = "",
    submit: str | None = None,
    metadata: str = "",
) -> View:
    view: View = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(cut(title, LABEL_LIMIT, "…")),
        "close": plain(texts.CLOSE),
        "blocks": blocks,
        "private_metadata": metadata,
    }
    if submit is not None:
        view["submit"] = plain(cut(submit, LABEL_LIMIT, "…"))
    return view


def notice_view(title: str, text: str) -> View:
    """A modal that only says something (already-escaped mrkdwn) and can be closed."""
    return modal(title, [section(text)])


def preparing_view() -> View:
    """Opened at once, inside the 3 seconds a trigger_id lives; filled in afterwards."""
    return notice_view(texts.FORM_TITLE, texts.PREPARING)


def reason_modal(title: str, callback_id: str, submit: str, metadata: str) -> View:
    """Asks why (a lead rejecting, a partner declining); read back with :func:`reason_of`."""
    element = text_input(REASON_ACTION, multiline=True, max_length=REASON_LIMIT)
    reason = input_block(REASON_BLOCK, texts.LABEL_REASON, element)
    return modal(title, [reason], callback_id=callback_id, submit=submit, metadata=metadata)


def reason_of(view: View) -> str:
    return text_of(view, REASON_BLOCK, REASON_ACTION)


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def option(text: str, value: str) -> dict[str, Any]:
    """``text`` is plain text (Slack shows it literally: no escaping needed)."""
    return {"text": plain(cut(text, OPTION_TEXT_LIMIT, "…")), "value": value}


def input_block(
    block_id: str,
    label: str,
    element: dict[str, Any],
    *,
    optional: bool = False,
    hint: str | None = None,
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def text_input(action_id: str, *, multiline: bool = False, max_length: int = 3000) -> Block:
    return {
        "type": "plain_text_input",
        "action_id": action_id,
        "multiline": multiline,
        "max_length": max_length,
    }


def state_value(view: View, block_id: str, action_id: str) -> dict[str, Any]:
    """What the user entered in one input of a submitted view (``{}`` when nothing)."""
    values = ((view.get("state") or {}).get("values") or {}).get(block_id) or {}
    entered = values.get(action_id)
    return entered if isinstance(entered, dict) else {}


def text_of(view: View, block_id: str, action_id: str) -> str:
    return str(state_value(view, block_id, action_id).get("value") or "").strip()


def chosen_value(view: View, block_id: str, action_id: str) -> str | None:
    chosen = state_value(view, block_id, action_id).get("selected_option")
    return str(chosen["value"]) if isinstance(chosen, dict) else None


def chosen_options(view: View, block_id: str, action_id: str) -> list[dict[str, Any]]:
    chosen = state_value(view, block_id, action_id).get("selected_options") or []
    return [item for item in chosen if isinstance(item, dict)]
