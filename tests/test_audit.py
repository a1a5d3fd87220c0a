"""The hash-chained audit log on real SQLite: it verifies, tampering is found at the right
record, exports read back whole, and concurrent writers leave one unbroken chain."""

from __future__ import annotations

import hashlib
import io
import json
import threading
from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from bot.services import Services, build_services
from casework.audit import (
    ANSWER,
    FEEDBACK,
    QUESTION,
    AuditLog,
    ExportFormat,
    read_export,
    verify_chain,
)
from casework.errors import InvalidFeedbackError, UnknownAuditRecordError
from casework.settings import Settings
from casework.storage.audit_log import Feedback
from retrieval.testing import HashingEmbedder

pytestmark = pytest.mark.backends


@pytest.fixture
def audit(services: Services) -> AuditLog:
    """Six records: three questions, each with its answer."""
    for n, user in enumerate(["U-ANA", "U-BEN", "U-ANA"], start=1):
        question = f"How many batteries were seized? ({n})"
        services.audit.record(QUESTION, user, "C-HARBOR", {"question": question})
        services.audit.record(ANSWER, None, "C-HARBOR", {"answer": "960", "citations": [1, 2]})
    return services.audit


def tamper(services: Services, *statements: str) -> None:
    """Change the stored records behind the log's back, as someone with database access could."""
    with services.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def test_an_untouched_chain_verifies(audit: AuditLog) -> None:
    entries = audit.entries()
    verification = audit.verify()

    assert verification.ok
    assert verification.checked == 6
    assert verification.first_bad_id is None
    assert verification.problem is None
    assert verification.last_hash == entries[-1].hash
    assert entries[0].previous_hash == ""
    assert all(entry.previous_hash == before.hash for before, entry in pairwise(entries))


def test_an_empty_log_verifies(services: Services) -> None:
    verification = services.audit.verify()

    assert (verification.ok, verification.checked, verification.last_hash) == (True, 0, "")


def test_the_hash_is_sha256_of_the_documented_canonical_json(audit: AuditLog) -> None:
    first, second = audit.entries(limit=None)[:2]
    canonical = json.dumps(
        {
            "id": second.id,
            "at": second.at.isoformat(),
            "action": "answer",
            "user_id": None,
            "channel_id": "C-HARBOR",
            "details": {"answer": "960", "citations": [1, 2]},
            "previous_hash": first.hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )

    assert second.hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_editing_a_records_details_is_found_at_that_record(
    services: Services, audit: AuditLog
) -> None:
    tamper(services, """UPDATE audit_log SET details = '{"question": "nothing"}' WHERE id = 3""")

    verification = audit.verify()

    assert (verification.ok, verification.first_bad_id, verification.checked) == (False, 3, 3)
    assert verification.problem is not None and "changed" in verification.problem
    assert verification.last_hash == audit.entries()[1].hash


def test_deleting_a_record_is_found_at_the_record_after_it(
    services: Services, audit: AuditLog
) -> None:
    tamper(services, "DELETE FROM audit_log WHERE id = 4")

    verification = audit.verify()

    assert (verification.ok, verification.first_bad_id) == (False, 5)
    assert verification.problem is not None and "deleted" in verification.problem


def test_deleting_the_first_record_is_found_at_the_new_first(
    services: Services, audit: AuditLog
) -> None:
    tamper(services, "DELETE FROM audit_log WHERE id = 1")

    verification = audit.verify()

    assert (verification.ok, verification.first_bad_id) == (False, 2)


def test_swapping_two_records_is_found_at_the_earlier_position(
    services: Services, audit: AuditLog
) -> None:
    tamper(
        services,
        "UPDATE audit_log SET id = -1 WHERE id = 4",
        "UPDATE audit_log SET id = 4 WHERE id = 3",
        "UPDATE audit_log SET id = 3 WHERE id = -1",
    )

    verification = audit.verify()

    assert (verification.ok, verification.first_bad_id) == (False, 3)


def test_the_database_refuses_a_fork_in_the_chain(services: Services, audit: AuditLog) -> None:
    second = audit.entries()[1]

    with pytest.raises(IntegrityError):
        tamper(
            services,
            "INSERT INTO audit_log (at, action, details, previous_hash, hash) "
            f"VALUES ('2026-01-01 00:00:00', 'answer', '{{}}', '{second.previous_hash}', 'x')",
        )


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_export_reads_back_as_the_same_records_and_verifies(
    audit: AuditLog, fmt: ExportFormat
) -> None:
    audit.record(QUESTION, "U-ANA", None, {"question": 'Quotes " commas, and\nnewlines, ünïcode'})
    out = io.StringIO()

    written = audit.export(fmt, out)

    read_back = list(read_export(fmt, io.StringIO(out.getvalue())))
    assert written == 7
    assert read_back == audit.entries()
    assert verify_chain(read_back).ok


def test_an_export_takes_the_same_filters_as_entries(audit: AuditLog) -> None:
    out = io.StringIO()

    written = audit.export("jsonl", out, action=QUESTION, user_id="U-ANA")

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert written == 2
    assert [line["id"] for line in lines] == [1, 5]


def test_entries_filter_by_action_user_and_time_and_keep_the_newest(audit: AuditLog) -> None:
    everything = audit.entries()

    assert [entry.id for entry in audit.entries(action=QUESTION)] == [1, 3, 5]
    assert [entry.id for entry in audit.entries(user_id="U-BEN")] == [3]
    assert [entry.id for entry in audit.entries(limit=2)] == [5, 6]
    assert [entry.id for entry in audit.entries(action=ANSWER, limit=1)] == [6]
    assert audit.entries(since=everything[3].at) == everything[3:]
    assert audit.entries(since=everything[-1].at + timedelta(seconds=1)) == []


def test_details_are_hashed_as_they_are_stored(services: Services) -> None:
    details: dict[Any, Any] = {"pages": (1, 2), 7: "seven"}

    entry = services.audit.record(QUESTION, "U-ANA", None, details)

    assert entry.details == {"pages": [1, 2], "7": "seven"}
    assert services.audit.verify().ok


def test_feedback_is_stored_with_its_audit_record(services: Services, audit: AuditLog) -> None:
    question = audit.entries(action=QUESTION)[0]

    entry = audit.record_feedback(question.id, "U-BEN", "down")

    with services.sessions() as session:
        [feedback] = session.scalars(select(Feedback)).all()
    assert (feedback.question_audit_id, feedback.user_id, feedback.value) == (
        question.id,
        "U-BEN",
        "down",
    )
    assert entry.action == FEEDBACK
    assert entry.details == {"question_audit_id": question.id, "value": "down", "feedback_id": 1}
    assert audit.verify().ok


def test_feedback_must_be_up_or_down_on_a_known_record(services: Services, audit: AuditLog) -> None:
    with pytest.raises(InvalidFeedbackError, match="'up' or 'down'"):
        audit.record_feedback(1, "U-BEN", "meh")
    with pytest.raises(UnknownAuditRecordError):
        audit.record_feedback(999, "U-BEN", "up")

    with services.sessions() as session:
        assert session.scalars(select(Feedback)).all() == []
    assert len(audit.entries()) == 6


def test_two_writers_appending_at_once_leave_one_intact_chain(settings: Settings) -> None:
    """Two replicas: separate engines and connection pools on one database."""
    replicas = [build_services(settings, embedder=HashingEmbedder()) for _ in range(2)]
    for replica in replicas:
        replica.engine  # migrate before the race  # noqa: B018
    start = threading.Barrier(len(replicas))
    failures: list[BaseException] = []

    def append_fifty(replica: Services, name: str) -> None:
        start.wait()
        try:
            for n in range(50):
                replica.audit.record(QUESTION, name, None, {"n": n})
        except BaseException as error:
            failures.append(error)

    threads = [
        threading.Thread(target=append_fifty, args=(replica, f"U-{index}"))
        for index, replica in enumerate(replicas)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    verification = replicas[0].audit.verify()
    assert (verification.ok, verification.checked) == (True, 100)
    for name in ("U-0", "U-1"):
        found = replicas[1].audit.entries(user_id=name)
        assert [entry.details["n"] for entry in found] == list(range(50))
