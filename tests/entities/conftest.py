"""Two counterfeit cases that share a seller's phone, and a public filing, on real SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.services import Services
from casework.markings import Kind, Marking
from ingestion.pipeline import IngestOptions, RunReport

HARBOR = "OP-HARBOR-LIGHT"
QUARRY = "OP-QUARRY"
HARBOR_ROOM = "C0HARBOR"
QUARRY_ROOM = "C0QUARRY"
HARBOR_LEAD = "U0HLEAD"
QUARRY_LEAD = "U0QLEAD"
HARBOR_AGENT = "U0HAGENT"

SHARED_PHONE = "+13125550100"
HARBOR_NOTE = """Seizure note, Chicago O'Hare, 14 March 2025.
Officers held 40 cartons of 'Veloce' e-bike batteries shipped by UPS 1Z999AA10123456784
in container CSQU3054383. The consignee's phone was (312) 555-0100 and the seller
wrote from ops@brightstar-trade.com.
"""
QUARRY_NOTE = """Marketplace complaint, 2 June 2025.
The listing for counterfeit 'Lumo' chargers gave +1 312-555-0100 as the support line.
Payments went to the seller's e-mail sales@quarry-outlet.com.
"""
PUBLIC_RELEASE = """Press release, 1 July 2025.
A man who sold counterfeit batteries was charged. Buyers called 312.555.0100 to order.
"""


@dataclass
class World:
    services: Services
    folder: Path

    def write(self, name: str, text: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def note(self, case_id: str, path: Path, marking: Marking | None = None) -> RunReport:
        options = IngestOptions(kind=Kind.NOTE, case_id=case_id, marking=marking)
        return self.services.ingestion.ingest([path], options)

    def filing(self, path: Path) -> RunReport:
        return self.services.ingestion.ingest([path], IngestOptions(kind=Kind.FILING))


@pytest.fixture
def world(services: Services, tmp_path: Path) -> World:
    services.cases.create(
        HARBOR,
        "Counterfeit e-bike batteries",
        channels=[HARBOR_ROOM],
        members=[HARBOR_AGENT],
        leads=[HARBOR_LEAD],
    )
    services.cases.create(
        QUARRY, "Counterfeit chargers", channels=[QUARRY_ROOM], leads=[QUARRY_LEAD]
    )
    return World(services, tmp_path / "files")
