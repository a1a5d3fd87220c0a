"""Lookups: exact identifiers after normalisation, fuzzy names, need-to-know, the next hop."""

from __future__ import annotations

import pytest

from casework.access import Viewer
from casework.audit import LOOKUP
from casework.usecases.requester import Requester, Surface
from tests.entities.conftest import (
    HARBOR,
    HARBOR_NOTE,
    PUBLIC_RELEASE,
    QUARRY,
    QUARRY_NOTE,
    SHARED_PHONE,
    World,
)

pytestmark = pytest.mark.backends


def _ingest_all(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    world.note(QUARRY, world.write("quarry/complaint.txt", QUARRY_NOTE))
    world.filing(world.write("public/release.txt", PUBLIC_RELEASE))


def test_a_phone_typed_any_way_finds_every_mention_for_the_operator(world: World) -> None:
    _ingest_all(world)

    card = world.services.lookups.lookup("+1 (312) 555-0100", Viewer.operator())

    assert (card.kind, card.normalized, card.valid) == ("phone", SHARED_PHONE, True)
    assert {mention.case_id for mention in card.mentions} == {HARBOR, QUARRY, None}
    assert card.withheld == []
    harbor = next(mention for mention in card.mentions if mention.case_id == HARBOR)
    assert "(312) 555-0100" in harbor.quote
    assert str(card.first_seen) <= str(card.last_seen)


def test_a_member_of_one_case_sees_its_notes_and_public_material_only(world: World) -> None:
    _ingest_all(world)
    viewer = Viewer.member("harbor agent", [HARBOR])

    card = world.services.lookups.lookup("312 555 0100", viewer)

    assert {mention.case_id for mention in card.mentions} == {HARBOR, None}
    assert [(group.case_id, group.documents) for group in card.withheld] == [(QUARRY, 1)]
    shown = " ".join(mention.quote + mention.title for mention in card.mentions)
    assert "Lumo" not in shown
    assert all(item.value != "sales@quarry-outlet.com" for item in card.related)


def test_the_public_sees_public_filings_and_counts_of_the_rest(world: World) -> None:
    _ingest_all(world)

    card = world.services.lookups.lookup("phone:3125550100", Viewer.public())

    assert [mention.kind for mention in card.mentions] == ["filing"]
    assert {group.case_id for group in card.withheld} == {HARBOR, QUARRY}
    assert card.as_json()["withheld"] == 2


def test_co_occurring_identifiers_are_the_next_hop(world: World) -> None:
    _ingest_all(world)

    card = world.services.lookups.lookup("CSQU3054383", Viewer.operator())

    related = {(item.kind, item.value) for item in card.related}
    assert ("phone", SHARED_PHONE) in related
    assert ("ups_tracking", "1Z999AA10123456784") in related


def test_a_mistyped_check_digit_is_reported_and_finds_nothing(world: World) -> None:
    _ingest_all(world)

    card = world.services.lookups.lookup("CSQU3054384", Viewer.operator())

    assert card.kind == "container" and card.valid is False
    assert not card.found


def test_names_match_fuzzily_and_say_why(world: World) -> None:
    message = (
        "From: Li Wei <li.wei@brightstar-trade.com>\r\n"
        'To: "Shenzhen Brightstar Technology Co., Ltd." <sales@brightstar-trade.com>\r\n'
        "Subject: Invoice\r\n\r\nInvoice attached.\r\n"
    )
    world.note(HARBOR, world.write("harbor/invoice.eml", message))

    card = world.services.lookups.lookup("brightstar technology", Viewer.operator())
    [best, *_] = card.matches
    assert best.kind == "company" and best.why == "every word typed is in the name"
    assert card.mentions and card.mentions[0].case_id == HARBOR

    reordered = world.services.lookups.lookup("person:Wei Li", Viewer.operator())
    assert reordered.matches[0].why == "the same words in another order"

    outsider = world.services.lookups.lookup("Li Wei", Viewer.public())
    assert outsider.matches == [] and outsider.mentions == []
    assert outsider.withheld_documents == 1


def test_every_lookup_is_audited_with_what_was_shown(world: World) -> None:
    _ingest_all(world)

    asker = Requester.in_slack("U0ASKER", "C0GENERAL", Surface.LOOKUP)
    world.services.looking_up.look_up("312-555-0100", asker)

    [entry] = world.services.audit.entries(action=LOOKUP)
    assert (entry.user_id, entry.channel_id) == ("U0ASKER", "C0GENERAL")
    assert entry.details["normalized"] == SHARED_PHONE
    assert entry.details["withheld"] == 2 and len(entry.details["document_ids"]) == 1
