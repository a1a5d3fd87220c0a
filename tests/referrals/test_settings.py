"""Where the partners file is looked for."""

from __future__ import annotations

from pathlib import Path

from casework.settings import load_settings


def test_the_setting_names_the_partners_file(tmp_path: Path) -> None:
    settings = load_settings(CASEBOT_HOME=tmp_path, CASEBOT_PARTNERS_FILE=tmp_path / "p.yml")

    assert settings.resolved_partners_file == tmp_path / "p.yml"


def test_partners_yml_in_the_data_folder_is_used_when_present(tmp_path: Path) -> None:
    settings = load_settings(CASEBOT_HOME=tmp_path)
    assert settings.resolved_partners_file is None

    (tmp_path / "partners.yml").write_text("partners: []\n", encoding="utf-8")

    assert settings.resolved_partners_file == tmp_path / "partners.yml"
