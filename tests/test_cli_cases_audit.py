"""``casebot case …`` and ``casebot audit …`` in their own processes.

Every run here has a ``.env`` naming an embedding model that does not exist, so a command that
loaded the model would fail: these commands open the registry only.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.services import Services, build_services
from casework.audit import QUESTION, read_export, verify_chain
from casework.cases import MemberInfo
from casework.settings import load_settings
from retrieval.testing import HashingEmbedder
from tests.drivers.casebot import run_casebot

CREATE_HARBOR_LIGHT = (
    "case",
    "create",
    "OP-HARBOR-LIGHT",
    "--title",
    "Counterfeit 'Veloce' e-bike batteries",
    "--channel",
    "C-HARBOR",
    "--member",
    "U-AGENT",
    "--lead",
    "U-LEAD",
    "--sixe",
    "U-CLEARED",
)


@dataclass(frozen=True)
class Workspace:
    home: Path
    cwd: Path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_casebot(self.home, self.cwd, *args)

    def services(self) -> Services:
        return build_services(load_settings(CASEBOT_HOME=self.home), embedder=HashingEmbedder())


def workspace_without_a_model(root: Path) -> Workspace:
    (root / ".env").write_text(f"CASEBOT_EMBEDDING_MODEL={root / 'no-such-model'}\n")
    return Workspace(root / "casebot-home", root)


@pytest.fixture(scope="module")
def harbor_light(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Workspace, subprocess.CompletedProcess[str]]:
    workspace = workspace_without_a_model(tmp_path_factory.mktemp("cases"))
    return workspace, workspace.run(*CREATE_HARBOR_LIGHT)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return workspace_without_a_model(tmp_path)


def test_case_create_stores_the_case_and_prints_it(
    harbor_light: tuple[Workspace, subprocess.CompletedProcess[str]],
) -> None:
    workspace, result = harbor_light

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OP-HARBOR-LIGHT: Counterfeit 'Veloce' e-bike batteries")
    assert "U-LEAD (lead)" in result.stdout
    case = workspace.services().cases.get("OP-HARBOR-LIGHT")
    assert case is not None
    assert case.channels == ("C-HARBOR",)
    assert case.members == (
        MemberInfo("U-AGENT", lead=False, sixe_cleared=False),
        MemberInfo("U-CLEARED", lead=False, sixe_cleared=True),
        MemberInfo("U-LEAD", lead=True, sixe_cleared=False),
    )


def test_case_show_json_and_case_list_find_it(
    harbor_light: tuple[Workspace, subprocess.CompletedProcess[str]],
) -> None:
    workspace, _ = harbor_light

    shown = workspace.run("case", "show", "OP-HARBOR-LIGHT", "--json")
    listed = workspace.run("case", "list")

    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["leads"] == ["U-LEAD"]
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("OP-HARBOR-LIGHT")


def test_creating_it_again_or_taking_its_channel_exits_1_saying_what_to_do(
    harbor_light: tuple[Workspace, subprocess.CompletedProcess[str]],
) -> None:
    workspace, _ = harbor_light

    again = workspace.run(*CREATE_HARBOR_LIGHT)
    taken = workspace.run("case", "create", "OP-OTHER", "--title", "x", "--channel", "C-HARBOR")

    assert (again.returncode, taken.returncode) == (1, 1)
    assert "already exists" in again.stderr
    assert "unlink" in taken.stderr
    assert workspace.services().cases.get("OP-OTHER") is None


def test_audit_verify_reports_an_intact_chain(
    harbor_light: tuple[Workspace, subprocess.CompletedProcess[str]],
) -> None:
    workspace, _ = harbor_light

    result = workspace.run("audit", "verify")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 records, chain intact")


def test_audit_verify_exits_1_naming_the_first_bad_record(workspace: Workspace) -> None:
    services = workspace.services()
    for n in range(4):
        services.audit.record(QUESTION, "U-AGENT", "C-HARBOR", {"question": f"question {n}"})
    with services.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET user_id = 'U-SOMEONE' WHERE id = 3"))

    result = workspace.run("audit", "verify")

    assert result.returncode == 1
    assert "record 3 was changed" in result.stdout


def test_audit_export_writes_a_file_that_verifies_on_its_own(workspace: Workspace) -> None:
    services = workspace.services()
    services.cases.create("OP-HARBOR-LIGHT", "Batteries", leads=["U-LEAD"])
    services.audit.record(QUESTION, "U-LEAD", "C-HARBOR", {"question": "How many?"})
    output = workspace.cwd / "audit.jsonl"

    result = workspace.run("audit", "export", "--format", "jsonl", "--output", str(output))

    assert result.returncode == 0, result.stderr
    with output.open(encoding="utf-8") as exported:
        entries = list(read_export("jsonl", exported))
    assert entries == services.audit.entries()
    assert verify_chain(entries).ok
