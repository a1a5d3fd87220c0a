"""Hard negatives: strings that look like identifiers and must not match anything."""

from __future__ import annotations

import pytest

from casework.identifiers import IdentifierKind, find_identifiers

K = IdentifierKind

NOTHING_HERE = [
    "Search warrant executed 2024-03-01; interview on 03/01/2024 at 10:30.",
    "Build 2024.10.08 was installed on the phone.",
    "Retail value: $1,234.56 per unit, $3,125,550,100 in aggregate.",
    "Unit price 1234.56 USD.",
    "Warehouse at 4410 W. Ogden Ave, Chicago, IL 60623-1234; second site ZIP 90021.",
    "State case 2024-CF-001234; citation 23-004512.",
    "Social security number 123-45-6789 was redacted.",
    "Amazon order 112-1234567-1234567 and gift card ABCD-EFGH-IJKL.",
    "Call 555-0100 (seven digits, no area code).",
    "Flyer number (123) 456-7890 is not a valid number.",
    "Ten digits with no keyword: 3125550100.",
    "Customer 1234567890 called twice.",
    "18 U.S.C. 2320(b)(1)(A), e.g. trafficking, i.e. knowingly.",
    "Fed. R. Crim. P. 6(e) material is excluded.",
    "The shipment arrived.It was unpacked.Then resealed.",
    "Files: report.pdf, notes.md and parse.py in the share.",
    "Coordinates 41.8781, -87.6298 from the photo.",
    "Counting sheet: 1234567 labels, 9876543 tags.",
    "Batch codes 2019-0412 and 2020-1131 on the bottles.",
    "Version 2.13.0, model RT-AX86U, booking ref QX7P2M, gate B22.",
    "Instagram @velmore.outlet and TikTok velmore_outlet_official.",
    "Temperature log 21.5, 22.0, 21.8; pallet 12 of 40.",
    "Hours 9:00-17:30, Monday to Friday.",
]


@pytest.mark.parametrize("text", NOTHING_HERE)
def test_look_alike_matches_nothing(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Docket 1:24-cv-01234 filed.", K.DOCKET),
        ("Serial No. 97/123,456 for the trademark.", K.USPTO_SERIAL),
        ("HTS 6403.99.6075 declared.", K.HTS_CODE),
        ("U.S. Reg. No. 1,234,567 for the mark.", K.USPTO_REGISTRATION),
        ("EIN 12-3456789 on file.", K.EIN),
        ("MAWB 176-84920312 arrived.", K.AIR_WAYBILL),
        ("DHL waybill 3318810025 arrived.", K.DHL_TRACKING),
    ],
)
def test_number_shaped_identifiers_are_not_also_phone_numbers(
    text: str, kind: IdentifierKind
) -> None:
    assert [match.kind for match in find_identifiers(text)] == [kind]


def test_grouped_tracking_number_is_not_read_as_phone_numbers() -> None:
    found = find_identifiers("USPS tracking 9400 1118 9922 3100 0012 36 on the box")

    assert [match.kind for match in found] == [K.USPS_TRACKING]


def test_empty_and_digitless_text() -> None:
    assert find_identifiers("") == []
    assert find_identifiers("No identifiers at all in this sentence.") == []
