"""``/lookup`` latency over a registry of 1M mentions.

    .venv/bin/python -m benchmarks.lookup [--mentions 1000000] [--write]

Builds (once, cached under benchmarks/.work/lookup-<n>/) a registry with the project's own
migrations and bulk inserts: 200 cases, 50,000 documents (notes of those cases, some of them
6E, and public filings) with one chunk each, 200,000 entities (phones, e-mail addresses,
container numbers, company names) and n mentions whose entities follow a Zipf law, so a few
identifiers are everywhere and most are rare, as in real casework. Then times
:meth:`LookupService.lookup` end to end (parsing what was typed, the SQL, the card) for lookups
typed the way people type them, drawn two ways: uniformly over entities, and in proportion to
how often each is mentioned (the popular identifiers); for three viewers (the local operator, a
member of three cases, the public); plus fuzzy name lookups with a typo.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert
from stdnum import iso6346

from benchmarks import results
from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from casework.storage.cases import Case
from casework.storage.entities import Entity, Mention
from casework.storage.registry import Chunk, Document
from retrieval.testing import HashingEmbedder

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work"
CASES = 200
DOCUMENTS = 50_000
ENTITIES = 200_000
ZIPF_EXPONENT = 1.1
BATCH = 20_000
LOOKUPS_PER_SAMPLE = 200
NAME_LOOKUPS = 100
SEED = 7


@dataclass(frozen=True)
class SyntheticEntity:
    kind: str
    value: str
    typed: str
    """How a user would type it into /lookup."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    home = WORK / f"lookup-{args.mentions}"
    services = build_services(load_settings(CASEBOT_HOME=home), embedder=HashingEmbedder())
    entities = synthetic_entities(random.Random(SEED))
    started = time.perf_counter()
    weights = build_registry(services, entities, args.mentions)
    build_seconds = time.perf_counter() - started
    table = measure(services, entities, weights, args.mentions, build_seconds)
    print(table)
    if args.write:
        command = ".venv/bin/python -m benchmarks.lookup --write"
        if args.mentions != 1_000_000:
            command += f" --mentions {args.mentions}"
        results.write_section("Lookup latency", command, table)


def synthetic_entities(rng: random.Random) -> list[SyntheticEntity]:
    makers: list[Callable[[int], SyntheticEntity]] = [_phone, _email, _container, _company]
    return [makers[index % len(makers)](index) for index in range(ENTITIES)]


EXCHANGES = [exchange for exchange in range(200, 1000) if exchange % 100 != 11]


def _phone(index: int) -> SyntheticEntity:
    """Unique, valid US numbers: index → (area, exchange, line)."""
    number = index // 4
    area = (212, 312, 415, 562, 617, 713, 818, 917)[number % 8]
    exchange = EXCHANGES[(number // 8) % 700]
    line = (number // 5600) * 1000 + 123
    return SyntheticEntity(
        "phone", f"+1{area}{exchange}{line:04d}", f"({area}) {exchange}-{line:04d}"
    )


def _email(index: int) -> SyntheticEntity:
    value = f"seller{index}@outlet{index % 977}.com"
    return SyntheticEntity("email", value, value)


def _container(index: int) -> SyntheticEntity:
    owner = "".join(chr(65 + (index // 26**power) % 26) for power in range(3))
    body = f"{owner}U{index % 1_000_000:06d}"
    value = body + iso6346.calc_check_digit(body)
    return SyntheticEntity("container", value, value)


def _company(index: int) -> SyntheticEntity:
    words = ("harbor", "lumen", "quarry", "veloce", "torvan", "brindle", "quay", "copper")
    name = f"{words[index % 8].title()} {words[(index // 8) % 8].title()} Trading {index}"
    return SyntheticEntity("company", f"{name.lower()} coltd", f"{name} Co., Ltd.")


def build_registry(
    services: Services, entities: Sequence[SyntheticEntity], mentions: int
) -> np.ndarray:
    """The registry (built once, then reused); returns each entity's share of the mentions."""
    rng = np.random.default_rng(SEED)
    ranks = np.arange(1, len(entities) + 1, dtype=np.float64)
    weights = 1.0 / ranks**ZIPF_EXPONENT
    weights /= weights.sum()
    with services.sessions() as session:
        if session.get(Case, "CASE-0000") is not None:
            return weights
    now = datetime(2026, 1, 1)
    _insert(services, Case, _cases(now))
    _insert(services, Document, _documents(now))
    _insert(services, Chunk, _chunks())
    _insert(services, Entity, _entity_rows(entities, now))
    _insert(services, Mention, _mentions(rng, weights, mentions))
    return weights


def _insert(services: Services, model: type, rows: Iterator[dict[str, object]]) -> None:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            _flush(services, model, batch)
            batch = []
    if batch:
        _flush(services, model, batch)


def _flush(services: Services, model: type, batch: list[dict[str, object]]) -> None:
    with services.sessions.begin() as session:
        session.execute(insert(model), batch)


def _cases(now: datetime) -> Iterator[dict[str, object]]:
    for number in range(CASES):
        yield {"id": _case_id(number), "title": f"Case {number}", "created_at": now}


def _case_id(number: int) -> str:
    return f"CASE-{number:04d}"


def _document_id(number: int) -> str:
    return f"doc-{number:07d}"


def _document_scope(number: int) -> tuple[str, str | None, str]:
    """(kind, case, marking): a fifth are public filings, a tenth of the notes are 6E."""
    if number % 5 == 0:
        return "filing", None, "PUBLIC"
    return "note", _case_id(number % CASES), "6E" if number % 10 == 1 else "LES"


def _documents(now: datetime) -> Iterator[dict[str, object]]:
    for number in range(DOCUMENTS):
        kind, case_id, marking = _document_scope(number)
        yield {
            "id": _document_id(number),
            "kind": kind,
            "case_id": case_id,
            "marking": marking,
            "title": f"Synthetic {kind} {number}",
            "source": f"/synthetic/{number}.txt",
            "root_source": f"/synthetic/{number}.txt",
            "sha256": f"{number:064d}",
            "version": 1,
            "media_type": "text/plain",
            "loader": "text",
            "size_bytes": 1000,
            "document_date": _document_date(number),
            "status": "indexed",
            "properties": {},
            "created_at": now,
            "updated_at": now,
        }


def _document_date(number: int) -> date:
    return date(2024, 1, 1) + timedelta(days=number % 700)


def _chunks() -> Iterator[dict[str, object]]:
    text = "Seizure note: the consignee's details were recorded at the port. " * 8
    for number in range(DOCUMENTS):
        yield {
            "id": f"{_document_id(number)}:1:0",
            "document_id": _document_id(number),
            "version": 1,
            "ordinal": 0,
            "page": None,
            "section": None,
            "char_start": 0,
            "char_end": len(text),
            "token_count": 100,
            "text": text,
        }


def _entity_rows(entities: Sequence[SyntheticEntity], now: datetime) -> Iterator[dict[str, object]]:
    for number, entity in enumerate(entities, start=1):
        yield {
            "id": number,
            "kind": entity.kind,
            "value": entity.value,
            "display": entity.typed,
            "created_at": now,
        }


def _mentions(
    rng: np.random.Generator, weights: np.ndarray, count: int
) -> Iterator[dict[str, object]]:
    entity_numbers = rng.choice(len(weights), size=count, p=weights) + 1
    documents = rng.integers(0, DOCUMENTS, size=count)
    starts = rng.integers(0, 400, size=count)
    for entity_number, document, start in zip(entity_numbers, documents, starts, strict=True):
        kind, case_id, marking = _document_scope(int(document))
        yield {
            "entity_id": int(entity_number),
            "document_id": _document_id(int(document)),
            "chunk_id": f"{_document_id(int(document))}:1:0",
            "page": None,
            "char_start": int(start),
            "char_end": int(start) + 12,
            "display": "synthetic",
            "detail": None,
            "case_id": case_id,
            "kind": kind,
            "marking": marking,
            "seen_on": _document_date(int(document)),
        }


def measure(
    services: Services,
    entities: Sequence[SyntheticEntity],
    weights: np.ndarray,
    mentions: int,
    build_seconds: float,
) -> str:
    rng = random.Random(SEED)
    lookups = services.lookups
    viewers = [
        Viewer.operator(),
        Viewer.member("member of three cases", [_case_id(n) for n in (1, 2, 3)]),
        Viewer.public(),
    ]
    lookups.lookup(entities[0].typed, viewers[0])  # warm: name list, statement caches
    uniform = [rng.randrange(len(entities)) for _ in range(LOOKUPS_PER_SAMPLE)]
    popular = list(np.random.default_rng(SEED).choice(len(entities), LOOKUPS_PER_SAMPLE, p=weights))
    names = list(range(3, len(entities), 4 * 50))[:NAME_LOOKUPS]
    rows = []
    for label, picks, typed in (
        ("identifiers, uniform over entities", uniform, _as_typed),
        ("identifiers, by how often mentioned", popular, _as_typed),
        ("company names with a typo (fuzzy)", names, _with_typo),
    ):
        timings = _time(lookups.lookup, [typed(entities[int(i)]) for i in picks], viewers)
        rows.append(_row(label, timings))
    hottest = _time(lookups.lookup, [entities[0].typed] * 20, viewers)
    hottest_label = f"the most mentioned entity (about {int(weights[0] * mentions):,} mentions)"
    rows.append(_row(hottest_label, hottest))
    return "\n".join(
        [
            f"Registry: {mentions:,} mentions of {len(entities):,} entities (Zipf, s = "
            f"{ZIPF_EXPONENT}) in {DOCUMENTS:,} documents of {CASES} cases, SQLite; built in "
            f"{build_seconds:.0f} s (0 when reused). Each lookup is timed for three viewers "
            "(operator, member of three cases, public).",
            "",
            "| lookups | n | p50 ms | p95 ms | max ms |",
            "|---|---|---|---|---|",
            *rows,
            "",
            "Target: p95 ≤ 100 ms on 1M mentions.",
        ]
    )


def _as_typed(entity: SyntheticEntity) -> str:
    return entity.typed


def _with_typo(entity: SyntheticEntity) -> str:
    name = entity.typed.replace(" Co., Ltd.", "")
    return name[:3] + name[4:]


def _time(
    lookup: Callable[[str, Viewer], object], typed: Sequence[str], viewers: Sequence[Viewer]
) -> list[float]:
    timings = []
    for value in typed:
        for viewer in viewers:
            started = time.perf_counter()
            lookup(value, viewer)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def _row(label: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"| {label} | {len(timings)} | {statistics.median(ordered):.1f} | {p95:.1f} | "
        f"{ordered[-1]:.1f} |"
    )


if __name__ == "__main__":
    main()
