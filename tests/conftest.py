"""Shared fixtures. Every test runs with a clean environment and its stores under tmp_path.

A test module marked ``pytest.mark.backends`` runs each of its tests that uses ``backend``
(directly, or through ``settings``/``services``) twice: ``[embedded]`` on SQLite and a persistent
Chroma under tmp_path, ``[server]`` on a fresh PostgreSQL database and a fresh collection of a
Chroma server (see :mod:`tests.backends`). Unmarked tests run on the embedded backend only.
"""

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
from tests.backends import (
    BACKEND_NAMES,
    EMBEDDED,
    EMBEDDED_BACKEND,
    Backend,
    ServerBackends,
    server_backends,
)

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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend_name" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
        "backends"
    ):
        metafunc.parametrize("backend_name", BACKEND_NAMES, indirect=True, scope="module")


@pytest.fixture(scope="module")
def backend_name(request: pytest.FixtureRequest) -> str:
    """``embedded``, or ``server`` in a module marked ``backends``."""
    name = str(getattr(request, "param", EMBEDDED))
    if name != EMBEDDED:
        # Set up here, before any test's own fixtures empty the environment it reads.
        request.getfixturevalue("servers")
    return name


@pytest.fixture(scope="session")
def servers() -> Iterator[ServerBackends]:
    """The PostgreSQL and Chroma servers of ``CASEBOT_TEST_*_URL``; skips (fails on CI)
    without them."""
    with server_backends() as found:
        yield found


@pytest.fixture
def backend(backend_name: str, request: pytest.FixtureRequest) -> Iterator[Backend]:
    """This test's stores: see the module docstring."""
    yield from _backend(backend_name, request)


@pytest.fixture(scope="module")
def module_backend(backend_name: str, request: pytest.FixtureRequest) -> Iterator[Backend]:
    """Stores shared by a module's tests (for a module-scoped fixture)."""
    yield from _backend(backend_name, request)


@pytest.fixture
def empty_backend(backend_name: str, request: pytest.FixtureRequest) -> Iterator[Backend]:
    """Like ``backend``, but its database has no tables yet (nothing migrated)."""
    yield from _backend(backend_name, request, migrated=False)


def _backend(name: str, request: pytest.FixtureRequest, migrated: bool = True) -> Iterator[Backend]:
    if name == EMBEDDED:
        yield EMBEDDED_BACKEND
        return
    found: ServerBackends = request.getfixturevalue("servers")
    with found.fresh(migrated) as fresh:
        yield fresh


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
def settings(tmp_path: Path, backend: Backend) -> Settings:
    return load_settings(CASEBOT_HOME=tmp_path / "casebot-home", **backend.settings_overrides())


@pytest.fixture
def services(settings: Settings, hashing_embedder: HashingEmbedder) -> Services:
    """Real stores (see ``backend``), with the deterministic embedder."""
    return build_services(settings, embedder=hashing_embedder)


@pytest.fixture
def real_services(settings: Settings, real_embedder: SentenceTransformerEmbedder) -> Services:
    return build_services(settings, embedder=real_embedder)
