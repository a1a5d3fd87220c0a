"""Identifiers and stated names found at ingestion, stored as entities and mentions that follow
their document through updates and pruning."""

from __future__ import annotations

from sqlalchemy import select

from casework.markings import Kind
from casework.storage.entities import Entity, Mention
from casework.storage.registry import Chunk
from ingestion.pipeline import IngestOptions
from tests.entities.conftest import HARBOR, HARBOR_NOTE, SHARED_PHONE, World


def _mentions(world: World) -> list[tuple[Mention, Entity, Chunk]]:
    with world.services.sessions() as session:
        return list(
            session.execute(
                select(Mention, Entity, Chunk)
                .join(Entity, Entity.id == Mention.entity_id)
                .join(Chunk, Chunk.id == Mention.chunk_id)
            ).tuples()
        )


def test_a_case_note_yields_validated_identifiers_with_their_places(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))

    found = {(entity.kind, entity.value) for _, entity, _ in _mentions(world)}

    assert ("phone", SHARED_PHONE) in found
    assert ("ups_tracking", "1Z999AA10123456784") in found
    assert ("container", "CSQU3054383") in found
    assert ("email", "ops@brightstar-trade.com") in found
    for mention, _entity, chunk in _mentions(world):
        assert mention.case_id == HARBOR and mention.kind == "note" and mention.marking == "LES"
        start = mention.char_start - chunk.char_start
        assert chunk.text[start : start + len(mention.display)] == mention.display


def test_a_failing_check_digit_is_not_an_identifier(world: World) -> None:
    world.note(HARBOR, world.write("harbor/typo.txt", "Shipped by UPS 1Z999AA10123456785."))

    assert not [e for _, e, _ in _mentions(world) if e.kind == "ups_tracking"]


def test_an_updated_document_replaces_its_mentions_and_pruning_removes_them(
    world: World,
) -> None:
    path = world.write("harbor/seizure.txt", HARBOR_NOTE)
    world.note(HARBOR, path)
    path.write_text(HARBOR_NOTE.replace("CSQU3054383", "a container"), encoding="utf-8")
    world.note(HARBOR, path)

    kinds = [entity.kind for _, entity, _ in _mentions(world)]
    assert "container" not in kinds
    assert kinds.count("phone") == 1

    path.unlink()
    prune = IngestOptions(kind=Kind.NOTE, case_id=HARBOR, prune=True)
    world.services.ingestion.ingest([path.parent], prune)
    assert _mentions(world) == []


def test_mail_sender_and_recipients_become_named_people(world: World) -> None:
    message = (
        "From: Li Wei <li.wei@brightstar-trade.com>\r\n"
        "To: Harbor Logistics LLC <bookings@harbor-logistics.com>\r\n"
        "Subject: Battery order\r\n"
        "Date: Mon, 3 Mar 2025 09:00:00 +0000\r\n\r\n"
        "Please ship the 40 cartons this week.\r\n"
    )
    world.note(HARBOR, world.write("harbor/order.eml", message))

    names = {(entity.kind, entity.display) for _, entity, _ in _mentions(world)}
    assert ("person", "Li Wei") in names
    assert ("company", "Harbor Logistics LLC") in names
