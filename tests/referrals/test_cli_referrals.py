"""``casebot referral …`` as the local operator, in-process over the same registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from bot.cli import app
from bot.services import Services
from casework.usecases.referring import ReferralDraft
from tests.referrals.support import CASE, member


@pytest.fixture
def referral_id(
    services: Services,
    documents: dict[str, str],
    partners_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> str:
    monkeypatch.setenv("CASEBOT_PARTNERS_FILE", str(partners_path))
    draft = ReferralDraft(
        case_id=CASE,
        partner_id="cbp",
        document_ids=(documents["seizure-report.txt"],),
        summary="Forty pallets seized [1].",
    )
    return services.referring.submit(member(), draft, "token-cli").referral.id


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_and_show_give_the_referral_with_its_deliveries(referral_id: str) -> None:
    code, out, _ = run("referral", "list", "--json")
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == [referral_id]

    code, out, _ = run("referral", "show", referral_id, "--json")
    shown = json.loads(out)
    assert shown["status"] == "submitted"
    assert [d["status"] for d in shown["deliveries"]] == ["pending", "pending"]

    code, out, _ = run("referral", "show", referral_id)
    assert code == 0
    assert f"{referral_id}: case {CASE} → cbp, submitted" in out
    assert "email:ipr@cbp.example.gov  pending, 0 attempt(s)" in out


def test_export_writes_the_stored_package_as_json(referral_id: str, tmp_path: Path) -> None:
    output = tmp_path / "package.json"

    code, _, _ = run("referral", "export", referral_id, "--format", "json", "--output", str(output))

    assert code == 0
    package = json.loads(output.read_text(encoding="utf-8"))
    assert package["referral_id"] == referral_id
    assert package["partner"]["id"] == "cbp"


def test_export_writes_a_pdf_listing_every_piece_of_evidence_with_its_hash(
    referral_id: str, services: Services, tmp_path: Path
) -> None:
    output = tmp_path / "package.pdf"

    code, _, _ = run("referral", "export", referral_id, "--format", "pdf", "--output", str(output))

    assert code == 0
    text = "".join(page.extract_text() for page in PdfReader(output).pages)
    package = services.referring.package(member(), referral_id)
    assert package.evidence
    for evidence in package.evidence:
        assert evidence.title in text
        assert evidence.sha256[:32] in text and evidence.sha256[32:] in text


def test_withdraw_and_retry_report_the_outcome(referral_id: str) -> None:
    code, out, err = run("referral", "retry", referral_id)
    assert code == 1
    assert "no failed deliveries" in err

    code, out, _ = run("referral", "withdraw", referral_id, "--json")
    assert code == 0
    assert json.loads(out)["status"] == "withdrawn"

    code, _, err = run("referral", "show", "REF-NOSUCH1")
    assert code == 1
    assert "There is no referral REF-NOSUCH1." in err
