"""What a requester may see where they ask, and where to ask about what they may not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from casework.access import Viewer
from casework.cases import CaseDirectory
from casework.usecases.requester import Place, Requester


class WithheldGroup(Protocol):
    """Restricted documents of one case that matched but may not be shown."""

    @property
    def case_id(self) -> str: ...

    @property
    def documents(self) -> int: ...


@dataclass(frozen=True)
class WithheldNotice:
    """Restricted documents that matched but may not be shown here, and the case's rooms,
    where a member may ask."""

    case_id: str
    documents: int
    channel_ids: tuple[str, ...]


class NeedToKnow:
    def __init__(self, cases: CaseDirectory) -> None:
        self._cases = cases

    def viewer_for(self, requester: Requester) -> Viewer:
        """- a Slack channel: that channel's case material if the requester is a member of
          the case whose room it is, public material otherwise (see
          :meth:`CaseDirectory.viewer_for_channel`);
        - a direct message: every case the requester is a member of;
        - the command line: every case, or the case ``--case`` named and public material.
        """
        if requester.place is Place.COMMAND_LINE:
            return _operator_viewer(requester)
        if requester.place is Place.DIRECT_MESSAGE:
            return self._cases.viewer_for_dm(requester.user_id)
        return self._cases.viewer_for_channel(requester.channel_id or "", requester.user_id)

    def notices(self, groups: Iterable[WithheldGroup]) -> tuple[WithheldNotice, ...]:
        notices = []
        for group in groups:
            case = self._cases.get(group.case_id)
            channels = case.channels if case is not None else ()
            notices.append(WithheldNotice(group.case_id, group.documents, tuple(channels)))
        return tuple(notices)


def _operator_viewer(requester: Requester) -> Viewer:
    if requester.case_id is None:
        return Viewer(label=requester.user_id, every_case=True)
    case_id = requester.case_id
    return Viewer.member(f"{requester.user_id} on {case_id}", [case_id], sixe_cleared=[case_id])
