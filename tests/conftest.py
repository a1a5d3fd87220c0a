"""Shared fixtures. Every test runs with a clean environment and its stores under tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Services, build_services
from bot.testing.environment import SETTING_PREFIXES
from casework.settings import Settings, load_settings
from ingestion.loaders.base import LoadLimits
from retrieval.embeddings import SentenceTransformerEmbedder
from retrieval.testing import HashingEmbedder

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _hermetic_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in list(os.environ):
        if name.startswith(SETTING_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("CASEBOT_HOME", str(tmp_path / "casebot-home"))
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared public corpus (read-only), beside the checkout."""
    path = Path(os.environ.get("SHARED_CORPUS_DIR", REPO_ROOT.parent / "shared" / "corpus"))
    if not path.is_dir():
        pytest.fail(f"shared corpus not found at {path}; set SHARED_CORPUS_DIR")
    return path


@pytest.fixture
def limits() -> LoadLimits:
    return LoadLimits(
        max_file_bytes=50 * 1024 * 1024,
        archive_max_depth=3,
        archive_max_members=1000,
        archive_max_total_bytes=200 * 1024 * 1024,
        archive_max_ratio=100.0,
    )


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    """The bundled MiniLM model, loaded once for the whole test session."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    return SentenceTransformerEmbedder()


@pytest.fixture
def hashing_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(CASEBOT_HOME=tmp_path / "casebot-home")


@pytest.fixture
def services(settings: Settings, hashing_embedder: HashingEmbedder) -> Services:
    """Real SQLite and real Chroma under tmp_path, with the deterministic embedder."""
    return build_services(settings, embedder=hashing_embedder)


@pytest.fixture
def real_services(settings: Settings, real_embedder: SentenceTransformerEmbedder) -> Services:
    return build_services(settings, embedder=real_embedder)
