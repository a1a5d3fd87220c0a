"""The sources file: checked at once, every problem with its line and what to fix."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from casework.markings import Kind, Marking
from casework.sources.config import load_sources, parse_sources
from casework.sources.errors import SourcesFileError

REPO_ROOT = Path(__file__).resolve().parents[2]


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(SourcesFileError) as caught:
        parse_sources(text, "sources.yml")
    return list(caught.value.problems)


def test_the_shipped_example_is_valid() -> None:
    sources = load_sources(REPO_ROOT / "sources.example.yml")

    filings, notes = sources.by_name["court-filings"], sources.by_name["harbor-light-notes"]
    assert filings.schedule.every == timedelta(hours=6)
    assert (filings.kind, filings.marking, filings.prune) == (Kind.FILING, Marking.PUBLIC, True)
    assert notes.schedule.cron == "0 6 * * 1-5"
    assert (notes.case_id, notes.marking) == ("OP-HARBOR-LIGHT", Marking.LES)


def test_each_problem_names_its_line_and_what_to_fix() -> None:
    text = (
        "sources:\n"
        "  - name: a\n"
        "    type: folder\n"
        "    schedule: {every: 6x}\n"
        "    kind: filing\n"
        "    path: /tmp\n"
        "    colour: red\n"
        "  - name: b\n"
        "    type: ftp\n"
        "    schedule: {cron: '0 6 * *'}\n"
        "    kind: filing\n"
        "    path: /tmp\n"
    )

    found = problems(text)

    assert [line for line, _ in found] == [4, 7, 9, 10]
    assert "30s, 15m, 6h or 1d" in found[0][1]
    assert found[1][1] == "sources[0].colour: unknown key; remove it or check its spelling"
    assert found[2][1].startswith("sources[1].type:")
    assert "5-field cron" in found[3][1]


def test_a_note_source_needs_a_case_and_names_are_unique() -> None:
    note = (
        "  - name: n\n    type: folder\n    schedule: {every: 1h}\n    kind: note\n    path: /x\n"
    )

    [(line, problem)] = problems("sources:\n" + note)
    assert line == 2
    assert "needs `case:`" in problem

    twice = note.replace("kind: note", "kind: filing")
    [(line, problem)] = problems("sources:\n" + twice + twice)
    assert line == 7
    assert "'n' is used twice" in problem


def test_a_schedule_is_every_or_cron_not_both() -> None:
    text = "sources:\n  - name: a\n    type: folder\n    schedule: {every: 1h, cron: '* * * * *'}\n"
    text += "    kind: filing\n    path: /x\n"

    [(line, problem)] = problems(text)

    assert line == 4
    assert "exactly one" in problem


def test_broken_yaml_gives_its_line() -> None:
    [(line, problem)] = problems("sources:\n  - name: [a\n")

    assert line == 3
    assert "not valid YAML" in problem
