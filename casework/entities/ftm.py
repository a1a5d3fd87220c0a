"""FollowTheMoney export: documents, the entities they mention and the links between them, as
JSON lines an Aleph user can load with its own client (``alephclient write-entities``).

Only standard schemata are used. Each document is a ``Document``; stated names become ``Person``,
``Company`` or ``LegalEntity``; identifiers with a schema of their own become that thing
(``UserAccount`` for a seller ID, ``CourtCase`` for a docket number, ``Vessel`` for an IMO number,
``CryptoWallet``, ``BankAccount``); each of these is tied to the documents naming it by a
``Mention``. E-mail addresses, phone numbers and IBANs are also set on the document's
``emailMentioned``/``phoneMentioned``/``ibanMentioned``; every other identifier (tracking numbers,
containers, HTS codes…) goes into the document's ``keywords`` as ``kind:value``. Every entity is
checked against its schema before it is written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy
from sqlalchemy import select

from casework.errors import CasebotError
from casework.storage.db import SessionFactory
from casework.storage.entities import Entity, Mention
from casework.storage.registry import Document

PREFIX = "casebot"
NAME_SCHEMATA = {"person": "Person", "company": "Company", "legal_entity": "LegalEntity"}
DOCUMENT_PROPERTY = {"email": "emailMentioned", "phone": "phoneMentioned", "iban": "ibanMentioned"}
NAMES_PROPERTY = {"person": "peopleMentioned", "company": "companiesMentioned"}


class InvalidFtMEntityError(CasebotError, ValueError):
    """An entity Casebot built does not validate against its FollowTheMoney schema."""


@dataclass(frozen=True)
class ExportCounts:
    documents: int
    entities: int
    mentions: int


def export_ftm(sessions: SessionFactory, out: TextIO, case_id: str | None = None) -> ExportCounts:
    with sessions() as session:
        documents = list(session.scalars(_documents_query(case_id)))
        document_ids = [document.id for document in documents]
        rows = _mention_rows(session, document_ids)
    by_document: dict[str, list[tuple[Entity, Mention]]] = defaultdict(list)
    for entity, mention in rows:
        by_document[mention.document_id].append((entity, mention))
    things: dict[int, EntityProxy] = {}
    mentions = 0
    for document in documents:
        found = by_document.get(document.id, [])
        _write(out, _document_entity(document, found))
        for entity in {entity.id: entity for entity, _ in found}.values():
            thing = things.get(entity.id) or _thing_of(entity)
            if thing is None:
                continue
            if entity.id not in things:
                things[entity.id] = thing
                _write(out, thing)
            _write(out, _mention_entity(document, entity, thing))
            mentions += 1
    return ExportCounts(documents=len(documents), entities=len(things), mentions=mentions)


def _documents_query(case_id: str | None) -> Any:
    query = select(Document).order_by(Document.id)
    return query.where(Document.case_id == case_id) if case_id else query


def _mention_rows(session: Any, document_ids: list[str]) -> list[tuple[Entity, Mention]]:
    rows: list[tuple[Entity, Mention]] = []
    for start in range(0, len(document_ids), 500):
        batch = document_ids[start : start + 500]
        rows.extend(
            session.execute(
                select(Entity, Mention)
                .join(Mention, Mention.entity_id == Entity.id)
                .where(Mention.document_id.in_(batch))
                .order_by(Mention.id)
            ).tuples()
        )
    return rows


def _document_entity(document: Document, found: list[tuple[Entity, Mention]]) -> EntityProxy:
    proxy = model.make_entity("Document")
    proxy.id = f"{PREFIX}-document-{document.id}"
    proxy.add("title", document.title)
    proxy.add("fileName", document.source.rsplit("/", 1)[-1])
    proxy.add("mimeType", document.media_type)
    if document.url:
        proxy.add("sourceUrl", document.url)
    if document.document_date:
        proxy.add("date", document.document_date.isoformat())
    for entity, _mention in found:
        if entity.kind in DOCUMENT_PROPERTY:
            proxy.add(DOCUMENT_PROPERTY[entity.kind], entity.value)
        elif entity.kind in NAME_SCHEMATA:
            proxy.add("namesMentioned", entity.display)
            if entity.kind in NAMES_PROPERTY:
                proxy.add(NAMES_PROPERTY[entity.kind], entity.display)
        else:
            proxy.add("keywords", f"{entity.kind}:{entity.value}")
    return proxy


def _thing_of(entity: Entity) -> EntityProxy | None:
    build = THINGS.get(entity.kind)
    if build is None:
        return None
    proxy = build(entity)
    proxy.id = f"{PREFIX}-{entity.kind}-{entity.id}"
    return proxy


def _named(schema: str) -> Callable[[Entity], EntityProxy]:
    def build(entity: Entity) -> EntityProxy:
        proxy = model.make_entity(schema)
        proxy.add("name", entity.display)
        return proxy

    return build


def _seller(entity: Entity) -> EntityProxy:
    proxy = model.make_entity("UserAccount")
    proxy.add("username", entity.value)
    proxy.add("service", "Amazon")
    return proxy


def _court_case(entity: Entity) -> EntityProxy:
    proxy = model.make_entity("CourtCase")
    proxy.add("name", entity.value)
    proxy.add("caseNumber", entity.value)
    return proxy


def _vessel(entity: Entity) -> EntityProxy:
    proxy = model.make_entity("Vessel")
    proxy.add("name", f"IMO {entity.value}")
    proxy.add("imoNumber", entity.value)
    return proxy


def _wallet(currency: str) -> Callable[[Entity], EntityProxy]:
    def build(entity: Entity) -> EntityProxy:
        proxy = model.make_entity("CryptoWallet")
        proxy.add("publicKey", entity.value)
        proxy.add("currency", currency)
        return proxy

    return build


def _bank_account(entity: Entity) -> EntityProxy:
    proxy = model.make_entity("BankAccount")
    proxy.add("iban", entity.value)
    return proxy


THINGS: dict[str, Callable[[Entity], EntityProxy]] = {
    **{kind: _named(schema) for kind, schema in NAME_SCHEMATA.items()},
    "amazon_seller_id": _seller,
    "docket": _court_case,
    "imo": _vessel,
    "bitcoin": _wallet("BTC"),
    "ethereum": _wallet("ETH"),
    "iban": _bank_account,
}


def _mention_entity(document: Document, entity: Entity, thing: EntityProxy) -> EntityProxy:
    proxy = model.make_entity("Mention")
    proxy.id = f"{PREFIX}-mention-{document.id}-{entity.id}"
    proxy.add("document", f"{PREFIX}-document-{document.id}")
    proxy.add("resolved", thing.id)
    proxy.add("name", entity.display)
    proxy.add("detectedSchema", thing.schema.name)
    return proxy


def _write(out: TextIO, proxy: EntityProxy) -> None:
    data = proxy.to_dict()
    error = proxy.schema.validate({"properties": proxy.properties})
    if error:
        raise InvalidFtMEntityError(f"{proxy.schema.name} {proxy.id}: {error}")
    out.write(json.dumps(data, sort_keys=True) + "\n")
