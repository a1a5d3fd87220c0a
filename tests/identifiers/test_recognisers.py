"""Each kind is found, with its normalised value and exact offsets, when valid and written in
context; the same text with a failing check digit (or without its keyword) finds nothing.

Published vectors where they exist: ISO 6346 ``CSQU3054383``, IMO ``9074729``, IBAN
``GB82WEST12345698765432`` and ``DE89370400440532013000``, UPS ``1Z999AA10123456784``, the UPU S10
worked example (serial 47312482, check digit 9), EIP-55's own examples, BIP-173's upper-case
bech32 address, the bitcoin wiki's base58 address. The others (FedEx, USPS, DHL, air waybill,
USCC, EIN) were invented and their check digits computed with the libraries that check them.
"""

from __future__ import annotations

import pytest

from casework.identifiers import IdentifierKind, IdentifierMatch, find_identifiers

K = IdentifierKind

VALID = [
    (K.EMAIL, "Write to J.Doe@Shop-Example.COM for refunds.", "j.doe@shop-example.com"),
    (K.PHONE, "Call (312) 555-0100 after five.", "+13125550100"),
    (K.PHONE, "UK office +44 20 7946 0958, ask for Tom.", "+442079460958"),
    (K.PHONE, "Hotline 1-800-555-0199 is unattended.", "+18005550199"),
    (K.PHONE, "Landlord: 213.555.0176.", "+12135550176"),
    (K.PHONE, "Tel:312-555-0100 (no space after the colon).", "+13125550100"),
    (K.URL, "See https://WWW.Shop-Example.com/listing/123/#reviews.", None),
    (K.DOMAIN, "The site shop-example.com sells fakes.", "shop-example.com"),
    (K.ASIN, "Listing B08N5WRWNW was relisted.", "B08N5WRWNW"),
    (K.ASIN, "Book ASIN 0306406152 was hijacked.", "0306406152"),
    (K.AMAZON_SELLER_ID, "Seller ID: A2R2RITDJNW1Q6 (storefront).", "A2R2RITDJNW1Q6"),
    (K.UPS_TRACKING, "Parcel 1Z999AA10123456784 was signed for.", "1Z999AA10123456784"),
    (K.UPS_TRACKING, "Parcel 1Z 999 AA1 01 2345 678 4 was signed for.", "1Z999AA10123456784"),
    (K.FEDEX_TRACKING, "FedEx tracking 782645120933 on the label.", "782645120933"),
    (K.FEDEX_TRACKING, "FedEx Ground 096123456789019 held chargers.", "096123456789019"),
    (K.USPS_TRACKING, "USPS tracking 9400 1118 9922 3100 0012 36.", "9400111899223100001236"),
    (K.USPS_TRACKING, "Registered letter RR473124829US came back.", "RR473124829US"),
    (K.DHL_TRACKING, "DHL waybill 3318810025 from Guangzhou.", "3318810025"),
    (K.AIR_WAYBILL, "MAWB 176-84920312 arrived at JFK.", "176-84920312"),
    (K.AIR_WAYBILL, "AWB 02055641235 (no dash) per the manifest.", "020-55641235"),
    (K.CONTAINER, "Container CSQU3054383 was examined.", "CSQU3054383"),
    (K.CONTAINER, "Box MSCU 123456-6 was re-exported.", "MSCU1234566"),
    (K.IMO, "The vessel IMO 9074729 discharged.", "9074729"),
    (K.HTS_CODE, "Footwear entered under 6403.99.6075 was detained.", "6403.99.6075"),
    (K.HTS_CODE, "Batteries under HTS subheading 8507.60 were seized.", "8507.60"),
    (K.HTS_CODE, "Watches under 9102.11.25 were fakes.", "9102.11.25"),
    (K.USPTO_SERIAL, "Trademark application Serial No. 97/123,456 is pending.", "97123456"),
    (K.USPTO_SERIAL, "Opposition to application serial number 90418273.", "90418273"),
    (K.USPTO_REGISTRATION, "The mark, Reg. No. 1,234,567, covers class 25.", "1234567"),
    (K.DOCKET, "United States v. Doe, No. 1:24-cv-1234 (N.D. Ill.).", "1:24-cv-01234"),
    (K.DOCKET, "See 2:19-cr-00123-ABC for the plea.", "2:19-cr-00123"),
    (K.DOCKET, "See United States v. Nuri, 24-cr-123.", "24-cr-00123"),
    (K.IBAN, "Wire to GB82 WEST 1234 5698 7654 32 on Monday.", "GB82WEST12345698765432"),
    (K.IBAN, "Wire to DE89370400440532013000 on Monday.", "DE89370400440532013000"),
    (K.BIC, "SWIFT: DEUTDEFF for the beneficiary bank.", "DEUTDEFF"),
    (K.BIC, "SWIFT/BIC: CHASUS33XXX for the correspondent.", "CHASUS33XXX"),
    (
        K.BITCOIN,
        "Paid to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2.",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    ),
    (
        K.BITCOIN,
        "Paid to BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4 yesterday.",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    ),
    (
        K.ETHEREUM,
        "Send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed now.",
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
    ),
    (
        K.ETHEREUM,
        "All caps 0x52908400098527886E0F7030069857D2E4169EE7 has no checksum.",
        "0x52908400098527886e0f7030069857d2e4169ee7",
    ),
    (
        K.ETHEREUM,
        "Lower 0xde709f2102306220921060314715629080e2fb77 has no checksum.",
        "0xde709f2102306220921060314715629080e2fb77",
    ),
    (K.EIN, "Importer EIN 12-3456789 on the 1099-K.", "12-3456789"),
    (K.USCC, "Supplier USCC 91350100M000100Y43 on its licence.", "91350100M000100Y43"),
]

CHECK_FAILS = [
    (K.EMAIL, "Write to john..doe@shop-example.com for refunds."),
    (K.PHONE, "Call (123) 456-7890 after five."),
    (K.ASIN, "Book ASIN 0306406153 was hijacked."),
    (K.UPS_TRACKING, "Parcel 1Z999AA10123456785 was signed for."),
    (K.FEDEX_TRACKING, "FedEx tracking 782645120934 on the label."),
    (K.USPS_TRACKING, "USPS tracking 9400 1118 9922 3100 0012 37."),
    (K.USPS_TRACKING, "Registered letter RR473124828US came back."),
    (K.DHL_TRACKING, "DHL waybill 3318810026 from Guangzhou."),
    (K.AIR_WAYBILL, "MAWB 176-84920313 arrived at JFK."),
    (K.CONTAINER, "Container CSQU3054384 was examined."),
    (K.IMO, "The vessel IMO 9074728 discharged."),
    (K.HTS_CODE, "Goods entered under 7701.10.0000 (there is no chapter 77)."),
    (K.USPTO_SERIAL, "Patent application Serial No. 17/123,456 is pending."),
    (K.IBAN, "Wire to GB82 WEST 1234 5698 7654 33 on Monday."),
    (K.BIC, "SWIFT: DEUTXXFF for the beneficiary bank."),
    (K.BITCOIN, "Paid to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3."),
    (K.ETHEREUM, "Send to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD now."),
    (K.EIN, "Importer EIN 07-3456789 on the 1099-K."),
    (K.USCC, "Supplier USCC 91350100M000100Y44 on its licence."),
]

NO_KEYWORD = [
    (K.DHL_TRACKING, "Order 3318810025 was refunded."),
    (K.FEDEX_TRACKING, "Invoice 782645120933 was paid in cash."),
    (K.USPS_TRACKING, "Utility account 9400111899223100001236 in her name."),
    (K.AIR_WAYBILL, "Reference 176-84920312 on the receipt."),
    (K.AMAZON_SELLER_ID, "A code A2R2RITDJNW1Q6 was written on the carton."),
    (K.ASIN, "Reference 0306406152 on the receipt."),
    (K.HTS_CODE, "Unit price 6403.99 yuan per carton."),
    (K.USPTO_SERIAL, "Laptop serial number 97123456 was noted."),
    (K.USPTO_REGISTRATION, "Vehicle registration 1,234,567 km on the odometer."),
    (K.BIC, "The string DEUTDEFF was in her password list."),
    (K.EIN, "Badge 12-3456789 was found in the car."),
    (K.USCC, "Order number 913501001234567890 was on the receipt."),
]


def only(kind: IdentifierKind, text: str) -> list[IdentifierMatch]:
    return [match for match in find_identifiers(text) if match.kind is kind]


@pytest.mark.parametrize(("kind", "text", "value"), VALID)
def test_valid_identifier_is_found_with_its_value_and_offsets(
    kind: IdentifierKind, text: str, value: str | None
) -> None:
    found = only(kind, text)

    assert len(found) == 1, found
    match = found[0]
    if value is not None:
        assert match.value == value
    assert text[match.start : match.end] == match.display


@pytest.mark.parametrize(("kind", "text"), CHECK_FAILS)
def test_failing_check_is_not_a_match(kind: IdentifierKind, text: str) -> None:
    assert only(kind, text) == []


@pytest.mark.parametrize(("kind", "text"), NO_KEYWORD)
def test_weakly_checked_numbers_need_their_keyword(kind: IdentifierKind, text: str) -> None:
    assert find_identifiers(text) == [], kind


def test_url_is_normalised_and_gives_its_registered_domain() -> None:
    text = "See https://WWW.Shop-Example.co.uk/listing/123/#reviews."

    url, domain = find_identifiers(text)

    assert (url.kind, url.value) == (K.URL, "https://www.shop-example.co.uk/listing/123")
    assert url.display == "https://WWW.Shop-Example.co.uk/listing/123/#reviews"
    assert (domain.kind, domain.value, domain.display) == (
        K.DOMAIN,
        "shop-example.co.uk",
        "Shop-Example.co.uk",
    )


def test_defanged_url_is_read_as_the_real_address() -> None:
    [url, domain] = find_identifiers("Pay page: hxxps://pay-kicksvault[.]top/checkout")

    assert url.value == "https://pay-kicksvault.top/checkout"
    assert (domain.value, domain.display) == ("pay-kicksvault.top", "pay-kicksvault[.]top")


def test_private_suffix_keeps_the_storefront() -> None:
    [_, domain] = find_identifiers("https://velmore-outlet.myshopify.com/products/tote")

    assert domain.value == "velmore-outlet.myshopify.com"


def test_url_without_a_real_suffix_is_not_an_address() -> None:
    assert find_identifiers("cut off at http://www.usdoj by the page break") == []


def test_identifiers_inside_a_url_are_reported_too() -> None:
    text = "https://www.amazon.com/dp/B09TQ4LMRZ?seller=A1X6FK5RDHNB96"

    kinds = [match.kind for match in find_identifiers(text)]

    assert kinds == [K.URL, K.DOMAIN, K.ASIN, K.AMAZON_SELLER_ID]


def test_email_claims_its_domain() -> None:
    assert [match.kind for match in find_identifiers("mail sales@velmore-outlet.com")] == [K.EMAIL]


def test_docket_records_the_court_named_nearby() -> None:
    text = (
        "Plaintiff sued in the Northern District of Illinois, 1:24-cv-01234; the related "
        "criminal case is 2:19-cr-00123-ABC (C.D. Cal.)."
    )

    details = [(match.value, match.detail) for match in find_identifiers(text)]

    assert details == [("1:24-cv-01234", "N.D. Ill."), ("2:19-cr-00123", "C.D. Cal.")]


def test_internationalised_host_gives_its_domain() -> None:
    [url, domain] = find_identifiers("Shop at https://Bücher.de/angebote today")

    assert (url.value, domain.value, domain.display) == (
        "https://bücher.de/angebote",
        "bücher.de",
        "Bücher.de",
    )


def test_docket_without_a_court_has_no_detail() -> None:
    [match] = find_identifiers("See case 24-cr-123 for the forfeiture order.")

    assert match.detail is None


def test_numbers_printed_in_groups_are_read_as_one_and_separate_ones_as_several() -> None:
    text = "DHL waybills 7521049384 4890123755 1204567895 were recovered."

    values = [match.value for match in find_identifiers(text)]

    assert values == ["7521049384", "4890123755", "1204567895"]


def test_iban_followed_by_a_capitalised_word_is_cut_where_it_checks() -> None:
    [match] = find_identifiers("IBAN GB82 WEST 1234 5698 7654 32 BANK of record")

    assert match.display == "GB82 WEST 1234 5698 7654 32"
