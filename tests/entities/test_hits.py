"""Cross-case hits: raised once per pair of cases, never from grand-jury material, with notices
queued for each case's rooms; and raised, on entities shared, when replicas write at once."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from sqlalchemy import select

from casework.entities.store import ensure_entities
from casework.markings import Marking
from casework.storage.entities import Entity, HitNotice, Mention
from casework.storage.registry import Document
from tests.backends import SERVER, Backend, wait_until_blocked_or_done
from tests.entities.conftest import (
    HARBOR,
    HARBOR_NOTE,
    HARBOR_ROOM,
    QUARRY,
    QUARRY_LEAD,
    QUARRY_NOTE,
    QUARRY_ROOM,
    SHARED_PHONE,
    World,
)

pytestmark = pytest.mark.backends


def _hit_keys(world: World) -> list[tuple[str, str, str, str]]:
    return [
        (hit.entity_kind, hit.entity_value, hit.case_a, hit.case_b)
        for hit in world.services.hits.hits()
    ]


def test_a_phone_in_two_cases_raises_one_hit_and_a_notice_per_room(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    assert _hit_keys(world) == []

    world.note(QUARRY, world.write("quarry/complaint.txt", QUARRY_NOTE))

    assert _hit_keys(world) == [("phone", SHARED_PHONE, HARBOR, QUARRY)]
    pending = world.services.hits.pending()
    assert {(notice.channel_id, notice.other_case) for notice in pending} == {
        (HARBOR_ROOM, QUARRY),
        (QUARRY_ROOM, HARBOR),
    }
    to_harbor = next(notice for notice in pending if notice.channel_id == HARBOR_ROOM)
    assert to_harbor.other_case_leads == (QUARRY_LEAD,)
    assert to_harbor.other_side_public is False


def test_the_same_hit_is_not_raised_twice(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    quarry = world.write("quarry/complaint.txt", QUARRY_NOTE)
    world.note(QUARRY, quarry)
    quarry.write_text(QUARRY_NOTE + "\nFollow-up: same number again.\n", encoding="utf-8")
    world.note(QUARRY, quarry)
    world.note(QUARRY, world.write("quarry/second.txt", "Seller phone: 312-555-0100."))

    assert len(_hit_keys(world)) == 1
    with world.services.sessions() as session:
        assert len(list(session.scalars(select(HitNotice)))) == 2


def test_grand_jury_material_never_raises_a_hit(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    world.note(QUARRY, world.write("quarry/testimony.txt", QUARRY_NOTE), Marking.SIXE)

    assert _hit_keys(world) == []


def test_a_notice_is_claimed_once(world: World) -> None:
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    world.note(QUARRY, world.write("quarry/complaint.txt", QUARRY_NOTE))
    notice = world.services.hits.pending()[0]

    assert world.services.hits.claim(notice.id) is True
    assert world.services.hits.claim(notice.id) is False
    assert notice.id not in {pending.id for pending in world.services.hits.pending()}


def test_ubiquitous_domains_link_nothing(world: World) -> None:
    world.note(HARBOR, world.write("harbor/a.txt", "Listing at https://www.amazon.com/dp/x."))
    world.note(QUARRY, world.write("quarry/b.txt", "Listing at https://amazon.com/gp/y."))

    assert [key for key in _hit_keys(world) if key[0] == "domain"] == []


def test_a_mention_committed_after_a_newer_one_still_raises_its_hit(
    world: World, backend: Backend
) -> None:
    if backend.name != SERVER:
        pytest.skip("SQLite has one writer at a time: mentions commit in the order of their ids")
    world.note(HARBOR, world.write("harbor/seizure.txt", HARBOR_NOTE))
    world.note(QUARRY, world.write("quarry/unrelated.txt", "The listing named no contact at all."))
    sessions = world.services.sessions
    harbor_phone, quarry_document = _harbor_phone_mention_and_quarry_document(world)

    with sessions.begin() as slow_writer:
        slow_writer.add(_copy(harbor_phone, document_id=quarry_document, case_id=QUARRY))
        slow_writer.flush()  # numbered now, committed last
        with sessions.begin() as quick_writer:
            quick_writer.add(_copy(harbor_phone, chunk_id="later"))
        scanning = threading.Thread(target=world.services.hit_detector.scan)
        scanning.start()
        wait_until_blocked_or_done(sessions, scanning)
    scanning.join()
    world.services.hit_detector.scan()

    assert _hit_keys(world) == [("phone", SHARED_PHONE, HARBOR, QUARRY)]


def _harbor_phone_mention_and_quarry_document(world: World) -> tuple[Mention, str]:
    with world.services.sessions() as session:
        phone = session.scalars(
            select(Mention)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Entity.kind == "phone", Mention.case_id == HARBOR)
        ).first()
        quarry_document = session.scalar(select(Document.id).where(Document.case_id == QUARRY))
    assert phone is not None and quarry_document is not None
    return phone, quarry_document


def _copy(mention: Mention, **changes: object) -> Mention:
    columns = {column.key: getattr(mention, column.key) for column in Mention.__table__.columns}
    return Mention(**{**columns, "id": None, **changes})


def test_two_writers_creating_the_same_entity_at_once_share_it(
    world: World, backend: Backend
) -> None:
    if backend.name != SERVER:
        pytest.skip("SQLite has one writer at a time: the second sees the first's entity")
    sessions = world.services.sessions
    now = datetime(2026, 3, 1, 9, 0)
    phone = [("phone", SHARED_PHONE, "(312) 555-0100")]
    second: dict[tuple[str, str], int] = {}

    def second_writer() -> None:
        with sessions.begin() as session:
            second.update(ensure_entities(session, phone, now))

    with sessions.begin() as first_writer:
        first = ensure_entities(first_writer, phone, now)
        writing = threading.Thread(target=second_writer)
        writing.start()
        wait_until_blocked_or_done(sessions, writing)
    writing.join()

    assert second == first
