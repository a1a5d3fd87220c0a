"""The ``casebot`` console script, run as a user runs it: in its own process, with the real model.

Each invocation that embeds loads MiniLM (about ten seconds), so the ingest runs are shared by
the tests that read their output.
"""

from __future__ import annotations

import getpass
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.services import build_services
from casework.settings import load_settings
from retrieval.testing import HashingEmbedder
from tests.audit_records import ACCESS_DETAILS, ANSWER_DETAILS, QUESTION_DETAILS
from tests.drivers.casebot import run_casebot

REPORT_KEYS = {"run_id", "added", "updated", "unchanged", "removed", "failed"}
GOOD_NOTES = {
    "seizure.txt": "Seizure at the port of Long Beach: 960 counterfeit batteries held.",
    "interview.md": "# Interview\n\nThe importer named VoltHarbor Direct as the seller.",
}
DEMO_DOCUMENT_LINE = re.compile(
    r"^  (?P<kind>note|filing)\s+(?P<marking>PUBLIC|LES|6E)\s+\d+ chunks  \S", re.MULTILINE
)


def the_only_json_object(stdout: str) -> dict[str, Any]:
    """Fails unless stdout is exactly one JSON object."""
    report = json.loads(stdout)
    assert isinstance(report, dict), stdout
    return report


@dataclass(frozen=True)
class TwoIngests:
    home: Path
    cwd: Path
    empty_file: Path
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def notes_ingested_twice(tmp_path_factory: pytest.TempPathFactory) -> TwoIngests:
    """``casebot ingest FOLDER --kind note --case CASE-7 --json`` run twice over two good notes
    and an empty file."""
    root = tmp_path_factory.mktemp("cli")
    folder = root / "notes"
    folder.mkdir()
    for name, text in GOOD_NOTES.items():
        (folder / name).write_text(text)
    empty_file = folder / "empty.txt"
    empty_file.write_bytes(b"")
    command = ("ingest", str(folder), "--kind", "note", "--case", "CASE-7", "--json")
    home = root / "casebot-home"
    first = run_casebot(home, root, *command)
    second = run_casebot(home, root, *command)
    return TwoIngests(home, root, empty_file, first, second)


def test_ingest_json_prints_one_report_and_exits_1_when_a_file_fails(
    notes_ingested_twice: TwoIngests,
) -> None:
    result = notes_ingested_twice.first

    assert result.returncode == 1, result.stderr
    report = the_only_json_object(result.stdout)
    assert report.keys() >= REPORT_KEYS
    assert (report["added"], report["updated"], report["unchanged"]) == (2, 0, 0)
    [failure] = report["failed"]
    assert set(failure) == {"source", "error"}
    assert failure["source"] == str(notes_ingested_twice.empty_file)
    assert "empty" in failure["error"]


def test_ingesting_again_finds_the_notes_unchanged_and_still_exits_1_for_the_empty_file(
    notes_ingested_twice: TwoIngests,
) -> None:
    result = notes_ingested_twice.second

    assert result.returncode == 1, result.stderr
    report = the_only_json_object(result.stdout)
    assert (report["added"], report["updated"], report["unchanged"]) == (0, 0, 2)
    assert [failure["source"] for failure in report["failed"]] == [
        str(notes_ingested_twice.empty_file)
    ]


def test_index_verify_says_the_stores_agree_after_an_ingest(
    notes_ingested_twice: TwoIngests,
) -> None:
    result = run_casebot(notes_ingested_twice.home, notes_ingested_twice.cwd, "index", "verify")

    assert result.returncode == 0, result.stderr
    assert "agree" in result.stdout
    assert "2 documents" in result.stdout


def test_ingesting_notes_without_a_case_exits_2_asking_for_one(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "seizure.txt").write_text(GOOD_NOTES["seizure.txt"])
    home = tmp_path / "casebot-home"

    result = run_casebot(home, tmp_path, "ingest", str(folder), "--kind", "note")

    assert result.returncode == 2
    assert "--case" in result.stderr
    services = build_services(load_settings(CASEBOT_HOME=home), embedder=HashingEmbedder())
    assert services.indexer.document_count() == 0


@pytest.fixture(scope="module")
def demo_home(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("demo")
    return root / "casebot-home", run_casebot(root / "casebot-home", root, "demo")


def test_demo_ingests_the_harbor_light_case_and_lists_its_documents(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = demo_home

    assert result.returncode == 0, result.stderr
    assert "OP-HARBOR-LIGHT" in result.stdout
    summaries = " ".join(result.stdout.split())
    assert re.findall(r"(\d+) failed", summaries) == ["0", "0", "0"]
    listed = [
        (line["kind"], line["marking"]) for line in DEMO_DOCUMENT_LINE.finditer(result.stdout)
    ]
    assert len(listed) == 8
    assert listed.count(("note", "LES")) == 6
    assert listed.count(("filing", "PUBLIC")) == 2


def test_demo_answers_its_questions_with_sources_and_abstains_on_the_last(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = demo_home
    # Line by line: a referral id ending in Q prints as "REF-TZSVHMWQ: delivered".
    answers = re.split(r"^Q: ", result.stdout, flags=re.MULTILINE)[1:]

    assert len(answers) == 7
    assert sum("Sources:" in answer for answer in answers[:6]) >= 4
    assert "No indexed evidence answers this." in answers[6]


def test_ask_json_as_a_case_member_cites_the_case_notes(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home
    question = "How many batteries were seized at the Port of Long Beach?"

    result = run_casebot(home, tmp_path, "ask", question, "--case", "OP-HARBOR-LIGHT", "--json")

    assert result.returncode == 0, result.stderr
    answer = the_only_json_object(result.stdout)
    assert answer["question"] == question
    assert answer["abstained"] is False
    assert "960" in answer["answer"]
    assert {citation["case_id"] for citation in answer["citations"]} <= {"OP-HARBOR-LIGHT", None}


def test_ask_as_another_case_sees_no_harbor_light_notes(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home

    result = run_casebot(
        home,
        tmp_path,
        "ask",
        "How many batteries were seized at the Port of Long Beach?",
        "--case",
        "OTHER-CASE",
        "--json",
    )

    answer = the_only_json_object(result.stdout)
    assert "960" not in answer["answer"]
    assert all(citation["marking"] == "PUBLIC" for citation in answer["citations"])
    assert answer["withheld"] >= 1


def test_ask_batch_prints_one_json_answer_per_line(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        "Which judge is assigned to case 1:26-cr-00123?\n"
        '{"question": "What were the defendants in the press release charged with?"}\n'
        '{"no_question": true}\n'
    )

    result = run_casebot(home, tmp_path, "ask", "--batch", str(batch))

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line.get("question") for line in lines[:2]] == [
        "Which judge is assigned to case 1:26-cr-00123?",
        "What were the defendants in the press release charged with?",
    ]
    assert lines[2] == {"line": 3, "error": 'a JSON line needs a "question" string'}


def test_demo_looks_up_the_shared_phone_and_lists_the_cross_case_hit(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = demo_home
    lookup = result.stdout.split("$ casebot lookup")[1]

    assert "+13125550142" in lookup and "Case OP-HARBOR-LIGHT" in lookup
    assert "Public filings" in lookup
    assert "restricted documents" not in lookup or "OP-COPPER-RIDGE" in lookup
    hits = result.stdout.split("$ casebot hits")[1]
    assert "OP-COPPER-RIDGE" in hits and "OP-HARBOR-LIGHT" in hits


def test_lookup_json_as_a_case_member_withholds_the_other_case(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home

    result = run_casebot(
        home, tmp_path, "lookup", "+1 (312) 555-0142", "--case", "OP-HARBOR-LIGHT", "--json"
    )

    assert result.returncode == 0, result.stderr
    card = the_only_json_object(result.stdout)
    assert (card["type"], card["normalized"], card["valid"]) == ("phone", "+13125550142", True)
    assert {mention["case_id"] for mention in card["mentions"]} == {"OP-HARBOR-LIGHT", None}
    assert card["withheld"] == 1
    assert card["withheld_by_case"] == [{"case_id": "OP-COPPER-RIDGE", "documents": 1}]
    assert all(
        set(mention) >= {"document_id", "title", "page", "quote"} for mention in card["mentions"]
    )
    assert card["related"] and {"type", "value", "count"} <= set(card["related"][0])


def test_lookup_of_something_never_seen_exits_1(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home

    result = run_casebot(home, tmp_path, "lookup", "MSCU1234565")

    assert result.returncode == 1
    assert "Nothing indexed mentions" in result.stdout


def test_hits_json_and_ftm_export(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home

    hits = run_casebot(home, tmp_path, "hits", "--json")
    exported = run_casebot(
        home, tmp_path, "export", "ftm", "--case", "OP-COPPER-RIDGE", "--output", "out.jsonl"
    )

    assert hits.returncode == 0, hits.stderr
    phone_hits = [json.loads(line) for line in hits.stdout.splitlines()]
    assert any(
        hit["value"] == "+13125550142" and hit["cases"] == ["OP-COPPER-RIDGE", "OP-HARBOR-LIGHT"]
        for hit in phone_hits
    )
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [line["schema"] for line in lines].count("Document") == 1
    assert "+13125550142" in json.dumps(lines)


def test_ingest_says_how_many_cross_case_hits_it_raised(tmp_path: Path) -> None:
    home = tmp_path / "casebot-home"
    for case_id in ("CASE-A", "CASE-B"):
        folder = tmp_path / case_id
        folder.mkdir()
        (folder / "call.txt").write_text(
            f"{case_id} intake: the seller answered buyers from 312-555-0142 (mobile)."
        )
    first = run_casebot(
        home,
        tmp_path,
        "ingest",
        str(tmp_path / "CASE-A"),
        "--kind",
        "note",
        "--case",
        "CASE-A",
        "--json",
    )
    second = run_casebot(
        home,
        tmp_path,
        "ingest",
        str(tmp_path / "CASE-B"),
        "--kind",
        "note",
        "--case",
        "CASE-B",
        "--json",
    )

    assert the_only_json_object(first.stdout)["hits_raised"] == 0
    assert the_only_json_object(second.stdout)["hits_raised"] == 1


AUDITED_QUESTION = "Who sold the counterfeit batteries to the importer?"
BATCH_QUESTIONS = ("Which port held the batteries?", "Which judge is assigned to the case?")


def test_ask_and_ask_batch_are_audited_as_the_local_operator(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    home, _ = demo_home
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(BATCH_QUESTIONS) + "\n")
    asked = run_casebot(home, tmp_path, "ask", AUDITED_QUESTION, "--case", "OP-HARBOR-LIGHT")
    batched = run_casebot(home, tmp_path, "ask", "--batch", str(batch), "--case", "OP-HARBOR-LIGHT")
    assert asked.returncode == 0 and batched.returncode == 0, asked.stderr + batched.stderr

    listed = run_casebot(home, tmp_path, "audit", "list", "--action", "question", "--json")
    every = run_casebot(home, tmp_path, "audit", "list", "--json")

    questions = [json.loads(line) for line in listed.stdout.splitlines()]
    ours = {entry["details"]["question"]: entry for entry in questions}
    for text in (AUDITED_QUESTION, *BATCH_QUESTIONS):
        entry = ours[text]
        assert entry["user_id"] == f"operator:{getpass.getuser()}"
        assert entry["details"]["surface"] == "command_line"
        assert entry["details"].keys() == QUESTION_DETAILS | {"case_id"}
        assert entry["details"]["case_id"] == "OP-HARBOR-LIGHT"
        access, answer = _records_answering(every.stdout, entry["id"])
        assert access["details"].keys() == ACCESS_DETAILS
        assert access["details"]["les_cases"] == ["OP-HARBOR-LIGHT"]
        assert access["details"]["visibility"] == "terminal"
        assert answer["details"].keys() == ANSWER_DETAILS
    assert ours[AUDITED_QUESTION]["id"] < ours[BATCH_QUESTIONS[0]]["id"]


def _records_answering(audit_lines: str, question_id: int) -> tuple[dict[str, Any], ...]:
    """The access decision and the answer recorded for one question, in that order."""
    entries = [json.loads(line) for line in audit_lines.splitlines()]
    linked = [e for e in entries if e["details"].get("question_audit_id") == question_id]
    assert [entry["action"] for entry in linked] == ["access_decision", "answer"]
    return tuple(linked)


def test_demo_refers_the_case_over_email_and_a_signed_webhook_redacting_for_the_marketplace(
    demo_home: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = demo_home
    referrals = " ".join(result.stdout.split("$ casebot referral")[1].split())

    assert (
        re.findall(r"REF-\w{8}: delivered", referrals)
        and len(set(re.findall(r"(REF-\w{8}): delivered", referrals))) == 2
    )
    assert "mail to ipr-referrals@customs.example.gov" in referrals
    assert ".pdf" in referrals and "signature valid" in referrals
    assert "does not receive LES material" in referrals
    assert "redacted: 1 phone in summary" in referrals
    assert "[redacted: phone]" in referrals and "+1 503 555 0131" in referrals
