"""Writing entities and mentions; called inside the transaction that stores a document version,
so a document's mentions always describe the chunks it has."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Insert, delete, insert, select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from casework.storage.entities import Entity, Mention

LOOKUP_BATCH = 400
UNIQUE_KEY = ("kind", "value")
"""The columns of ``uq_entities_kind_value``."""


@dataclass(frozen=True)
class MentionRow:
    """One mention to store, already placed in a chunk."""

    kind: str
    value: str
    display: str
    chunk_id: str
    page: int | None
    char_start: int
    char_end: int
    detail: str | None


@dataclass(frozen=True)
class DocumentScope:
    document_id: str
    case_id: str | None
    kind: str
    marking: str
    seen_on: date


def replace_mentions(
    session: Session, scope: DocumentScope, rows: Sequence[MentionRow], now: datetime
) -> None:
    session.execute(delete(Mention).where(Mention.document_id == scope.document_id))
    if not rows:
        return
    entity_ids = ensure_entities(session, ((row.kind, row.value, row.display) for row in rows), now)
    session.add_all(
        Mention(
            entity_id=entity_ids[(row.kind, row.value)],
            document_id=scope.document_id,
            chunk_id=row.chunk_id,
            page=row.page,
            char_start=row.char_start,
            char_end=row.char_end,
            display=row.display[:500],
            detail=row.detail[:300] if row.detail else None,
            case_id=scope.case_id,
            kind=scope.kind,
            marking=scope.marking,
            seen_on=scope.seen_on,
        )
        for row in rows
    )


def ensure_entities(
    session: Session, wanted: Iterable[tuple[str, str, str]], now: datetime
) -> dict[tuple[str, str], int]:
    """The id of each (kind, value), creating the entities not seen before. Another transaction
    may be creating the same entity at once (a replica ingesting the same identifier): the
    insert then waits for it and keeps its row instead of failing on the unique key."""
    displays: dict[tuple[str, str], str] = {}
    for kind, value, display in wanted:
        displays.setdefault((kind, value[:500]), display[:500])
    ids = _ids_of(session, list(displays))
    missing = [key for key in displays if key not in ids]
    if missing:
        rows = [
            {"kind": kind, "value": value, "display": displays[(kind, value)], "created_at": now}
            for kind, value in missing
        ]
        session.execute(_insert_keeping_existing(session), rows)
        ids.update(_ids_of(session, missing))
    return ids


def _ids_of(session: Session, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    ids: dict[tuple[str, str], int] = {}
    for start in range(0, len(keys), LOOKUP_BATCH):
        batch = keys[start : start + LOOKUP_BATCH]
        found = session.execute(
            select(Entity.kind, Entity.value, Entity.id).where(
                tuple_(Entity.kind, Entity.value).in_(batch)
            )
        )
        ids.update({(kind, value): entity_id for kind, value, entity_id in found})
    return ids


def _insert_keeping_existing(session: Session) -> Insert:
    """``INSERT … ON CONFLICT (kind, value) DO NOTHING`` in the registry's dialect."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql_insert(Entity).on_conflict_do_nothing(index_elements=UNIQUE_KEY)
    if dialect == "sqlite":
        return sqlite_insert(Entity).on_conflict_do_nothing(index_elements=UNIQUE_KEY)
    return insert(Entity)
