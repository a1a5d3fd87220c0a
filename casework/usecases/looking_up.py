"""Looking up an identifier or a name, from any edge: the entity card under the requester's
need-to-know, one ``lookup`` audit record (what was typed, which documents were shown, how many
were withheld), and the rooms to ask in about what was withheld."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.access import Viewer
from casework.audit import LOOKUP, AuditLog
from casework.entities.lookup import EntityCard, LookupService
from casework.usecases.need_to_know import NeedToKnow, WithheldNotice
from casework.usecases.requester import Requester


@dataclass(frozen=True)
class LookupOutcome:
    card: EntityCard
    withheld: tuple[WithheldNotice, ...]


class LookingUp:
    def __init__(self, lookups: LookupService, need_to_know: NeedToKnow, audit: AuditLog) -> None:
        self._lookups = lookups
        self._need_to_know = need_to_know
        self._audit = audit

    def look_up(self, typed: str, requester: Requester) -> LookupOutcome:
        viewer = self._need_to_know.viewer_for(requester)
        card = self._lookups.lookup(typed, viewer)
        details = _audit_details(card, viewer, requester)
        self._audit.record(LOOKUP, requester.user_id, requester.channel_id, details)
        return LookupOutcome(card, self._need_to_know.notices(card.withheld))


def _audit_details(card: EntityCard, viewer: Viewer, requester: Requester) -> dict[str, Any]:
    details: dict[str, Any] = {
        "query": card.query,
        "type": card.kind,
        "normalized": card.normalized,
        "surface": str(requester.surface),
        "viewer": viewer.label,
        "document_ids": sorted({mention.document_id for mention in card.mentions}),
        "withheld": card.withheld_documents,
        "withheld_cases": [group.case_id for group in card.withheld],
    }
    if requester.case_id:
        details["case_id"] = requester.case_id
    return details
