"""``/lookup``: everything known about an identifier or a name, under need-to-know.

An identifier is matched exactly after normalisation (``+1 (312) 555-0100`` finds
``+13125550100``); a name is matched fuzzily against the stated names (see
:mod:`casework.entities.names`), each candidate with its score and why it matched. Mentions the
viewer may not see are only counted, per case, so the card can say which case room to ask in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, not_, select
from sqlalchemy.orm import Session

from casework.access import Viewer
from casework.entities.names import NAME_KINDS
from casework.entities.namesearch import NameCandidate, NameSearch
from casework.identifiers import ParsedQuery, parse_query
from casework.storage.db import SessionFactory
from casework.storage.entities import Entity, Mention
from casework.storage.registry import Chunk, Document

MAX_SHOWN_MENTIONS = 50
SHOWN_SCAN_ROWS = 500
COUNT_CAP = 1_000
"""Beyond this many documents a card says "1000+": exact counts would read every mention."""
WITHHELD_SCAN_ROWS = 5_000
MAX_RELATED = 5
RELATED_DOCUMENT_SAMPLE = MAX_SHOWN_MENTIONS
QUOTE_CONTEXT_CHARS = 90


@dataclass(frozen=True)
class MentionView:
    document_id: str
    title: str
    source: str
    url: str | None
    case_id: str | None
    kind: str
    marking: str
    page: int | None
    quote: str
    entity_id: int
    entity_kind: str
    entity_value: str

    def as_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "title": self.title,
            "case_id": self.case_id,
            "kind": self.kind,
            "marking": self.marking,
            "page": self.page,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class WithheldMentions:
    case_id: str
    documents: int


@dataclass(frozen=True)
class Related:
    kind: str
    value: str
    count: int
    """In how many of the documents shown does it appear with the looked-up entity."""


@dataclass(frozen=True)
class EntityCard:
    query: str
    kind: str | None
    normalized: str | None
    valid: bool | None
    alternatives: tuple[str, ...] = ()
    matches: list[NameCandidate] = field(default_factory=list)
    mentions: list[MentionView] = field(default_factory=list)
    mention_total: int = 0
    """Visible documents mentioning it, including those beyond the ones shown."""
    counts_capped: bool = False
    """True when the entity is mentioned so often that the counts are lower bounds."""
    withheld: list[WithheldMentions] = field(default_factory=list)
    first_seen: date | None = None
    last_seen: date | None = None
    related: list[Related] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.mentions or self.withheld)

    @property
    def withheld_documents(self) -> int:
        return sum(group.documents for group in self.withheld)

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "type": self.kind,
            "normalized": self.normalized,
            "valid": self.valid,
            "alternatives": list(self.alternatives),
            "matches": [candidate.as_json() for candidate in self.matches],
            "mentions": [mention.as_json() for mention in self.mentions],
            "mention_total": self.mention_total,
            "counts_are_lower_bounds": self.counts_capped,
            "withheld": self.withheld_documents,
            "withheld_by_case": [
                {"case_id": group.case_id, "documents": group.documents} for group in self.withheld
            ],
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "related": [
                {"type": item.kind, "value": item.value, "count": item.count}
                for item in self.related
            ],
        }


class LookupService:
    """Entity cards under a viewer's need-to-know. Auditing is the caller's: see
    :class:`casework.usecases.looking_up.LookingUp`."""

    def __init__(self, sessions: SessionFactory, names: NameSearch | None = None) -> None:
        self._sessions = sessions
        self._names = names or NameSearch(sessions)

    def lookup(self, typed: str, viewer: Viewer) -> EntityCard:
        return self._card(" ".join(typed.split()), viewer)

    def _card(self, typed: str, viewer: Viewer) -> EntityCard:
        name_kind, name = _name_prefix(typed)
        parsed = None if name is not None else parse_query(typed)
        if parsed is not None and parsed.kind is not None:
            return self._identifier_card(typed, parsed, viewer)
        candidates = self._names.search(name if name is not None else typed, name_kind)
        return self._name_card(typed, candidates, viewer)

    def _identifier_card(self, typed: str, parsed: ParsedQuery, viewer: Viewer) -> EntityCard:
        """The first reading of what was typed that names a known entity (the most plausible
        reading when none does); the other readings are offered as alternatives."""
        readings = [(str(parsed.kind), parsed.value, parsed.valid)]
        readings += [(str(r.kind), r.value, r.valid) for r in parsed.alternatives]
        with self._sessions() as session:
            known = [
                (reading, entity_id)
                for reading in readings
                if (entity_id := _entity_id(session, reading[0], reading[1])) is not None
            ]
            (kind, value, valid), entity_id = known[0] if known else (readings[0], None)
            card = _Card(session, viewer).build([] if entity_id is None else [entity_id])
        return EntityCard(
            query=typed,
            kind=kind,
            normalized=value,
            valid=valid,
            alternatives=tuple(reading[0] for reading in readings if reading[0] != kind),
            **card,
        )

    def _name_card(
        self, typed: str, candidates: Sequence[NameCandidate], viewer: Viewer
    ) -> EntityCard:
        """Only candidates the viewer may see a mention of are named; the others' mentions are
        counted as withheld, so a fuzzy match never reveals a restricted name."""
        with self._sessions() as session:
            card = _Card(session, viewer).build([candidate.entity_id for candidate in candidates])
        shown = {mention.entity_id for mention in card.get("mentions", [])}
        visible = [candidate for candidate in candidates if candidate.entity_id in shown]
        best = visible[0] if visible else None
        return EntityCard(
            query=typed,
            kind="name",
            normalized=best.value if best else None,
            valid=None,
            matches=visible,
            **card,
        )


class _Card:
    """The parts of a card every lookup shares, read in one session. Need-to-know is applied in
    SQL and every count and date comes from ``ix_mentions_entity_scope`` alone, so an entity
    mentioned a hundred thousand times costs index scans, not a row fetched per mention."""

    def __init__(self, session: Session, viewer: Viewer) -> None:
        self._session = session
        self._viewer = viewer

    def build(self, entity_ids: Sequence[int]) -> dict[str, Any]:
        if not entity_ids:
            return {}
        visible = self._viewer.sql_scope(Mention.case_id, Mention.marking)
        of_entities = Mention.entity_id.in_(entity_ids)
        shown = self._shown(of_entities, visible)
        first_seen, last_seen = self._seen(of_entities, visible)
        total = self._document_count(of_entities, visible)
        withheld, withheld_capped = self._withheld(of_entities, visible)
        return {
            "mentions": self._views(shown),
            "mention_total": min(total, COUNT_CAP),
            "counts_capped": total > COUNT_CAP or withheld_capped,
            "withheld": withheld,
            "first_seen": first_seen,
            "last_seen": last_seen,
            "related": self._related(entity_ids, [mention.document_id for mention, _ in shown]),
        }

    def _shown(self, of_entities: Any, visible: Any) -> list[tuple[Mention, Document]]:
        """The first mention in each of the newest documents: reads the newest mentions only
        (``ix_mentions_entity_seen``), never all of a much-mentioned entity's."""
        newest = self._session.execute(
            select(Mention.id, Mention.document_id, Mention.entity_id)
            .where(of_entities, visible)
            .order_by(Mention.seen_on.desc())
            .limit(SHOWN_SCAN_ROWS)
        )
        chosen: dict[tuple[str, int], int] = {}
        for mention_id, document_id, entity_id in newest:
            chosen.setdefault((document_id, entity_id), mention_id)
            if len(chosen) == MAX_SHOWN_MENTIONS:
                break
        mentions = {
            mention.id: mention
            for mention in self._session.scalars(
                select(Mention).where(Mention.id.in_(chosen.values()))
            )
        }
        ids = list({document_id for document_id, _ in chosen})
        documents = {
            document.id: document
            for document in self._session.scalars(select(Document).where(Document.id.in_(ids)))
        }
        return [
            (mentions[mention_id], documents[document_id])
            for (document_id, _), mention_id in chosen.items()
        ]

    def _document_count(self, of_entities: Any, visible: Any) -> int:
        """Documents the viewer may see, counted up to just past :data:`COUNT_CAP`."""
        documents = (
            select(Mention.document_id).where(of_entities, visible).distinct().limit(COUNT_CAP + 1)
        )
        return self._session.scalar(select(func.count()).select_from(documents.subquery())) or 0

    def _seen(self, of_entities: Any, visible: Any) -> tuple[date | None, date | None]:
        """The oldest and newest dates, each read from one end of ``ix_mentions_entity_seen``."""
        seen = select(Mention.seen_on).where(of_entities, visible).limit(1)
        first = self._session.scalar(seen.order_by(Mention.seen_on))
        last = self._session.scalar(seen.order_by(Mention.seen_on.desc()))
        return first, last

    def _withheld(self, of_entities: Any, visible: Any) -> tuple[list[WithheldMentions], bool]:
        """Documents the viewer may not see, per case, from at most :data:`WITHHELD_SCAN_ROWS`
        mentions; True when that limit was reached (the counts are then lower bounds)."""
        hidden = (
            select(Mention.case_id, Mention.document_id)
            .where(of_entities, not_(visible))
            .limit(WITHHELD_SCAN_ROWS)
            .subquery()
        )
        rows = self._session.execute(
            select(hidden.c.case_id, func.count(func.distinct(hidden.c.document_id)), func.count())
            .group_by(hidden.c.case_id)
            .order_by(hidden.c.case_id)
        ).all()
        groups = [WithheldMentions(case_id=case or "", documents=count) for case, count, _ in rows]
        return groups, sum(scanned for _, _, scanned in rows) >= WITHHELD_SCAN_ROWS

    def _views(self, shown: Sequence[tuple[Mention, Document]]) -> list[MentionView]:
        chunks = _chunk_texts(self._session, [mention.chunk_id for mention, _ in shown])
        entity_keys = _entity_keys(self._session, {mention.entity_id for mention, _ in shown})
        views = []
        for mention, document in shown:
            chunk = chunks.get(mention.chunk_id)
            kind, value = entity_keys[mention.entity_id]
            views.append(
                MentionView(
                    document_id=document.id,
                    title=document.title,
                    source=document.source,
                    url=document.url,
                    case_id=mention.case_id,
                    kind=mention.kind,
                    marking=mention.marking,
                    page=mention.page,
                    quote=_quote(chunk, mention) if chunk else "",
                    entity_id=mention.entity_id,
                    entity_kind=kind,
                    entity_value=value,
                )
            )
        return views

    def _related(self, entity_ids: Sequence[int], document_ids: Sequence[str]) -> list[Related]:
        sample = list(dict.fromkeys(document_ids))[:RELATED_DOCUMENT_SAMPLE]
        if not sample:
            return []
        documents = func.count(func.distinct(Mention.document_id))
        rows = self._session.execute(
            select(Entity.kind, Entity.value, documents)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Mention.document_id.in_(sample), Mention.entity_id.not_in(entity_ids))
            .group_by(Entity.id, Entity.kind, Entity.value)
            .order_by(documents.desc(), Entity.value)
            .limit(MAX_RELATED)
        )
        return [Related(kind=kind, value=value, count=count) for kind, value, count in rows]


def _name_prefix(typed: str) -> tuple[str | None, str | None]:
    """``person:…``, ``company:…``, ``legal_entity:…`` or ``name:…``: (kind or None, the name)."""
    prefix, separator, rest = typed.partition(":")
    prefix = prefix.strip().lower()
    if separator and rest.strip() and (prefix in NAME_KINDS or prefix == "name"):
        return (prefix if prefix in NAME_KINDS else None), rest.strip()
    return None, None


def _entity_id(session: Session, kind: str, value: str) -> int | None:
    return session.scalar(select(Entity.id).where(Entity.kind == kind, Entity.value == value))


def _chunk_texts(session: Session, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
    if not chunk_ids:
        return {}
    chunks = session.scalars(select(Chunk).where(Chunk.id.in_(chunk_ids)))
    return {chunk.id: chunk for chunk in chunks}


def _entity_keys(session: Session, entity_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    rows = session.execute(
        select(Entity.id, Entity.kind, Entity.value).where(Entity.id.in_(list(entity_ids)))
    )
    return {entity_id: (kind, value) for entity_id, kind, value in rows}


def _quote(chunk: Chunk, row: Mention) -> str:
    start = row.char_start - chunk.char_start
    end = row.char_end - chunk.char_start
    begin = max(0, start - QUOTE_CONTEXT_CHARS)
    finish = min(len(chunk.text), end + QUOTE_CONTEXT_CHARS)
    if begin > 0:
        begin = _word_boundary_after(chunk.text, begin)
    if finish < len(chunk.text):
        finish = _word_boundary_before(chunk.text, finish, end)
    quote = " ".join(chunk.text[begin:finish].split())
    return f"{'…' if begin > 0 else ''}{quote}{'…' if finish < len(chunk.text) else ''}"


def _word_boundary_after(text: str, position: int) -> int:
    space = text.find(" ", position)
    return space + 1 if 0 <= space < position + 20 else position


def _word_boundary_before(text: str, position: int, floor: int) -> int:
    space = text.rfind(" ", floor, position)
    return space if space > floor else position
