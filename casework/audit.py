"""The audit log: an append-only, hash-chained record of what Casebot was asked and answered, the
access decisions it made, the feedback it got and every change to a case.

**The chain.** A record's ``hash`` is the SHA-256 (hex) of the canonical JSON — keys sorted, no
spaces, UTF-8 — of ``{"id", "at", "action", "user_id", "channel_id", "details",
"previous_hash"}``, with ``at`` in ISO 8601 (UTC, no offset). ``previous_hash`` is the hash of the
record before it, ``""`` for the first. Editing a record breaks its own hash; deleting or
reordering records breaks the next record's link; :meth:`AuditLog.verify` names the first record
that fails. An export (:meth:`AuditLog.export`) can be checked the same way, away from the
database (:func:`read_export`, :func:`verify_chain`).

What the chain cannot show: someone with write access to the database who recomputes every later
hash, or who deletes only the newest records. To anchor the chain, keep the ``last_hash`` that
:meth:`AuditLog.verify` reports somewhere else (a ticket, a signed e-mail) from time to time.

**Concurrent writers.** Several bot replicas may append to one database. Each append reads the
newest record and links to it, in a transaction that first takes the chain's append lock, so two
writers can never link to the same record:

- SQLite: the transaction starts with ``BEGIN IMMEDIATE``, which takes the database's write lock
  before the newest record is read (a deferred transaction would read first and could link to a
  record another writer has already followed).
- PostgreSQL: ``LOCK TABLE audit_log IN EXCLUSIVE MODE``; readers go on, other appenders wait,
  and the read that follows sees what they committed. ``SELECT … FOR UPDATE`` on the newest
  record is not enough: an empty log has no row to lock, and a writer that waited on the row is
  handed the same, now superseded, row once the lock is released, and links to it too.
- Any other database: no lock is taken, but ``previous_hash`` is unique, so the writer that lost
  the race fails with an ``IntegrityError`` instead of forking the chain.

:meth:`AuditLog.appending` gives that locked transaction to callers who write their own rows in
it (:class:`casework.cases.CaseDirectory` does, so a case change and its record commit together).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal, TextIO

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session

from casework import texts
from casework.errors import InvalidFeedbackError, UnknownAuditRecordError
from casework.storage.audit_log import AuditRecord, Feedback
from casework.storage.db import SessionFactory

QUESTION: Final = "question"
ANSWER: Final = "answer"
FEEDBACK: Final = "feedback"
ACCESS_DECISION: Final = "access_decision"
CASE_CHANGE: Final = "case_change"
FILE_INGESTED: Final = "file_ingested"
LOOKUP: Final = "lookup"
HIT_NOTICE: Final = "hit_notice"
REFERRAL: Final = "referral"
"""A referral to a partner agency: its creation, every move of its lifecycle, each delivery and
each given-up delivery (:mod:`casework.referrals.store`), written with its history row."""
SOURCE_RUN: Final = "source_run"
"""A request to run a scheduled source now, from Slack: granted or refused, with the reason."""
ACTIONS: Final = (
    QUESTION,
    ANSWER,
    FEEDBACK,
    ACCESS_DECISION,
    CASE_CHANGE,
    FILE_INGESTED,
    LOOKUP,
    HIT_NOTICE,
    REFERRAL,
    SOURCE_RUN,
)

FEEDBACK_VALUES: Final = ("up", "down")
ExportFormat = Literal["csv", "jsonl"]
EXPORT_FIELDS: Final = (
    "id",
    "at",
    "action",
    "user_id",
    "channel_id",
    "details",
    "previous_hash",
    "hash",
)
_STREAM_BATCH = 500
_ANSWER_SEARCH = 500
"""Answers recorded after a question among which its own is looked for."""


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    """UTC, without an offset."""
    action: str
    user_id: str | None
    """None: the local operator or Casebot itself."""
    channel_id: str | None
    details: dict[str, Any]
    previous_hash: str
    hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "action": self.action,
            "user_id": self.user_id,
            "channel_id": self.channel_id,
            "details": self.details,
            "previous_hash": self.previous_hash,
            "hash": self.hash,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuditEntry:
        return cls(
            id=int(data["id"]),
            at=datetime.fromisoformat(data["at"]),
            action=data["action"],
            user_id=data["user_id"],
            channel_id=data["channel_id"],
            details=data["details"],
            previous_hash=data["previous_hash"],
            hash=data["hash"],
        )

    def expected_hash(self) -> str:
        """The hash this record's contents and link call for (see the module docstring)."""
        chained = self.as_json()
        del chained["hash"]
        return hashlib.sha256(canonical_json(chained).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    """Records checked: all of them when ``ok``, else up to and including the first bad one."""
    first_bad_id: int | None = None
    problem: str | None = None
    last_hash: str = ""
    """Hash of the last record found good: worth keeping elsewhere to anchor the chain."""


class AuditTransaction:
    """A transaction holding the chain's append lock. Rows written in :attr:`session` commit
    together with the records appended by :meth:`record`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        action: str,
        user_id: str | None,
        channel_id: str | None,
        details: dict[str, Any],
    ) -> AuditEntry:
        row = AuditRecord(
            at=_now(),
            action=str(action),
            user_id=user_id,
            channel_id=channel_id,
            details=_as_stored(details),
            previous_hash=self._newest_hash(),
            hash="",
        )
        self.session.add(row)
        self.session.flush()  # the database assigns the id, which the hash covers
        row.hash = _entry_of(row).expected_hash()
        self.session.flush()
        return _entry_of(row)

    def _newest_hash(self) -> str:
        newest = select(AuditRecord.hash).order_by(AuditRecord.id.desc()).limit(1)
        return self.session.scalar(newest) or ""


class AuditLog:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    @contextmanager
    def appending(self) -> Iterator[AuditTransaction]:
        """One transaction holding the append lock; commits on leaving, rolls back on error."""
        with self._sessions.begin() as session:
            _take_append_lock(session)
            yield AuditTransaction(session)

    def record(
        self,
        action: str,
        user_id: str | None,
        channel_id: str | None,
        details: dict[str, Any],
    ) -> AuditEntry:
        """Append one record. ``details`` must be JSON-serialisable; it is stored as JSON."""
        with self.appending() as chain:
            return chain.record(action, user_id, channel_id, details)

    def record_feedback(
        self,
        question_audit_id: int,
        user_id: str,
        value: str,
        channel_id: str | None = None,
    ) -> AuditEntry:
        """Store a :class:`Feedback` row and its ``FEEDBACK`` record in one transaction."""
        if value not in FEEDBACK_VALUES:
            raise InvalidFeedbackError(value)
        with self.appending() as chain:
            if chain.session.get(AuditRecord, question_audit_id) is None:
                raise UnknownAuditRecordError(question_audit_id)
            feedback = Feedback(
                question_audit_id=question_audit_id, user_id=user_id, value=value, at=_now()
            )
            chain.session.add(feedback)
            chain.session.flush()
            details = {
                "question_audit_id": question_audit_id,
                "value": value,
                "feedback_id": feedback.id,
            }
            return chain.record(FEEDBACK, user_id, channel_id, details)

    def entries(
        self,
        action: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Matching records, oldest first; with ``limit``, the newest ``limit`` of them."""
        query = _matching(action, user_id, since)
        if limit is None:
            return list(self._stream(query.order_by(AuditRecord.id)))
        newest = list(self._stream(query.order_by(AuditRecord.id.desc()).limit(limit)))
        return newest[::-1]

    def answer_to(self, question_audit_id: int) -> AuditEntry | None:
        """The ``ANSWER`` record of a question: the first one after it that points back to it
        (others' answers may be recorded in between)."""
        query = (
            select(AuditRecord)
            .where(AuditRecord.id > question_audit_id, AuditRecord.action == ANSWER)
            .order_by(AuditRecord.id)
            .limit(_ANSWER_SEARCH)
        )
        for entry in self._stream(query):
            if entry.details.get("question_audit_id") == question_audit_id:
                return entry
        return None

    def export(
        self,
        fmt: ExportFormat,
        out: TextIO,
        *,
        action: str | None = None,
        user_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> int:
        """Write the matching records (filters as for :meth:`entries`) as CSV or JSON lines;
        returns how many. CSV holds ``details`` as JSON text and a missing id as empty."""
        if limit is None:
            found: Iterable[AuditEntry] = self._stream(
                _matching(action, user_id, since).order_by(AuditRecord.id)
            )
        else:
            found = self.entries(action, user_id, since, limit)
        return _WRITERS[fmt](found, out)

    def verify(self) -> AuditVerification:
        """Recompute every record's hash and link, oldest first; stop at the first bad one."""
        return verify_chain(self._stream(select(AuditRecord).order_by(AuditRecord.id)))

    def _stream(self, query: Select[AuditRecord]) -> Iterator[AuditEntry]:
        with self._sessions() as session:
            rows = session.scalars(query.execution_options(yield_per=_STREAM_BATCH))
            for row in rows:
                yield _entry_of(row)


def verify_chain(entries: Iterable[AuditEntry]) -> AuditVerification:
    """Check a whole chain, oldest first: each hash against its record, each link against the
    record before it. Works on the database's records and on an unfiltered export alike."""
    checked = 0
    previous: AuditEntry | None = None
    for entry in entries:
        checked += 1
        problem = _problem_with(entry, previous)
        if problem is not None:
            last_good = previous.hash if previous else ""
            return AuditVerification(False, checked, entry.id, problem, last_good)
        previous = entry
    return AuditVerification(True, checked, last_hash=previous.hash if previous else "")


def read_export(fmt: ExportFormat, source: TextIO) -> Iterator[AuditEntry]:
    """The records of an export written by :meth:`AuditLog.export`, in its order."""
    if fmt == "jsonl":
        for line in source:
            if line.strip():
                yield AuditEntry.from_json(json.loads(line))
        return
    for row in csv.DictReader(source):
        yield AuditEntry.from_json(_json_of_csv_row(row))


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def _problem_with(entry: AuditEntry, previous: AuditEntry | None) -> str | None:
    if entry.hash != entry.expected_hash():
        return texts.RECORD_ALTERED.format(record_id=entry.id)
    if previous is None:
        if entry.previous_hash:
            return texts.FIRST_RECORD_UNLINKED.format(record_id=entry.id)
        return None
    if entry.previous_hash != previous.hash:
        return texts.RECORD_UNLINKED.format(record_id=entry.id, previous_id=previous.id)
    return None


def _matching(
    action: str | None, user_id: str | None, since: datetime | None
) -> Select[AuditRecord]:
    query = select(AuditRecord)
    if action is not None:
        query = query.where(AuditRecord.action == action)
    if user_id is not None:
        query = query.where(AuditRecord.user_id == user_id)
    if since is not None:
        query = query.where(AuditRecord.at >= _as_naive_utc(since))
    return query


def _take_append_lock(session: Session) -> None:
    """See "Concurrent writers" in the module docstring. Must be the transaction's first
    statement."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    elif dialect == "postgresql":
        session.execute(text(f"LOCK TABLE {AuditRecord.__tablename__} IN EXCLUSIVE MODE"))


def _write_jsonl(entries: Iterable[AuditEntry], out: TextIO) -> int:
    written = 0
    for entry in entries:
        out.write(json.dumps(entry.as_json(), ensure_ascii=False) + "\n")
        written += 1
    return written


def _write_csv(entries: Iterable[AuditEntry], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    written = 0
    for entry in entries:
        row = entry.as_json()
        row["details"] = canonical_json(entry.details)
        writer.writerow(row)
        written += 1
    return written


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv}


def _json_of_csv_row(row: dict[str, str]) -> dict[str, Any]:
    return {
        **row,
        "user_id": row["user_id"] or None,
        "channel_id": row["channel_id"] or None,
        "details": json.loads(row["details"]),
    }


def _entry_of(row: AuditRecord) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        action=row.action,
        user_id=row.user_id,
        channel_id=row.channel_id,
        details=row.details,
        previous_hash=row.previous_hash,
        hash=row.hash,
    )


def _as_stored(details: dict[str, Any]) -> dict[str, Any]:
    """``details`` as the JSON column gives it back (tuples become lists, keys strings), so the
    hash is computed over what is read later."""
    stored: dict[str, Any] = json.loads(json.dumps(details, allow_nan=False))
    return stored


def _as_naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
