"""Cross-case hits: an entity found in the material of two cases.

After every ingestion :meth:`HitDetector.scan` looks at the mentions added since its last scan
(mention ids never repeat, so the last id scanned is a safe bookmark, and a run killed before the
scan is caught up by the next one). For each entity they name it lists the cases whose ``PUBLIC``
or ``LES`` material mentions it, and raises a hit for every pair of cases not raised before: the
pair is unique in the table, so a hit is never raised twice. Grand-jury (``6E``) material never
leaves its case, so it never raises a hit. Entities too common to mean anything
(``ubiquitous.txt``: marketplaces, mail providers) are passed over.

Each hit queues a notice for every channel of both cases (:class:`~casework.storage.entities.
HitNotice`); the Slack app posts them (:meth:`HitNotices.pending`, :meth:`HitNotices.mark`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from casework.markings import Marking
from casework.storage.cases import CaseChannel, CaseMember
from casework.storage.db import SessionFactory
from casework.storage.entities import CrossCaseHit, Entity, HitNotice, Mention, ScanMark

Clock = Callable[[], datetime]

SCAN_MARK = "cross_case_hits"
ENTITY_BATCH = 500
SHAREABLE_MARKINGS = (Marking.PUBLIC.value, Marking.LES.value)


@dataclass(frozen=True)
class Hit:
    id: int
    entity_kind: str
    entity_value: str
    entity_display: str
    case_a: str
    case_b: str
    raised_at: datetime

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "type": self.entity_kind,
            "value": self.entity_value,
            "display": self.entity_display,
            "cases": [self.case_a, self.case_b],
            "raised_at": self.raised_at.isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class PendingNotice:
    """A notice to post in ``channel_id``, a room of ``case_id``, about a hit shared with
    ``other_case``."""

    id: int
    channel_id: str
    case_id: str
    other_case: str
    other_case_leads: tuple[str, ...]
    other_side_public: bool
    """Whether the other case's mentions include ``PUBLIC`` material anyone may see."""
    hit: Hit


class HitDetector:
    def __init__(self, sessions: SessionFactory, clock: Clock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or _now

    def scan(self) -> list[Hit]:
        """Raise the hits the mentions added since the last scan make; returns them."""
        with self._sessions.begin() as session:
            _wait_for_mention_writers(session)
            mark = session.get(ScanMark, SCAN_MARK) or ScanMark(name=SCAN_MARK, position=0)
            top = session.scalar(select(func.max(Mention.id))) or 0
            if top <= mark.position:
                return []
            entity_ids = list(
                session.scalars(
                    select(Mention.entity_id)
                    .where(Mention.id > mark.position, Mention.case_id.is_not(None))
                    .distinct()
                )
            )
            hits = self._raise(session, _cases_by_entity(session, entity_ids))
            mark.position = top
            session.merge(mark)
        return hits

    def _raise(self, session: Session, cases_by_entity: dict[int, list[str]]) -> list[Hit]:
        now = self._clock()
        entities = _entities(session, list(cases_by_entity))
        raised_before = _raised_pairs(session, list(cases_by_entity))
        raised = []
        for entity_id, cases in cases_by_entity.items():
            entity = entities[entity_id]
            if f"{entity.kind}:{entity.value}" in ubiquitous():
                continue
            for case_a, case_b in itertools.combinations(sorted(cases), 2):
                if (entity_id, case_a, case_b) in raised_before:
                    continue
                row = CrossCaseHit(entity_id=entity_id, case_a=case_a, case_b=case_b, raised_at=now)
                session.add(row)
                session.flush()
                _queue_notices(session, row)
                raised.append(_hit_of(row, entity))
        return raised


def _wait_for_mention_writers(session: Session) -> None:
    """Make every mention numbered below the newest one visible before the scan reads it. Must
    be the transaction's first statement.

    PostgreSQL numbers a mention when it is inserted but shows it when its transaction commits,
    and transactions commit in any order: a scan that read the newest id while a lower-numbered
    mention was still uncommitted would move its mark past that mention for good. Taking
    ``mentions`` in SHARE ROW EXCLUSIVE mode waits for the transactions writing mentions, holds
    off new ones until the scan commits, and lets one scan run at a time. SQLite has one writer
    at a time, and hands out ids in commit order: nothing to wait for."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {Mention.__tablename__} IN SHARE ROW EXCLUSIVE MODE"))


class HitNotices:
    """Reading hits, and the outbox of their channel notices."""

    def __init__(self, sessions: SessionFactory, clock: Clock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or _now

    def hits(self, case_id: str | None = None, limit: int = 200) -> list[Hit]:
        query = (
            select(CrossCaseHit, Entity)
            .join(Entity, Entity.id == CrossCaseHit.entity_id)
            .order_by(CrossCaseHit.raised_at.desc(), CrossCaseHit.id.desc())
            .limit(limit)
        )
        if case_id:
            query = query.where((CrossCaseHit.case_a == case_id) | (CrossCaseHit.case_b == case_id))
        with self._sessions() as session:
            return [_hit_of(hit, entity) for hit, entity in session.execute(query)]

    def count(self) -> int:
        """How many hits have been raised in all."""
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(CrossCaseHit)) or 0)

    def pending(self, limit: int = 50) -> list[PendingNotice]:
        with self._sessions() as session:
            rows = session.execute(
                select(HitNotice, CrossCaseHit, Entity)
                .join(CrossCaseHit, CrossCaseHit.id == HitNotice.hit_id)
                .join(Entity, Entity.id == CrossCaseHit.entity_id)
                .where(HitNotice.posted_at.is_(None), HitNotice.error.is_(None))
                .order_by(HitNotice.id)
                .limit(limit)
            ).all()
            return [_pending_of(session, notice, hit, entity) for notice, hit, entity in rows]

    def claim(self, notice_id: int) -> bool:
        """Take a notice to post it: True for exactly one caller, whatever the replicas."""
        with self._sessions.begin() as session:
            claimed = session.connection().execute(
                update(HitNotice)
                .where(HitNotice.id == notice_id, HitNotice.posted_at.is_(None))
                .values(posted_at=self._clock())
            )
            return bool(claimed.rowcount)

    def mark(self, notice_id: int, error: str) -> None:
        """Record why a claimed notice could not be posted (it is not retried)."""
        with self._sessions.begin() as session:
            notice = session.get(HitNotice, notice_id)
            if notice is not None:
                notice.error = error[:500]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _cases_by_entity(session: Session, entity_ids: Sequence[int]) -> dict[int, list[str]]:
    cases: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(entity_ids), ENTITY_BATCH):
        batch = entity_ids[start : start + ENTITY_BATCH]
        rows = session.execute(
            select(Mention.entity_id, Mention.case_id)
            .where(
                Mention.entity_id.in_(batch),
                Mention.case_id.is_not(None),
                Mention.marking.in_(SHAREABLE_MARKINGS),
            )
            .distinct()
        )
        for entity_id, case_id in rows:
            if case_id:
                cases[entity_id].append(case_id)
    return {entity_id: found for entity_id, found in cases.items() if len(found) > 1}


def _entities(session: Session, entity_ids: Sequence[int]) -> dict[int, Entity]:
    found: dict[int, Entity] = {}
    for start in range(0, len(entity_ids), ENTITY_BATCH):
        batch = entity_ids[start : start + ENTITY_BATCH]
        found.update({e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(batch)))})
    return found


def _raised_pairs(session: Session, entity_ids: Sequence[int]) -> set[tuple[int, str, str]]:
    """The hits already raised for these entities, read once per scan."""
    raised: set[tuple[int, str, str]] = set()
    for start in range(0, len(entity_ids), ENTITY_BATCH):
        batch = entity_ids[start : start + ENTITY_BATCH]
        rows = session.execute(
            select(CrossCaseHit.entity_id, CrossCaseHit.case_a, CrossCaseHit.case_b).where(
                CrossCaseHit.entity_id.in_(batch)
            )
        )
        raised.update((entity_id, case_a, case_b) for entity_id, case_a, case_b in rows)
    return raised


def _queue_notices(session: Session, hit: CrossCaseHit) -> None:
    for case_id in (hit.case_a, hit.case_b):
        rooms = select(CaseChannel.channel_id).where(CaseChannel.case_id == case_id)
        channels = session.scalars(rooms)
        session.add_all(
            HitNotice(hit_id=hit.id, case_id=case_id, channel_id=channel) for channel in channels
        )


def _pending_of(
    session: Session, notice: HitNotice, hit: CrossCaseHit, entity: Entity
) -> PendingNotice:
    other = hit.case_b if notice.case_id == hit.case_a else hit.case_a
    leads = session.scalars(
        select(CaseMember.user_id).where(CaseMember.case_id == other, CaseMember.lead.is_(True))
    )
    public = session.scalar(
        select(Mention.id).where(
            Mention.entity_id == entity.id,
            Mention.case_id == other,
            Mention.marking == Marking.PUBLIC.value,
        )
    )
    return PendingNotice(
        id=notice.id,
        channel_id=notice.channel_id,
        case_id=notice.case_id,
        other_case=other,
        other_case_leads=tuple(sorted(leads)),
        other_side_public=public is not None,
        hit=_hit_of(hit, entity),
    )


def _hit_of(hit: CrossCaseHit, entity: Entity) -> Hit:
    return Hit(
        id=hit.id,
        entity_kind=entity.kind,
        entity_value=entity.value,
        entity_display=entity.display,
        case_a=hit.case_a,
        case_b=hit.case_b,
        raised_at=hit.raised_at,
    )


@cache
def ubiquitous() -> frozenset[str]:
    text = (resources.files("casework.entities") / "ubiquitous.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))
