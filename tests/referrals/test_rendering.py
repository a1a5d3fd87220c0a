"""The referral PDF read back with pypdf, and the JSON checked against its schema."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from casework.markings import Marking
from casework.referrals.package import (
    PolicyResult,
    Priority,
    ReferralPackage,
    RequestedAction,
    Subject,
    Tlp,
)
from casework.referrals.rendering import latin1_safe, package_schema, render, render_pdf
from tests.referrals.delivery_packages import (
    full_package,
    minimal_package,
    package_with_evidence,
    sha256_of,
)


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    """Without whitespace: wrapped cells break lines wherever the column ends."""
    return re.sub(r"\s+", "", text)


def test_the_pdf_carries_the_referral_its_evidence_and_the_policy() -> None:
    package = full_package()

    text = squeezed("\n".join(pdf_pages(render_pdf(package))))

    expected = [
        package.referral_id,
        package.case_id,
        package.investigator.name,
        package.investigator.contact,
        package.partner.name,
        "Takedownthelisting",
        "Immediate",
        package.handling.dissemination,
        package.summary,
        "HarborLightTradingLtd",
        "harborlight-trading.example",
    ]
    expected += [item.title for item in package.evidence]
    expected += [item.quote for item in package.evidence]
    expected += [item.sha256 for item in package.evidence]
    expected += [entry.reason for entry in package.policy.withheld]
    expected += [entry.item for entry in package.policy.withheld]
    expected += ["OP-TIDE", "anothercase(notnamedtothispartner)", "TLP:AMBER"]
    missing = [value for value in expected if squeezed(value) not in text]
    assert missing == []


def test_every_page_carries_the_tlp_label_and_all_60_hashes_are_there() -> None:
    package = package_with_evidence(60)

    pages = pdf_pages(render_pdf(package))

    assert len(pages) > 1
    assert all("TLP:AMBER" in page for page in pages)
    text = squeezed("\n".join(pages))
    assert [item.sha256 for item in package.evidence if item.sha256 not in text] == []
    assert len({item.sha256 for item in package.evidence}) == 60
    assert sha256_of("a file the package does not cite") not in text


@pytest.mark.parametrize(
    "quote",
    [" ".join(f"q{n}x" for n in range(3000)), "\n".join(f"q{n}x" for n in range(400))],
    ids=["long", "many lines"],
)
def test_a_quote_longer_than_a_page_continues_in_the_rows_below(quote: str) -> None:
    package = full_package()
    evidence = (replace(package.evidence[0], quote=quote), *package.evidence[1:])

    pages = pdf_pages(render_pdf(replace(package, evidence=evidence)))

    assert len(pages) > 2
    text = "\n".join(pages)
    assert re.findall(r"q\d+x", text) == quote.split()
    assert all(item.sha256 in squeezed(text) for item in package.evidence)


def test_a_government_package_has_no_tlp_label() -> None:
    pages = pdf_pages(render_pdf(minimal_package()))

    assert all("TLP:" not in page for page in pages)
    assert "REF-2026-0001" in pages[0]


def test_a_blocked_package_says_why() -> None:
    policy = PolicyResult(allowed=False, blocked_reason="The partner is suspended.")
    package = replace(minimal_package(), policy=policy)

    text = "\n".join(pdf_pages(render_pdf(package)))

    assert "The partner is suspended." in text


def test_text_outside_latin1_is_printed_as_its_nearest_latin1_form() -> None:
    awkward = "Zoë — “quoted” \u2018single\u2019 … 中文 Łódź ő"
    package = replace(
        full_package(),
        summary=awkward,
        subjects=(Subject(name=awkward, identifiers=(("name", awkward),)),),
        evidence=(replace(full_package().evidence[0], title=awkward, quote=awkward),),
    )

    text = "\n".join(pdf_pages(render_pdf(package)))

    assert latin1_safe(awkward) == "Zoë - \"quoted\" 'single' ... ?? Lódz o"
    assert "Zoë - \"quoted\" 'single'" in text


def test_render_makes_the_pdf_and_the_json_text_of_the_package() -> None:
    package = full_package()

    rendered = render(package)

    assert rendered.package is package
    assert rendered.pdf.startswith(b"%PDF-")
    assert json.loads(rendered.json_text) == package.as_json()
    assert rendered.pdf_name == "referral-REF-2026-0042-v2.pdf"


def test_the_pdf_of_a_version_is_the_same_each_time_it_is_made() -> None:
    assert render_pdf(full_package()) == render_pdf(full_package())


# The JSON Schema


def validator() -> Draft202012Validator:
    schema = package_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize(
    "package",
    [full_package(), minimal_package(), package_with_evidence(60)],
    ids=["full", "minimal", "60 evidence items"],
)
def test_the_packages_json_follows_its_schema(package: ReferralPackage) -> None:
    document = json.loads(render(package).json_text)

    errors = [error.message for error in validator().iter_errors(document)]

    assert errors == []


def broken(change: str) -> dict[str, Any]:
    document = full_package().as_json()
    if change == "unknown requested action":
        document["requested_action"] = "arrest_everyone"
    elif change == "unknown tlp":
        document["handling"]["tlp"] = "TLP:WHITE"
    elif change == "no evidence hash":
        del document["evidence"][0]["sha256"]
    elif change == "short hash":
        document["evidence"][0]["sha256"] = "abc123"
    elif change == "extra field":
        document["partner"]["password"] = "hunter2"
    elif change == "no schema version":
        del document["schema_version"]
    elif change == "unknown partner kind":
        document["partner"]["kind"] = "friend"
    return document


@pytest.mark.parametrize(
    "change",
    [
        "unknown requested action",
        "unknown tlp",
        "no evidence hash",
        "short hash",
        "extra field",
        "no schema version",
        "unknown partner kind",
    ],
)
def test_the_schema_rejects_a_broken_package(change: str) -> None:
    assert not validator().is_valid(broken(change))


def test_the_schema_enums_are_the_packages_enums() -> None:
    definitions = package_schema()["$defs"]

    assert definitions["requested_action"]["enum"] == [action.value for action in RequestedAction]
    assert definitions["priority"]["enum"] == [priority.value for priority in Priority]
    assert definitions["tlp"]["enum"] == [tlp.value for tlp in Tlp]
    assert definitions["marking"]["enum"] == [marking.value for marking in Marking]


def test_the_schema_names_every_field_of_the_package() -> None:
    schema = package_schema()
    document = full_package().as_json()

    assert sorted(schema["required"]) == sorted(document)
    evidence_fields = schema["$defs"]["evidence"]["required"]
    assert sorted(evidence_fields) == sorted(document["evidence"][0])


def test_package_schema_is_a_fresh_copy_each_time() -> None:
    package_schema()["required"].clear()

    assert package_schema()["required"]
