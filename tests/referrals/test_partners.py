"""The partners file: the shipped example loads; every malformed file names its line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.referrals.delivery import TargetKind
from casework.referrals.errors import PartnersFileError
from casework.referrals.package import Tlp
from casework.referrals.partners import (
    PartnerKind,
    PartnersFile,
    PersonalData,
    load_partners,
    parse_partners,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SECRETS = {"SWIFTFREIGHT_WEBHOOK_SECRET": "s3cret", "BAZAARLY_WEBHOOK_SECRET": "b4z"}

GOOD = """\
partners:
  - id: cbp
    name: Customs
    kind: government
    deliveries:
      - email: IPR@cbp.example.gov
      - slack_channel: C0CBP01
    markings: [PUBLIC, LES]
  - id: carrier
    name: Carrier
    kind: private
    deliveries:
      - webhook: http://127.0.0.1:8080/hook
        secret: inline-for-tests
    tlp: amber
"""


def problems_of(text: str, environ: dict[str, str] | None = None) -> PartnersFileError:
    with pytest.raises(PartnersFileError) as caught:
        parse_partners(text, "partners.yml", environ or {})
    return caught.value


def test_the_shipped_example_loads_with_its_secrets_from_the_environment() -> None:
    partners = load_partners(REPO_ROOT / "partners.example.yml", EXAMPLE_SECRETS)

    assert len(partners) == 6
    carrier = partners.get("swiftfreight-brand")
    assert carrier is not None
    assert carrier.tlp is Tlp.AMBER
    assert carrier.redact == frozenset(PersonalData)
    assert carrier.deliveries[0].secret == "s3cret"
    iprc = partners.get("hsi-iprc")
    assert iprc is not None and iprc.requires_approval
    assert iprc.slack_channels == ("C0IPRCTR01",)


def test_a_good_file_gives_partners_with_defaults() -> None:
    partners = parse_partners(GOOD, "partners.yml", {})

    cbp, carrier = partners.get("cbp"), partners.get("carrier")
    assert cbp is not None and carrier is not None
    assert cbp.kind is PartnerKind.GOVERNMENT
    assert cbp.redact == frozenset()
    assert cbp.deliveries[0].address == "ipr@cbp.example.gov"
    assert cbp.deliveries[1].kind is TargetKind.SLACK
    assert carrier.markings == frozenset({"PUBLIC"})
    assert carrier.redact == frozenset(PersonalData)
    assert carrier.deliveries[0].secret == "inline-for-tests"


def test_an_unknown_key_is_named_on_its_line() -> None:
    error = problems_of(GOOD.replace("    markings: [PUBLIC, LES]", "    colour: blue"))

    assert error.problems == (
        (8, "partners[0].colour: unknown key; remove it or check its spelling"),
    )
    assert "partners.yml" in str(error)
    assert "line 8" in str(error)


def test_6e_is_never_a_partner_marking() -> None:
    error = problems_of(GOOD.replace("[PUBLIC, LES]", "[PUBLIC, 6E]"))

    [(line, problem)] = error.problems
    assert line == 8
    assert "6E" in problem and "never leaves" in problem


def test_duplicate_ids_are_refused_at_the_second() -> None:
    error = problems_of(GOOD.replace("id: carrier", "id: cbp"))

    assert error.problems == (
        (9, "partners[1].id: partner id 'cbp' is used twice; ids must be unique"),
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "expected"),
    [
        ("IPR@cbp.example.gov", "not-an-address", 6, "not a valid e-mail address"),
        ("http://127.0.0.1:8080/hook", "http://partner.example.com/hook", 13, "must use https://"),
        ("C0CBP01", "general", 7, "not a Slack channel id"),
        ("secret: inline-for-tests", "secret_env: CARRIER_SECRET", 14, "CARRIER_SECRET"),
        ("    tlp: amber\n", "", 9, "needs a `tlp:` label"),
        ("tlp: amber", "tlp: orange", 15, "unknown TLP label 'orange'"),
        ("kind: government", "kind: government\n    tlp: RED", 2, "private partners only"),
        (
            "      - slack_channel: C0CBP01",
            "      - slack_channel: C0CBP01\n        email: a@b.example.com",
            7,
            "exactly one",
        ),
    ],
)
def test_each_mistake_is_reported_with_its_line_and_fix(
    old: str, new: str, line: int, expected: str
) -> None:
    assert old in GOOD
    error = problems_of(GOOD.replace(old, new))

    [(found_line, problem)] = error.problems
    assert expected in problem
    assert found_line == line


def test_a_secret_env_that_is_set_gives_the_webhook_its_secret() -> None:
    text = GOOD.replace("secret: inline-for-tests", "secret_env: CARRIER_SECRET")

    partners = parse_partners(text, "partners.yml", {"CARRIER_SECRET": "from-env"})

    carrier = partners.get("carrier")
    assert carrier is not None and carrier.deliveries[0].secret == "from-env"


def test_broken_yaml_names_the_line() -> None:
    error = problems_of("partners:\n  - id: x\n   name: [unclosed\n")

    [(line, problem)] = error.problems
    assert line >= 2
    assert "not valid YAML" in problem


def test_several_problems_are_reported_together() -> None:
    text = GOOD.replace("name: Customs", "nom: Customs").replace("tlp: amber", "tlp: pink")

    error = problems_of(text)

    assert {line for line, _ in error.problems} >= {3, 15}


def test_the_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "partners.yml"
    path.write_text(GOOD, encoding="utf-8")
    partners_file = PartnersFile(path, {})
    assert partners_file.current().get("cbp") is not None

    path.write_text(GOOD.replace("id: cbp", "id: customs") + "\n", encoding="utf-8")

    assert partners_file.current().get("cbp") is None
    assert partners_file.current().get("customs") is not None


def test_a_missing_partners_file_is_a_partners_file_error(tmp_path: Path) -> None:
    with pytest.raises(PartnersFileError) as caught:
        PartnersFile(tmp_path / "absent.yml", {}).current()

    assert "absent.yml" in str(caught.value)
