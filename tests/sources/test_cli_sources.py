"""``casebot sources …`` in-process over a real registry and a real folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.sources.support import folder_source


@pytest.fixture
def drop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text("Forty pallets of counterfeit batteries seized.")
    sources = tmp_path / "sources.yml"
    text = "sources:\n" + folder_source("drop", folder)
    text += folder_source("gone", tmp_path / "nowhere", "{cron: '0 6 * * *'}")
    sources.write_text(text)
    monkeypatch.setenv("CASEBOT_SOURCES_FILE", str(sources))
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_run_ingests_then_history_and_list_show_it(drop: Path) -> None:
    code, out, _ = run("sources", "run", "drop", "--json")
    assert code == 0
    record = json.loads(out)
    assert {key: record[key] for key in ("source", "status", "added", "unchanged")} == {
        "source": "drop",
        "status": "ok",
        "added": 1,
        "unchanged": 0,
    }

    code, out, _ = run("sources", "history", "--json")
    assert [(r["source"], r["added"]) for r in json.loads(out)] == [("drop", 1)]

    code, out, _ = run("sources", "list", "--json")
    listed = {item["name"]: item for item in json.loads(out)}
    assert listed["drop"]["last_run"]["status"] == "ok"
    assert listed["drop"]["schedule"] == "every 1h"
    assert listed["gone"]["schedule"] == "cron 0 6 * * *"
    assert listed["gone"]["last_run"] is None

    code, out, _ = run("sources", "list")
    assert code == 0
    assert "drop  folder, every 1h; next " in out


def test_a_failed_run_exits_1_and_names_the_problem(drop: Path) -> None:
    code, out, _ = run("sources", "run", "gone")

    assert code == 1
    assert " failed: 0 added" in out
    assert "does not exist" in out


def test_an_unknown_source_is_refused_with_the_known_names(drop: Path) -> None:
    code, _, err = run("sources", "run", "nope")

    assert code == 1
    assert "There is no source 'nope' in the sources file (drop, gone)." in err
