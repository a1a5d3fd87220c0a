"""The case directory on real SQLite: members, leads, rooms, and who may see what where."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.services import Services
from casework.audit import CASE_CHANGE
from casework.cases import CaseDirectory, CaseInfo, MemberInfo
from casework.errors import (
    CaseExistsError,
    ChannelNotLinkedError,
    ChannelTakenError,
    InvalidIdError,
    LastLeadError,
    NotCaseLeadError,
    NotCaseMemberError,
    UnknownCaseError,
)
from casework.markings import Marking
from retrieval.scope import visible_where

pytestmark = pytest.mark.backends

CASE = "OP-HARBOR-LIGHT"
OTHER_CASE = "OP-QUARRY"
ROOM = "C-HARBOR"
LEAD = "U-LEAD"
AGENT = "U-AGENT"
CLEARED_AGENT = "U-CLEARED"
OUTSIDER = "U-OUTSIDER"


@pytest.fixture
def directory(services: Services) -> CaseDirectory:
    services.cases.create(
        CASE,
        "Counterfeit e-bike batteries",
        channels=[ROOM],
        members=[AGENT],
        leads=[LEAD],
        sixe_cleared=[CLEARED_AGENT],
    )
    services.cases.create(OTHER_CASE, "Counterfeit handbags", channels=["C-QUARRY"], leads=[AGENT])
    return services.cases


def test_create_makes_leads_and_cleared_users_members(directory: CaseDirectory) -> None:
    case = directory.get(CASE)

    assert case is not None
    assert case.title == "Counterfeit e-bike batteries"
    assert case.channels == (ROOM,)
    assert case.members == (
        MemberInfo(AGENT, lead=False, sixe_cleared=False),
        MemberInfo(CLEARED_AGENT, lead=False, sixe_cleared=True),
        MemberInfo(LEAD, lead=True, sixe_cleared=False),
    )
    assert case.leads == (LEAD,)
    assert case.ingest_shared_files is True


def test_a_case_is_found_by_its_room_and_by_its_members(directory: CaseDirectory) -> None:
    room_case = directory.case_for_channel(ROOM)

    assert room_case is not None and room_case.id == CASE
    assert directory.case_for_channel("C-RANDOM") is None
    assert [case.id for case in directory.cases_of(AGENT)] == [CASE, OTHER_CASE]
    assert [case.id for case in directory.cases_of(OUTSIDER)] == []
    assert directory.get("NO-SUCH-CASE") is None


def test_creating_an_existing_case_is_refused(directory: CaseDirectory) -> None:
    with pytest.raises(CaseExistsError, match="already exists"):
        directory.create(CASE, "Again")


def test_a_channel_serves_one_case(directory: CaseDirectory) -> None:
    with pytest.raises(ChannelTakenError) as taken:
        directory.link_channel(OTHER_CASE, ROOM, by_user=AGENT)

    assert taken.value.owner_case_id == CASE
    assert CASE in str(taken.value)
    with pytest.raises(ChannelTakenError):
        directory.create("OP-THIRD", "Third", channels=[ROOM])
    assert directory.get("OP-THIRD") is None


def test_a_lead_links_and_unlinks_channels(directory: CaseDirectory) -> None:
    linked = directory.link_channel(CASE, "C-HARBOR-2", by_user=LEAD)
    linked_again = directory.link_channel(CASE, "C-HARBOR-2", by_user=LEAD)
    unlinked = directory.unlink_channel(CASE, ROOM, by_user=LEAD)

    assert linked.channels == ("C-HARBOR", "C-HARBOR-2")
    assert linked_again == linked
    assert unlinked.channels == ("C-HARBOR-2",)
    assert directory.case_for_channel(ROOM) is None
    with pytest.raises(ChannelNotLinkedError):
        directory.unlink_channel(CASE, ROOM, by_user=LEAD)


def test_only_a_lead_changes_a_case_and_the_error_names_the_leads(
    directory: CaseDirectory,
) -> None:
    changes: list[Callable[[], CaseInfo]] = [
        lambda: directory.link_channel(CASE, "C-NEW", by_user=AGENT),
        lambda: directory.unlink_channel(CASE, ROOM, by_user=AGENT),
        lambda: directory.add_member(CASE, OUTSIDER, by_user=AGENT),
        lambda: directory.remove_member(CASE, CLEARED_AGENT, by_user=OUTSIDER),
        lambda: directory.set_ingest_shared_files(CASE, False, by_user=CLEARED_AGENT),
    ]

    for change in changes:
        with pytest.raises(NotCaseLeadError) as refused:
            change()
        assert refused.value.leads == (LEAD,)
        assert LEAD in str(refused.value)
    unchanged = directory.get(CASE)
    assert unchanged is not None and unchanged.channels == (ROOM,)
    assert len(unchanged.members) == 3 and unchanged.ingest_shared_files


def test_the_local_operator_may_change_any_case(directory: CaseDirectory) -> None:
    case = directory.add_member(CASE, OUTSIDER, by_user=None)

    assert case.member(OUTSIDER) == MemberInfo(OUTSIDER, lead=False, sixe_cleared=False)


def test_a_lead_adds_promotes_and_removes_members(directory: CaseDirectory) -> None:
    directory.add_member(CASE, OUTSIDER, by_user=LEAD)
    promoted = directory.add_member(CASE, OUTSIDER, by_user=LEAD, lead=True, sixe_cleared=True)
    removed = directory.remove_member(CASE, AGENT, by_user=OUTSIDER)

    assert promoted.member(OUTSIDER) == MemberInfo(OUTSIDER, lead=True, sixe_cleared=True)
    assert promoted.leads == (LEAD, OUTSIDER)
    assert removed.member(AGENT) is None
    assert [case.id for case in directory.cases_of(AGENT)] == [OTHER_CASE]
    with pytest.raises(NotCaseMemberError):
        directory.remove_member(CASE, AGENT, by_user=LEAD)


def test_the_last_lead_can_be_neither_removed_nor_demoted(directory: CaseDirectory) -> None:
    with pytest.raises(LastLeadError, match="last lead"):
        directory.remove_member(CASE, LEAD, by_user=LEAD)
    with pytest.raises(LastLeadError):
        directory.add_member(CASE, LEAD, by_user=LEAD, lead=False)

    directory.add_member(CASE, AGENT, by_user=LEAD, lead=True)
    after = directory.remove_member(CASE, LEAD, by_user=AGENT)

    assert after.leads == (AGENT,)


def test_shared_file_ingestion_can_be_switched_off(directory: CaseDirectory) -> None:
    case = directory.set_ingest_shared_files(CASE, False, by_user=LEAD)

    assert case.ingest_shared_files is False
    stored = directory.get(CASE)
    assert stored is not None and stored.ingest_shared_files is False


def test_changes_to_an_unknown_case_or_with_a_bad_id_are_refused(
    directory: CaseDirectory,
) -> None:
    with pytest.raises(UnknownCaseError, match="casebot case list"):
        directory.add_member("NO-SUCH-CASE", AGENT, by_user=None)
    with pytest.raises(InvalidIdError):
        directory.create("two words", "Title")
    with pytest.raises(InvalidIdError):
        directory.add_member(CASE, "", by_user=LEAD)


def test_every_change_is_in_the_audit_log_with_who_made_it(
    services: Services, directory: CaseDirectory
) -> None:
    directory.add_member(CASE, OUTSIDER, by_user=LEAD)
    directory.add_member(CASE, OUTSIDER, by_user=LEAD)  # no change, no record
    with pytest.raises(NotCaseLeadError):
        directory.remove_member(CASE, LEAD, by_user=OUTSIDER)

    changes = services.audit.entries(action=CASE_CHANGE)

    assert [entry.details["change"] for entry in changes] == ["create", "create", "add_member"]
    assert changes[-1].user_id == LEAD
    assert changes[-1].details == {
        "case_id": CASE,
        "change": "add_member",
        "user_id": OUTSIDER,
        "lead": False,
        "sixe_cleared": False,
    }
    assert changes[0].details["members"][0] == {
        "user_id": AGENT,
        "lead": False,
        "sixe_cleared": False,
    }
    assert services.audit.verify().ok


# -- who may see what, where ------------------------------------------------------------------


def test_in_a_dm_a_member_sees_their_cases_and_6e_where_cleared(
    directory: CaseDirectory,
) -> None:
    agent = directory.viewer_for_dm(AGENT)
    cleared = directory.viewer_for_dm(CLEARED_AGENT)

    assert agent.les_cases == {CASE, OTHER_CASE}
    assert agent.sixe_cases == frozenset()
    assert cleared.can_see(CASE, Marking.SIXE)
    assert not cleared.can_see(OTHER_CASE, Marking.LES)
    assert not agent.can_see(CASE, Marking.SIXE)


def test_in_a_dm_an_outsider_sees_public_material_only(directory: CaseDirectory) -> None:
    outsider = directory.viewer_for_dm(OUTSIDER)

    assert outsider.can_see(None, Marking.PUBLIC)
    assert not outsider.can_see(CASE, Marking.LES)
    assert not outsider.every_case


def test_in_a_case_room_a_member_sees_that_case_but_never_its_6e(
    directory: CaseDirectory,
) -> None:
    cleared = directory.viewer_for_channel(ROOM, CLEARED_AGENT)
    agent = directory.viewer_for_channel(ROOM, AGENT)

    assert cleared.les_cases == agent.les_cases == {CASE}
    assert cleared.sixe_cases == frozenset()
    assert not cleared.can_see(CASE, Marking.SIXE)
    assert not agent.can_see(OTHER_CASE, Marking.LES)
    assert agent.can_see(None, Marking.PUBLIC)


def test_in_a_case_room_a_non_member_sees_public_material_only(
    directory: CaseDirectory,
) -> None:
    outsider = directory.viewer_for_channel(ROOM, OUTSIDER)

    assert outsider.les_cases == outsider.sixe_cases == frozenset()
    assert not outsider.can_see(CASE, Marking.LES)


def test_in_another_channel_everyone_sees_public_material_only(
    directory: CaseDirectory,
) -> None:
    for user_id in (LEAD, AGENT, CLEARED_AGENT, OUTSIDER):
        viewer = directory.viewer_for_channel("C-GENERAL", user_id)
        assert viewer.les_cases == viewer.sixe_cases == frozenset()
        assert visible_where(viewer) == {"marking": Marking.PUBLIC.value}


def test_a_member_asking_in_another_cases_room_sees_public_material_only(
    directory: CaseDirectory,
) -> None:
    viewer = directory.viewer_for_channel("C-QUARRY", CLEARED_AGENT)

    assert not viewer.can_see(CASE, Marking.LES)
    assert not viewer.can_see(OTHER_CASE, Marking.LES)
