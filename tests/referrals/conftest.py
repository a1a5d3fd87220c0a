"""A case with three notes (LES, PUBLIC, 6E) and a partners file, on the test's backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import Services, build_services
from casework.settings import Settings, load_settings
from retrieval.testing import HashingEmbedder
from tests.backends import Backend
from tests.referrals.support import PARTNERS_YAML, set_up_case


@pytest.fixture
def partners_path(tmp_path: Path) -> Path:
    path = tmp_path / "partners.yml"
    path.write_text(PARTNERS_YAML, encoding="utf-8")
    return path


@pytest.fixture
def referral_settings(tmp_path: Path, partners_path: Path, backend: Backend) -> Settings:
    return load_settings(
        CASEBOT_HOME=tmp_path / "casebot-home",
        partners_file=partners_path,
        **backend.settings_overrides(),
    )


@pytest.fixture
def services(referral_settings: Settings) -> Services:
    return build_services(referral_settings, embedder=HashingEmbedder())


@pytest.fixture
def documents(services: Services, tmp_path: Path) -> dict[str, str]:
    return set_up_case(services, tmp_path / "notes")
