"""``/case``: show, link, add and remove — leads only, refusals naming the leads to ask."""

from __future__ import annotations

import itertools

from bot.testing.signing import slash_command
from casework.audit import CASE_CHANGE
from casework.cases import CaseInfo
from tests.slack.casebot_app import (
    CASE_CHANNEL,
    CASE_ID,
    CASE_TITLE,
    LEAD,
    MEMBER,
    OTHER_CHANNEL,
    RunningCasebot,
)

_numbers = itertools.count(1)


def new_case(casebot: RunningCasebot) -> CaseInfo:
    """A case of its own for one test, led by LEAD, with a room."""
    n = next(_numbers)
    return casebot.services.cases.create(
        f"OP-CMD-{n}", f"Command test {n}", channels=[f"CCMD{n}"], leads=[LEAD], members=[MEMBER]
    )


def case_command(casebot: RunningCasebot, text: str, user: str, channel: str) -> str:
    return casebot.send(slash_command("/case", text, user, channel)).text


def test_case_shows_the_case_of_this_room(casebot: RunningCasebot) -> None:
    shown = case_command(casebot, "", MEMBER, CASE_CHANNEL)

    assert CASE_ID in shown and CASE_TITLE in shown
    assert f"<@{LEAD}>" in shown and f"<#{CASE_CHANNEL}>" in shown
    assert "not the room" in case_command(casebot, "", MEMBER, OTHER_CHANNEL)


def test_only_a_lead_may_add_and_the_refusal_names_the_leads(casebot: RunningCasebot) -> None:
    case = new_case(casebot)
    room = case.channels[0]

    refused = case_command(casebot, "add <@UNEWCOMER|newcomer>", MEMBER, room)
    added = case_command(casebot, "add <@UNEWCOMER|newcomer>", LEAD, room)
    again = case_command(casebot, "add <@UNEWCOMER>", LEAD, room)
    removed = case_command(casebot, "remove <@UNEWCOMER|newcomer>", LEAD, room)

    assert "Only a lead" in refused and f"<@{LEAD}>" in refused
    assert "is now a member" in added and "already a member" in again
    assert "no longer a member" in removed
    assert casebot.services.cases.get(case.id) == case
    changes = [
        entry.details["change"]
        for entry in casebot.services.audit.entries(action=CASE_CHANGE)
        if entry.details["case_id"] == case.id
    ]
    assert changes == ["create", "add_member", "remove_member"]


def test_link_unlink_and_files_setting(casebot: RunningCasebot) -> None:
    case = new_case(casebot)

    linked = case_command(casebot, f"link {case.id}", LEAD, "CNEWROOM")
    files_off = case_command(casebot, "files off", LEAD, "CNEWROOM")
    unlinked = case_command(casebot, "unlink", LEAD, "CNEWROOM")

    assert "now a room" in linked and "not ingested" in files_off and "no longer" in unlinked
    after = casebot.services.cases.get(case.id)
    assert after is not None and not after.ingest_shared_files
    assert "CNEWROOM" not in after.channels


def test_refusals_say_what_to_do(casebot: RunningCasebot) -> None:
    case = new_case(casebot)

    unknown = case_command(casebot, "link OP-NOPE", LEAD, "CELSEWHERE")
    taken = case_command(casebot, f"link {case.id}", LEAD, CASE_CHANNEL)
    last_lead = case_command(casebot, f"remove <@{LEAD}>", LEAD, case.channels[0])
    no_room = case_command(casebot, "add <@UX>", LEAD, "CNOROOM")
    no_user = case_command(casebot, "add", LEAD, case.channels[0])
    nonsense = case_command(casebot, "frobnicate", LEAD, case.channels[0])

    assert "no case *OP-NOPE*" in unknown
    assert f"already the room of case *{CASE_ID}*" in taken
    assert "last lead" in last_lead
    assert "Link it first" in no_room
    assert "@-mention" in no_user
    assert "`/case frobnicate`" in nonsense and "/case link CASE_ID" in nonsense
