"""``casebot sources …`` in-process over a real registry and a real folder."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import cli_sources
from bot.cli import app
from bot.progress import progress_on_terminal
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


RUN_JSON_KEYS = {
    "id",
    "source",
    "started_at",
    "finished_at",
    "status",
    "added",
    "updated",
    "unchanged",
    "removed",
    "failed",
    "errors",
    "hits_raised",
    "worker",
}


class RecordingProgress:
    def __init__(self) -> None:
        self.total: int | None = None
        self.advanced: list[str] = []

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, source: str) -> None:
        self.advanced.append(source)


def test_run_json_is_one_object_with_the_run_fields_only(drop: Path) -> None:
    code, out, _ = run("sources", "run", "drop", "--json")

    assert code == 0
    assert set(json.loads(out)) == RUN_JSON_KEYS


def test_run_reports_each_file_to_the_terminals_progress_bar(
    drop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    progress = RecordingProgress()
    asked_for_json = []

    @contextmanager
    def on_terminal(as_json: bool) -> Iterator[RecordingProgress]:
        asked_for_json.append(as_json)
        yield progress

    monkeypatch.setattr(cli_sources, "progress_on_terminal", on_terminal)
    code, out, _ = run("sources", "run", "drop")

    assert code == 0 and " drop " in out
    assert asked_for_json == [False]
    assert progress.total == 1
    assert [Path(source).name for source in progress.advanced] == ["a.txt"]


def test_no_progress_bar_for_json_or_when_stdout_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with progress_on_terminal(as_json=True) as for_json:
        assert for_json is None
    with progress_on_terminal(as_json=False) as piped:
        assert piped is None
