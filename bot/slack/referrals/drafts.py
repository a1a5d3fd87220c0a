"""What a referral modal carries from one step to the next in its ``private_metadata`` (at most
3,000 characters, never shown to the user): where it was opened, and from the preview on, the
draft as compact JSON — ids and the user's own summary, never document text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.slack.referrals.views import METADATA_LIMIT
from casework.referrals.package import Priority, RequestedAction, Subject
from casework.usecases.referring import ReferralDraft


@dataclass(frozen=True)
class Origin:
    case_id: str
    channel_id: str
    """Where the form was opened: the sender's confirmation goes there."""
    question_audit_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"c": self.case_id, "ch": self.channel_id, "q": self.question_audit_id}

    def dumps(self) -> str:
        return _dumps(self.as_json())


def origin_from(metadata: str) -> Origin:
    return _origin(json.loads(metadata or "{}"))


def draft_metadata(origin: Origin, draft: ReferralDraft) -> str | None:
    """The draft as the preview keeps it, or None when it would not fit in Slack's 3,000."""
    data = {
        **origin.as_json(),
        "p": draft.partner_id,
        "d": list(draft.document_ids),
        "a": draft.requested_action.value,
        "r": draft.priority.value,
        "s": draft.summary,
        "j": [[s.name, *pair] for s in draft.subjects for pair in s.identifiers[:1]],
        "k": draft.contact,
        "n": draft.investigator_name,
    }
    text = _dumps(data)
    return text if len(text) <= METADATA_LIMIT else None


def draft_from(metadata: str) -> tuple[Origin, ReferralDraft]:
    data = json.loads(metadata)
    origin = _origin(data)
    draft = ReferralDraft(
        case_id=origin.case_id,
        partner_id=str(data["p"]),
        document_ids=tuple(str(d) for d in data["d"]),
        summary=str(data["s"]),
        requested_action=RequestedAction(data["a"]),
        priority=Priority(data["r"]),
        subjects=tuple(Subject(str(n), ((str(k), str(v)),)) for n, k, v in data["j"]),
        contact=str(data.get("k") or ""),
        investigator_name=str(data.get("n") or ""),
    )
    return origin, draft


def _origin(data: dict[str, Any]) -> Origin:
    question = data.get("q")
    return Origin(str(data["c"]), str(data.get("ch") or ""), int(question) if question else None)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
