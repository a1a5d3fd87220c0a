"""Fakes and a small case for the referral tests: real classes, no mocks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.services import Services
from casework.markings import Kind, Marking
from casework.referrals.delivery import (
    DeliveryFailedError,
    DeliveryTarget,
    Rendered,
    Sender,
    TargetKind,
)
from casework.referrals.outbox import FailureHook, OutboxDrainer
from casework.referrals.package import ReferralPackage
from casework.storage.registry import Document
from casework.usecases.requester import Requester, Surface
from ingestion.pipeline import IngestOptions

CASE = "OP-HARBOR"
ROOM = "C0HARBOR01"
LEAD = "U0LEAD"
MEMBER = "U0MEMBER"
OUTSIDER = "U0OUTSIDER"
CBP_CHANNEL = "C0CBP01"
IPRC_CHANNEL = "C0IPRC01"

PARTNERS_YAML = f"""\
partners:
  - id: cbp
    name: Customs
    kind: government
    deliveries:
      - email: ipr@cbp.example.gov
      - slack_channel: {CBP_CHANNEL}
    markings: [PUBLIC, LES]
  - id: iprc
    name: IPR Center
    kind: government
    deliveries:
      - slack_channel: {IPRC_CHANNEL}
    markings: [PUBLIC, LES]
    requires_approval: true
  - id: carrier
    name: Carrier
    kind: private
    deliveries:
      - webhook: http://127.0.0.1:9/hook
        secret: test-secret
    markings: [PUBLIC]
    tlp: AMBER
"""

NOTES = {
    "seizure-report.txt": (
        Marking.LES,
        "CBP seized forty pallets of counterfeit Veloce batteries at Newark. The importer of "
        "record was Harbor Imports LLC, phone (312) 555-0142. The broker's clerk gave her "
        "personal cell (646) 555-0199.",
    ),
    "press-release.txt": (
        Marking.PUBLIC,
        "Veloce warns of counterfeit e-bike batteries sold online. Fires were reported.",
    ),
    "grand-jury.txt": (
        Marking.SIXE,
        "Grand jury testimony: the importer admitted routing through Ningbo.",
    ),
}


def member(user_id: str = MEMBER) -> Requester:
    """A member asking in a direct message: every case they are a member of."""
    return Requester.in_slack(user_id, "D0DIRECT", Surface.BUTTON)


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=1)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class RecordingSender:
    kind: TargetKind
    sent: list[tuple[str, str]] = field(default_factory=list)

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        self.sent.append((target.key, rendered.package.referral_id))
        return f"ref-{len(self.sent)}"


@dataclass
class FlakySender:
    """Fails ``failures`` times, then delivers."""

    kind: TargetKind
    failures: int
    permanent: bool = False
    calls: int = 0
    sent: list[str] = field(default_factory=list)

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        self.calls += 1
        if self.calls <= self.failures:
            raise DeliveryFailedError(
                f"partner unreachable ({self.calls})", permanent=self.permanent
            )
        self.sent.append(target.key)
        return "ok"


class Crash(BaseException):
    """A process dying mid-send: nothing after it runs."""


@dataclass
class CrashingSender:
    kind: TargetKind

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        raise Crash


@dataclass
class FailureLog:
    failures: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, referral_id: str, error: str) -> None:
        self.failures.append((referral_id, error))


def fake_render(package: ReferralPackage) -> Rendered:
    return Rendered(package, b"%PDF-fake", json.dumps(package.as_json()))


def drainer(
    services: Services,
    clock: FakeClock,
    *senders: Sender,
    worker_id: str = "worker-1",
    max_attempts: int = 3,
    on_failed: FailureHook | None = None,
) -> OutboxDrainer:
    return OutboxDrainer(
        services.sessions,
        services.audit,
        services.partners,
        services.case_material,
        {sender.kind: sender for sender in senders},
        fake_render,
        clock,
        worker_id,
        max_attempts=max_attempts,
        base_delay=timedelta(seconds=10),
        lease=timedelta(minutes=5),
        on_failed=on_failed,
    )


def set_up_case(services: Services, notes_dir: Path) -> dict[str, str]:
    """The case, its notes ingested; returns document ids by file name."""
    services.cases.create(
        CASE,
        "Counterfeit batteries",
        channels=[ROOM],
        members=[MEMBER],
        leads=[LEAD],
        sixe_cleared=[MEMBER],
    )
    notes_dir.mkdir(parents=True, exist_ok=True)
    for name, (marking, text) in NOTES.items():
        path = notes_dir / marking.value / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        options = IngestOptions(kind=Kind.NOTE, case_id=CASE, marking=marking)
        services.ingestion.ingest([path], options)
    return documents_by_file_name(services)


def documents_by_file_name(services: Services) -> dict[str, str]:
    with services.sessions() as session:
        rows = list(session.execute(select(Document.id, Document.source)).tuples())
    return {name: _by_source(rows, name) for name in NOTES}


def titles(services: Services) -> dict[str, str]:
    """Titles by document id, as packages name the documents."""
    with services.sessions() as session:
        return dict(session.execute(select(Document.id, Document.title)).tuples().all())


def _by_source(rows: Sequence[tuple[str, str]], name: str) -> str:
    for document_id, source in rows:
        if source.endswith(name):
            return document_id
    raise AssertionError(f"{name} not ingested")
