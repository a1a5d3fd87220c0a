"""The contract every recogniser in the registry keeps, whichever kind it reads.

A valid example written in running text is found, normalised; typed into a lookup it is accepted
as its kind, under its own name and under each of its aliases; both paths give the same value;
and where the kind has a check digit, the example with that digit broken is neither found nor
accepted. A recogniser added to the registry without an example here fails the suite.

The examples were written for this suite. Check digits of invented numbers were computed with the
libraries that check them (python-stdnum, tracking-numbers); the IBAN, UPS and EIP-55 ones are
the published examples of their standards.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.identifiers import IdentifierKind, IdentifierMatch, find_identifiers, parse_query
from casework.identifiers.registry import RECOGNISERS, TYPED_PRIORITY, Recogniser

K = IdentifierKind


@dataclass(frozen=True)
class Example:
    text: str
    """Running text with the identifier written in it as ``written``."""
    written: str
    value: str
    """The normalised value both the finder and the lookup must give."""
    broken: str | None = None
    """``written`` with its check digit (or checksum) broken; None for kinds without one."""

    @property
    def broken_text(self) -> str:
        assert self.broken is not None
        return self.text.replace(self.written, self.broken)


EXAMPLES: dict[IdentifierKind, Example] = {
    K.EMAIL: Example(
        "Refund requests went to Sales.Desk@Velmore-Outlet.com all spring.",
        "Sales.Desk@Velmore-Outlet.com",
        "sales.desk@velmore-outlet.com",
    ),
    K.PHONE: Example(
        "The seller picked up on (415) 555-0132 twice.", "(415) 555-0132", "+14155550132"
    ),
    K.URL: Example(
        "The listing at https://velmore-outlet.com/bags/tote-42 was taken down.",
        "https://velmore-outlet.com/bags/tote-42",
        "https://velmore-outlet.com/bags/tote-42",
    ),
    K.DOMAIN: Example(
        "The storefront velmore-outlet.com reopened under a new name.",
        "velmore-outlet.com",
        "velmore-outlet.com",
    ),
    K.ASIN: Example("Listing B07XJ8C8F5 was relisted overnight.", "B07XJ8C8F5", "B07XJ8C8F5"),
    K.AMAZON_SELLER_ID: Example(
        "Seller ID A3JWKAKR8XB7XF ran the storefront.", "A3JWKAKR8XB7XF", "A3JWKAKR8XB7XF"
    ),
    K.UPS_TRACKING: Example(
        "UPS parcel 1Z999AA10123456784 was left at the depot.",
        "1Z999AA10123456784",
        "1Z999AA10123456784",
        broken="1Z999AA10123456785",
    ),
    K.FEDEX_TRACKING: Example(
        "The FedEx label read 398765432103 in black ink.",
        "398765432103",
        "398765432103",
        broken="398765432104",
    ),
    K.USPS_TRACKING: Example(
        "Registered item RB123456785US went back to the sender.",
        "RB123456785US",
        "RB123456785US",
        broken="RB123456784US",
    ),
    K.DHL_TRACKING: Example(
        "DHL waybill 1234567891 left Shenzhen on Friday.",
        "1234567891",
        "1234567891",
        broken="1234567892",
    ),
    K.AIR_WAYBILL: Example(
        "AWB 057-12345675 landed at ORD.",
        "057-12345675",
        "057-12345675",
        broken="057-12345676",
    ),
    K.CONTAINER: Example(
        "Container TGHU 123456 7 was held at the terminal.",
        "TGHU 123456 7",
        "TGHU1234567",
        broken="TGHU 123456 8",
    ),
    K.IMO: Example(
        "The feeder IMO 9312341 called at Felixstowe.",
        "IMO 9312341",
        "9312341",
        broken="IMO 9312342",
    ),
    K.HTS_CODE: Example(
        "Sneakers entered under 6404.11.9020 were detained.", "6404.11.9020", "6404.11.9020"
    ),
    K.USPTO_SERIAL: Example(
        "Trademark application Serial No. 88/654,321 was opposed.", "88/654,321", "88654321"
    ),
    K.USPTO_REGISTRATION: Example(
        "The word mark, Reg. No. 5,432,109, covers class 18.", "5,432,109", "5432109"
    ),
    K.DOCKET: Example(
        "United States v. Roe, No. 3:22-cr-456 (D.N.J.), was sealed.",
        "3:22-cr-456",
        "3:22-cr-00456",
    ),
    K.IBAN: Example(
        "Wire the deposit to GB29 NWBK 6016 1331 9268 19 by Friday.",
        "GB29 NWBK 6016 1331 9268 19",
        "GB29NWBK60161331926819",
        broken="GB29 NWBK 6016 1331 9268 18",
    ),
    K.BIC: Example("SWIFT: COBADEFFXXX for the beneficiary bank.", "COBADEFFXXX", "COBADEFFXXX"),
    K.BITCOIN: Example(
        "The deposit went to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy on Monday.",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        broken="3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
    ),
    K.ETHEREUM: Example(
        "Payment to 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 cleared.",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
        broken="0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    ),
    K.EIN: Example("The importer's EIN 45-1234567 is on the invoice.", "45-1234567", "45-1234567"),
    K.USCC: Example(
        "The factory's USCC 91440300MA5F123452 is on its licence.",
        "91440300MA5F123452",
        "91440300MA5F123452",
        broken="91440300MA5F123453",
    ),
}


@pytest.fixture(params=RECOGNISERS, ids=lambda recogniser: str(recogniser.kind))
def recogniser(request: pytest.FixtureRequest) -> Recogniser:
    registered: Recogniser = request.param
    return registered


def example_for(recogniser: Recogniser) -> Example:
    """Called in each test rather than as a fixture, so that a missing example fails the test
    instead of erroring in its setup."""
    if recogniser.kind not in EXAMPLES:
        pytest.fail(
            f"the recogniser of {recogniser.kind} has no example: add one to EXAMPLES in "
            "tests/identifiers/test_contract.py"
        )
    return EXAMPLES[recogniser.kind]


def found_as(kind: IdentifierKind, text: str) -> list[IdentifierMatch]:
    return [match for match in find_identifiers(text) if match.kind is kind]


def test_a_valid_example_is_found_in_running_text_normalised(recogniser: Recogniser) -> None:
    example = example_for(recogniser)
    found = found_as(recogniser.kind, example.text)

    assert [(match.display, match.value) for match in found] == [(example.written, example.value)]
    assert example.text[found[0].start : found[0].end] == example.written


def test_a_valid_example_typed_into_a_lookup_is_accepted(recogniser: Recogniser) -> None:
    example = example_for(recogniser)
    parsed = parse_query(example.written)

    assert (parsed.kind, parsed.value, parsed.valid) == (recogniser.kind, example.value, True)


@pytest.mark.parametrize("in_capitals", [False, True], ids=["lower-case", "capitals"])
def test_the_example_is_accepted_under_the_kinds_own_name(
    recogniser: Recogniser, in_capitals: bool
) -> None:
    example = example_for(recogniser)
    name = recogniser.kind.upper() if in_capitals else str(recogniser.kind)
    parsed = parse_query(f"{name}:{example.written}")

    assert (parsed.kind, parsed.value, parsed.valid) == (recogniser.kind, example.value, True)


def test_the_example_is_accepted_under_each_alias(recogniser: Recogniser) -> None:
    example = example_for(recogniser)
    # Typed as a user would: "reg no: 1,234,567", "u.s. reg: 1,234,567".
    readings = {
        alias: parse_query(f"{alias.replace('_', ' ')}: {example.written}")
        for alias in recogniser.aliases
    }

    expected = (recogniser.kind, example.value)
    assert {alias: (parsed.kind, parsed.value) for alias, parsed in readings.items()} == (
        dict.fromkeys(recogniser.aliases, expected)
    )


def test_finder_and_lookup_give_the_same_value(recogniser: Recogniser) -> None:
    example = example_for(recogniser)
    found = found_as(recogniser.kind, example.text)

    assert found, f"{recogniser.kind} not found in {example.text!r}"
    assert {parse_query(match.display).value for match in found} == {match.value for match in found}


def test_a_broken_check_digit_is_rejected_by_both_paths(recogniser: Recogniser) -> None:
    example = example_for(recogniser)
    has_check_digit = parse_query(example.written).checked
    if not has_check_digit:
        assert example.broken is None, (
            f"{recogniser.kind} has no check digit; drop the broken example from EXAMPLES"
        )
        return
    assert example.broken is not None, (
        f"{recogniser.kind} has a check digit: give its example a broken one in EXAMPLES"
    )

    assert found_as(recogniser.kind, example.broken_text) == []
    typed = parse_query(f"{recogniser.kind}:{example.broken}")
    assert (typed.kind, typed.valid) == (recogniser.kind, False)


def test_a_typed_tie_between_kinds_can_be_settled(recogniser: Recogniser) -> None:
    assert TYPED_PRIORITY.count(recogniser.kind) == 1, (
        f"list {recogniser.kind} once in registry.TYPED_PRIORITY"
    )


def test_every_kind_has_a_recogniser_and_only_one() -> None:
    registered = [recogniser.kind for recogniser in RECOGNISERS]

    assert sorted(registered) == sorted(IdentifierKind)
    assert len(TYPED_PRIORITY) == len(registered)


def test_no_alias_names_two_kinds() -> None:
    aliases = [alias for recogniser in RECOGNISERS for alias in recogniser.aliases]

    assert len(aliases) == len(set(aliases))
