"""A run killed with SIGKILL at any step, then run again, leaves the registry and the vector index
in agreement: no orphan vectors, no document missing vectors, no duplicates."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.services import Services, build_services
from casework.settings import load_settings
from casework.storage.ingestion_journal import IndexJournalEntry
from casework.storage.registry import Chunk, Document
from tests.conftest import REPO_ROOT

FILES = 3
EVERY_STEP_TIMEOUT = 1800
"""Two driver processes per step: a few minutes on a quiet machine, far more on a busy one."""


def run_driver(home: Path, folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CASEBOT_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tests.drivers.ingest", str(folder), *extra],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write_corpus(folder: Path, revision: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(FILES):
        sentences = " ".join(
            f"Revision {revision} note {index} line {line}: parcel {index * 100 + line} held."
            for line in range(40)
        )
        (folder / f"note-{index}.txt").write_text(sentences)


def assert_consistent(services: Services, revision: str) -> None:
    consistency = services.indexer.check()
    assert consistency.ok, consistency
    with services.sessions() as session:
        sources = list(session.scalars(select(Document.source)))
        assert len(sources) == len(set(sources)) == FILES
        chunk_ids = set(session.scalars(select(Chunk.id)))
        chunkless = session.scalar(
            select(func.count()).select_from(Document).where(~Document.chunks.any())
        )
        assert chunkless == 0
        assert session.scalar(select(func.count()).select_from(IndexJournalEntry)) == 0
        texts = list(session.scalars(select(Chunk.text)))
    assert all(f"Revision {revision}" in text for text in texts)
    assert services.vector_index.ids() == chunk_ids  # type: ignore[attr-defined]


def count_events(home: Path, folder: Path) -> int:
    result = run_driver(home, folder)
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout.splitlines()[-1])["events"])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write_corpus(folder, "A")
    return folder


@pytest.mark.timeout(EVERY_STEP_TIMEOUT)
def test_killed_first_ingest_recovers_at_every_step(
    tmp_path: Path, corpus: Path, services: Services
) -> None:
    total = count_events(tmp_path / "probe-home", corpus)
    for kill_at in range(1, total + 1):
        home = tmp_path / f"home-{kill_at}"
        killed = run_driver(home, corpus, "--kill-at", str(kill_at))
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        finished = run_driver(home, corpus)
        assert finished.returncode == 0, finished.stderr
        assert_consistent(services_for(home, services), "A")


@pytest.mark.timeout(EVERY_STEP_TIMEOUT)
def test_killed_update_recovers_at_every_step(
    tmp_path: Path, corpus: Path, services: Services
) -> None:
    probe = tmp_path / "probe"
    assert run_driver(probe, corpus).returncode == 0
    write_corpus(corpus, "B")
    update_events = count_events(probe, corpus)
    for kill_at in range(1, update_events + 1):
        home = tmp_path / f"home-{kill_at}"
        write_corpus(corpus, "A")
        assert run_driver(home, corpus).returncode == 0
        write_corpus(corpus, "B")
        killed = run_driver(home, corpus, "--kill-at", str(kill_at))
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        assert run_driver(home, corpus).returncode == 0
        assert_consistent(services_for(home, services), "B")


def test_kills_at_random_moments_then_a_clean_run(
    tmp_path: Path, corpus: Path, services: Services
) -> None:
    home = tmp_path / "home"
    rng = random.Random(20261128)
    for revision in ("B", "C", "D"):
        write_corpus(corpus, revision)
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.drivers.ingest", str(corpus)],
            cwd=REPO_ROOT,
            env={**os.environ, "CASEBOT_HOME": str(home)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            process.wait(timeout=rng.uniform(2.0, 6.0))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert run_driver(home, corpus).returncode == 0
    assert_consistent(services_for(home, services), "D")


def services_for(home: Path, template: Services) -> Services:
    return build_services(load_settings(CASEBOT_HOME=home), embedder=template.embedder)
