"""What a user types into /lookup: kind detection, explicit ``kind:value``, normalisation,
validity, alternatives, and names."""

from __future__ import annotations

import pytest

from casework.identifiers import IdentifierKind, parse_query

K = IdentifierKind


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("+1 (312) 555-0100", K.PHONE, "+13125550100"),
        ("(312) 555-0100", K.PHONE, "+13125550100"),
        ("312-555-0100", K.PHONE, "+13125550100"),
        ("tel:+44 20 7946 0958", K.PHONE, "+442079460958"),
        ("J.Doe@Shop-Example.COM", K.EMAIL, "j.doe@shop-example.com"),
        ("https://WWW.Shop-Example.com/a/", K.URL, "https://www.shop-example.com/a"),
        ("www.Shop-Example.com", K.DOMAIN, "shop-example.com"),
        ("shop-example.com/products/1", K.DOMAIN, "shop-example.com"),
        ("b08n5wrwnw", K.ASIN, "B08N5WRWNW"),
        ("A2R2RITDJNW1Q6", K.AMAZON_SELLER_ID, "A2R2RITDJNW1Q6"),
        ("1z 999 aa1 01 2345 678 4", K.UPS_TRACKING, "1Z999AA10123456784"),
        ("782645120933", K.FEDEX_TRACKING, "782645120933"),
        ("9400 1118 9922 3100 0012 36", K.USPS_TRACKING, "9400111899223100001236"),
        ("ea123456785us", K.USPS_TRACKING, "EA123456785US"),
        ("176-84920312", K.AIR_WAYBILL, "176-84920312"),
        ("csqu 305438 3", K.CONTAINER, "CSQU3054383"),
        ("IMO 9074729", K.IMO, "9074729"),
        ("6403.99.60.75", K.HTS_CODE, "6403.99.6075"),
        ("97/123,456", K.USPTO_SERIAL, "97123456"),
        ("1,234,567", K.USPTO_REGISTRATION, "1234567"),
        ("1:24-CV-1234-ABC", K.DOCKET, "1:24-cv-01234"),
        ("gb82 west 1234 5698 7654 32", K.IBAN, "GB82WEST12345698765432"),
        ("DEUTDEFF500", K.BIC, "DEUTDEFF500"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", K.BITCOIN, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        (
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            K.ETHEREUM,
            "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
        ),
        ("123456789", K.EIN, "12-3456789"),
        ("91350100m000100y43", K.USCC, "91350100M000100Y43"),
    ],
)
def test_kind_is_detected_and_value_normalised(
    typed: str, kind: IdentifierKind, value: str
) -> None:
    parsed = parse_query(typed)

    assert (parsed.kind, parsed.value, parsed.valid) == (kind, value, True)
    assert parsed.typed == typed


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("phone:312-555-0100", K.PHONE, "+13125550100"),
        ("container:MSCU1234566", K.CONTAINER, "MSCU1234566"),
        ("Container: mscu 123456-6", K.CONTAINER, "MSCU1234566"),
        ("hts:640399", K.HTS_CODE, "6403.99"),
        ("dhl: 33 1881 0025", K.DHL_TRACKING, "3318810025"),
        ("imo:9074729", K.IMO, "9074729"),
        ("bic:deutdeff", K.BIC, "DEUTDEFF"),
        ("amazon_seller_id:A1X6FK5RDHNB96", K.AMAZON_SELLER_ID, "A1X6FK5RDHNB96"),
    ],
)
def test_explicit_kind_prefix_is_honoured(typed: str, kind: IdentifierKind, value: str) -> None:
    parsed = parse_query(typed)

    assert (parsed.kind, parsed.value, parsed.valid) == (kind, value, True)
    assert parsed.alternatives == ()


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("container:MSCU1234565", K.CONTAINER),
        ("CSQU3054384", K.CONTAINER),
        ("1Z999AA10123456785", K.UPS_TRACKING),
        ("RR473124828US", K.USPS_TRACKING),
        ("176-84920313", K.AIR_WAYBILL),
        ("GB82WEST12345698765433", K.IBAN),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", K.ETHEREUM),
        ("91350100M000100Y44", K.USCC),
    ],
)
def test_failing_check_digit_still_parses_but_is_not_valid(
    typed: str, kind: IdentifierKind
) -> None:
    parsed = parse_query(typed)

    assert (parsed.kind, parsed.valid, parsed.checked) == (kind, False, True)


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("Reg. No. 1,234,567", K.USPTO_REGISTRATION, "1234567"),
        ("U.S. Reg. No. 1,234,567", K.USPTO_REGISTRATION, "1234567"),
        ("Serial No. 97/123,456", K.USPTO_SERIAL, "97123456"),
        ("AWB 176-84920312", K.AIR_WAYBILL, "176-84920312"),
        ("Case No. 1:24-cv-01234", K.DOCKET, "1:24-cv-01234"),
        ("SWIFT DEUTDEFF", K.BIC, "DEUTDEFF"),
        ("UPS 1Z999AA10123456784", K.UPS_TRACKING, "1Z999AA10123456784"),
    ],
)
def test_a_label_pasted_with_the_number_names_its_kind(
    typed: str, kind: IdentifierKind, value: str
) -> None:
    parsed = parse_query(typed)

    assert (parsed.kind, parsed.value, parsed.valid) == (kind, value, True)


def test_a_label_followed_by_a_name_is_a_name() -> None:
    assert parse_query("DHL Express").kind is None


def test_internationalised_domain_is_read() -> None:
    assert (parse_query("Bücher.de").kind, parse_query("Bücher.de").value) == (
        K.DOMAIN,
        "bücher.de",
    )


def test_explicit_kind_with_a_malformed_value_is_kept_as_typed() -> None:
    parsed = parse_query("container:not a box")

    assert (parsed.kind, parsed.value, parsed.valid) == (K.CONTAINER, "not a box", False)


@pytest.mark.parametrize("typed", ["John Smith", "Velmore Outlet Ltd.", "ACME", "2024", "sneakers"])
def test_names_and_words_are_not_identifiers(typed: str) -> None:
    parsed = parse_query(typed)

    assert (parsed.kind, parsed.value, parsed.valid) == (None, typed, False)


def test_url_scheme_is_not_mistaken_for_a_kind_prefix() -> None:
    assert parse_query("http://shop-example.com").kind is K.URL


def test_bare_ten_digits_passing_the_dhl_check_offer_the_phone_reading_too() -> None:
    parsed = parse_query("3318810025")

    assert (parsed.kind, parsed.value, parsed.valid) == (K.DHL_TRACKING, "3318810025", True)
    assert [(reading.kind, reading.value) for reading in parsed.alternatives] == [
        (K.PHONE, "+13318810025")
    ]


def test_bare_ten_digits_failing_the_dhl_check_are_a_phone_number() -> None:
    parsed = parse_query("3125550100")

    assert (parsed.kind, parsed.value) == (K.PHONE, "+13125550100")
    assert parsed.alternatives == ()


def test_seven_digits_passing_the_imo_check_are_also_a_registration_number() -> None:
    parsed = parse_query("9074729")

    assert parsed.kind is K.IMO
    assert [reading.kind for reading in parsed.alternatives] == [K.USPTO_REGISTRATION]


def test_all_lower_case_ethereum_address_is_valid_without_a_checksum() -> None:
    parsed = parse_query("0xde709f2102306220921060314715629080e2fb77")

    assert (parsed.kind, parsed.valid, parsed.checked) == (K.ETHEREUM, True, False)


def test_invalid_phone_number_is_reported_as_such() -> None:
    parsed = parse_query("(123) 456-7890")

    assert (parsed.kind, parsed.valid) == (K.PHONE, False)


def test_surrounding_and_non_breaking_spaces_are_ignored() -> None:
    assert parse_query("  312\u00a0555\u00a00100 ").value == "+13125550100"
