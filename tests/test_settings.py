"""Settings are read under CASEBOT_ names; last release's unprefixed names still work, with a
warning that names the new one."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from bot.operator import operator_requester
from casework.settings import load_settings


def test_prefixed_names_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOT_SLACK_WORKERS", "7")
    monkeypatch.setenv("CASEBOT_DATABASE_URL", "sqlite:///elsewhere.sqlite3")

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        settings = load_settings()

    assert settings.slack_workers == 7
    assert settings.resolved_database_url == "sqlite:///elsewhere.sqlite3"


def test_an_unprefixed_name_still_works_and_says_what_to_rename_it_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_WORKERS", "5")

    with pytest.warns(FutureWarning, match="rename it to CASEBOT_SLACK_WORKERS"):
        settings = load_settings()

    assert settings.slack_workers == 5


def test_the_prefixed_name_wins_over_the_old_one_without_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_WORKERS", "5")
    monkeypatch.setenv("CASEBOT_SLACK_WORKERS", "9")

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        settings = load_settings()

    assert settings.slack_workers == 9


def test_an_old_name_in_the_env_file_is_warned_about(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("MAX_FILE_MB=3\n")  # the fixtures run in tmp_path

    with pytest.warns(FutureWarning, match="CASEBOT_MAX_FILE_MB"):
        settings = load_settings()

    assert settings.max_file_mb == 3


def test_slack_credentials_keep_the_names_slack_gives_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        settings = load_settings()

    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-1"


def test_the_command_line_acts_for_the_named_operator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOT_OPERATOR", "analyst.kim")

    requester = operator_requester(load_settings().operator, case_id="OP-1")

    assert requester.user_id == "operator:analyst.kim"
    assert requester.case_id == "OP-1" and requester.is_operator


def test_admins_are_comma_separated_user_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().admins == frozenset()
    monkeypatch.setenv("CASEBOT_ADMINS", " U0ALICE, U0BOB ,,")
    monkeypatch.setenv("CASEBOT_OPS_CHANNEL", "")

    settings = load_settings()

    assert settings.admins == {"U0ALICE", "U0BOB"}
    assert settings.ops_channel is None
