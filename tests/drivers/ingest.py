"""Runs one ingestion in its own process, for tests that kill it or run it as another user.

    python -m tests.drivers.ingest --kill-at N PATH...

uses real SQLite and real Chroma under CASEBOT_HOME and the deterministic test embedder. With
``--kill-at N`` the process SIGKILLs itself at the N-th store mutation (a vector-index write or
delete, or a registry commit), so a test can stop a run at every step of the commit protocol.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bot.services import build_services
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import Vectors
from retrieval.testing import HashingEmbedder
from retrieval.vector_store import IndexEntry, VectorHit, VectorIndex


class KillSwitch:
    def __init__(self, kill_at: int | None) -> None:
        self._kill_at = kill_at
        self.events = 0

    def tick(self) -> None:
        self.events += 1
        if self._kill_at is not None and self.events >= self._kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


class KillingIndex:
    """Delegates to the real index; every mutation is a point where the process may die."""

    def __init__(self, inner: VectorIndex, switch: KillSwitch) -> None:
        self._inner = inner
        self._switch = switch

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        half = len(entries) // 2
        self._inner.add(entries[:half], vectors[:half])
        self._switch.tick()
        self._inner.add(entries[half:], vectors[half:])
        self._switch.tick()

    def delete_version(self, document_id: str, version: int) -> None:
        self._switch.tick()
        self._inner.delete_version(document_id, version)
        self._switch.tick()

    def delete_document(self, document_id: str) -> None:
        self._switch.tick()
        self._inner.delete_document(document_id)
        self._switch.tick()

    def versions(self) -> Counter[tuple[str, int]]:
        return self._inner.versions()

    def count(self) -> int:
        return self._inner.count()

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        return self._inner.similarities(vector, ids)

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        return self._inner.query(vector, limit, where)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--kill-at", type=int, default=None)
    parser.add_argument("--prune", action="store_true")
    args = parser.parse_args()

    services = build_services(load_settings(), embedder=HashingEmbedder())
    switch = KillSwitch(args.kill_at)
    services.vector_index = KillingIndex(services.vector_index, switch)
    event.listen(services.engine, "commit", lambda _connection: switch.tick())
    report = services.ingestion.ingest(args.paths, IngestOptions(prune=args.prune))
    print(json.dumps({"report": report.as_json(), "events": switch.events}))


if __name__ == "__main__":
    main()
