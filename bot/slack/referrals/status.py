"""``/referral``: with an id, its status, each delivery and its history; ``/referral ID retry``
and ``/referral ID withdraw`` act on it; with nothing, the user's open referrals and those
awaiting their approval. Answered in the ack (Slack shows it to the user only). The App Home
shows the same two lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from slack_bolt import Ack, App

from bot.slack.blocks import Block, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import cut, escape, unescape
from bot.slack.referrals import texts
from casework.errors import CasebotError
from casework.referrals.lifecycle import Status
from casework.referrals.store import ReferralView
from casework.usecases.requester import Requester, Surface

Listener = Callable[..., None]
LIST_LIMIT: Final = 2800
ERROR_LIMIT: Final = 300
HISTORY_SHOWN: Final = 20


def register(app: App, deps: Deps) -> None:
    app.command("/referral")(_referral_listener(deps))


def _referral_listener(deps: Deps) -> Listener:
    def on_referral(ack: Ack, command: dict[str, Any]) -> None:
        words = unescape(str(command.get("text", ""))).split()
        requester = Requester.in_slack(command["user_id"], command["channel_id"], Surface.REFERRAL)
        try:
            ack(text=_answer(deps, requester, words))
        except CasebotError as error:
            ack(text=texts.REFERRAL_FAILED.format(reason=escape(str(error))))

    return on_referral


def _answer(deps: Deps, requester: Requester, words: list[str]) -> str:
    referring = deps.services.referring
    if not words:
        return "\n\n".join(lists_text(requester.user_id, referring.list(requester)))
    referral_id = words[0].upper()
    verb = words[1].lower() if len(words) > 1 else "show"
    if verb == "retry":
        referring.retry(requester, referral_id)
        deps.outbox.wake()
        return texts.RETRIED.format(referral_id=escape(referral_id))
    if verb == "withdraw":
        referring.withdraw(requester, referral_id)
        return texts.WITHDRAWN.format(referral_id=escape(referral_id))
    if verb != "show":
        return texts.REFERRAL_USAGE
    return status_text(referring.show(requester, referral_id))


def status_text(referral: ReferralView) -> str:
    rid = escape(referral.id)
    parts = [
        texts.STATUS_HEADING.format(
            referral_id=rid,
            case_id=escape(referral.case_id),
            partner=escape(referral.partner_id),
            status=referral.status.value,
        ),
        texts.STATUS_REQUEST.format(
            action=escape(referral.requested_action),
            priority=escape(referral.priority),
            version=referral.version,
        ),
        _deliveries(referral),
        _history(referral),
        texts.STATUS_HINT.format(referral_id=rid),
    ]
    return "\n".join(parts)


def lists_text(user_id: str, referrals: Sequence[ReferralView]) -> list[str]:
    """Two paragraphs: the user's open referrals, then those awaiting their approval."""
    mine = [r for r in referrals if r.created_by == user_id]
    awaiting = [
        r for r in referrals if r.status is Status.AWAITING_APPROVAL and r.created_by != user_id
    ]
    return [
        f"{texts.LIST_MINE}\n{_items(mine)}",
        f"{texts.LIST_AWAITING}\n{_items(awaiting)}",
    ]


def home_blocks(user_id: str, referrals: Sequence[ReferralView]) -> list[Block]:
    return [section(text) for text in lists_text(user_id, referrals)]


def _items(referrals: Sequence[ReferralView]) -> str:
    if not referrals:
        return texts.LIST_NONE
    lines = "\n".join(
        texts.LIST_ITEM.format(
            referral_id=escape(r.id),
            case_id=escape(r.case_id),
            partner=escape(r.partner_id),
            status=r.status.value,
        )
        for r in referrals
    )
    return cut(lines, LIST_LIMIT, "…")


def _deliveries(referral: ReferralView) -> str:
    if not referral.deliveries:
        return texts.STATUS_NO_DELIVERIES
    items = "\n".join(
        texts.STATUS_DELIVERY.format(
            target=escape(d.target_key),
            status=escape(d.status),
            attempts=d.attempts,
            error=texts.STATUS_DELIVERY_ERROR.format(
                error=cut(escape(d.last_error), ERROR_LIMIT, "…")
            )
            if d.last_error
            else "",
        )
        for d in referral.deliveries
    )
    return texts.STATUS_DELIVERIES.format(items=items)


def _history(referral: ReferralView) -> str:
    items = "\n".join(
        texts.STATUS_EVENT.format(
            at=event.at.isoformat(sep=" ", timespec="minutes"),
            from_status=f"{event.from_status} " if event.from_status else "",
            to_status=event.to_status,
            actor=escape(event.actor or "Casebot"),
            note=texts.STATUS_EVENT_NOTE.format(note=escape(event.note)) if event.note else "",
        )
        for event in referral.history[-HISTORY_SHOWN:]
    )
    return texts.STATUS_HISTORY.format(items=items)
