"""One ingestion at a time per registry: across processes sharing a data folder (embedded), and
across hosts sharing a PostgreSQL database, where no data folder is shared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.services import Services, build_services
from casework.settings import load_settings
from ingestion.lock import IngestionBusyError, registry_lock
from ingestion.pipeline import IngestOptions
from retrieval.testing import HashingEmbedder
from tests.backends import Backend

pytestmark = pytest.mark.backends


def another_host(backend: Backend, services: Services, tmp_path: Path) -> Services:
    """Services on the same registry; on the server backend with a data folder of its own."""
    home = tmp_path / "other-host" if backend.database_url else services.settings.casebot_home
    settings = load_settings(CASEBOT_HOME=home, **backend.settings_overrides())
    return build_services(settings, embedder=HashingEmbedder())


def test_a_second_ingestion_is_refused_while_one_runs_and_allowed_after(
    services: Services, backend: Backend, tmp_path: Path
) -> None:
    other = another_host(backend, services, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.md").write_text("# Seizure\n\nForty pallets of fake chargers.\n")

    with (
        registry_lock(services.engine, services.settings.casebot_home),
        pytest.raises(IngestionBusyError, match="another ingestion is running"),
    ):
        other.ingestion.ingest([folder], IngestOptions())
    report = other.ingestion.ingest([folder], IngestOptions())

    assert report.added == 1


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from casework.storage.db import create_registry_engine
from ingestion.lock import registry_lock
lock = registry_lock(create_registry_engine(sys.argv[1]), Path(sys.argv[2]))
lock.__enter__()
print("held", flush=True)
time.sleep(120)
"""


def test_a_lock_holder_that_dies_releases_the_lock(
    services: Services, backend: Backend, tmp_path: Path
) -> None:
    home = services.settings.casebot_home
    url = backend.registry_url(home)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, url, str(home)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(IngestionBusyError):
            registry_lock(services.engine, home).__enter__()
    finally:
        holder.kill()
        holder.wait(timeout=30)

    with registry_lock(services.engine, home):
        pass
