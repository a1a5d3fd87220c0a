"""Parcel tracking numbers: UPS, FedEx, USPS (and UPU S10 international items), DHL Express.

Formats and check digits come from ``tracking-numbers`` (the Python port of the shared
``tracking_number_data`` definitions), so this module only finds candidates and decides how much
context each needs. UPS (``1Z`` + 16) and S10 (``EA123456785US``) numbers carry letters and a
check digit and stand alone. Numbers that are only digits need their carrier named nearby (or,
for the long USPS barcodes, a word like "tracking"), since a ten-digit number passes the DHL
check one time in seven.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import tracking_numbers  # type: ignore[import-untyped]

from casework.identifiers.context import keyword_near, keywords, mentions_any
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

UPS = re.compile(r"(?<![A-Za-z0-9])1Z(?: ?[A-Z0-9]){16}(?![A-Za-z0-9])", re.IGNORECASE)
S10 = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z] ?\d{3} ?\d{3} ?\d{3} ?[A-Z]{2}(?![A-Za-z0-9])")
DIGIT_GROUPS = re.compile(r"\d(?<![\w.,/:-].)\d*(?: \d+)*(?![\w-]|[.,/]\d)")
DIGIT_GROUP = re.compile(r"\d+")
SPACES = re.compile(r"[ \u00a0-]")
DIGITS_TYPED = re.compile(r"\d[\d ]*\d")

GENERIC_TRACKING = (
    r"track(?:ing|ed)?",
    r"shipments?",
    r"shipped",
    r"parcels?",
    r"packages?",
    r"labels?",
    r"consignments?",
)
DIGITS_GATE = (
    "dhl",
    "fedex",
    "fed ex",
    "federal express",
    "usps",
    "postal",
    "mail",
    "smartpost",
    "smart post",
    "track",
    "ship",
    "parcel",
    "package",
    "label",
    "consignment",
)
"""Words one of which must occur in a text before digits-only tracking numbers are looked for."""
FEDEX_KEYWORDS = keywords(r"fed\s?ex", r"federal express")
DHL_KEYWORDS = keywords("DHL")
USPS_KEYWORDS = keywords(
    "USPS",
    r"postal",
    r"priority mail",
    r"first[- ]class",
    r"certified mail",
    r"smart\s?post",
    r"fed\s?ex",
    *GENERIC_TRACKING,
)


@dataclass(frozen=True)
class DigitFormat:
    """A digits-only tracking number: its length, leading digits, product and context."""

    kind: IdentifierKind
    length: int
    prefixes: tuple[str, ...]
    products: tuple[str, ...]
    """``tracking-numbers`` product names; the number is valid if any of them accepts it."""
    context: re.Pattern[str]


DIGIT_FORMATS = (
    DigitFormat(
        IdentifierKind.USPS_TRACKING,
        22,
        ("91", "92", "93", "94", "95"),
        ("USPS 91",),
        USPS_KEYWORDS,
    ),
    DigitFormat(
        IdentifierKind.FEDEX_TRACKING, 22, ("96",), ("FedEx Ground 96 (22)",), FEDEX_KEYWORDS
    ),
    DigitFormat(IdentifierKind.USPS_TRACKING, 20, (), ("USPS 20", "USPS 91"), USPS_KEYWORDS),
    DigitFormat(IdentifierKind.FEDEX_TRACKING, 15, (), ("FedEx Ground",), FEDEX_KEYWORDS),
    DigitFormat(IdentifierKind.FEDEX_TRACKING, 12, (), ("FedEx Express (12)",), FEDEX_KEYWORDS),
    DigitFormat(IdentifierKind.DHL_TRACKING, 10, (), ("DHL Express",), DHL_KEYWORDS),
)
DIGIT_LENGTHS = frozenset(form.length for form in DIGIT_FORMATS)
MAX_DIGITS = max(DIGIT_LENGTHS)


@cache
def _definition(product: str) -> Any:
    definition = tracking_numbers.get_definition(product)
    if definition is None:
        raise LookupError(f"tracking-numbers has no definition named {product!r}")
    return definition


def accepted_by(product: str, number: str) -> bool:
    """Whether ``tracking-numbers``' definition of ``product`` accepts the compact ``number``:
    its format, check digit and any service-code or country-code table."""
    result = _definition(product).test(number)
    return result is not None and bool(result.valid)


def _digit_format(digits: str) -> DigitFormat | None:
    for form in DIGIT_FORMATS:
        if len(digits) == form.length and (not form.prefixes or digits.startswith(form.prefixes)):
            return form
    return None


def find_lettered(text: str) -> Iterator[IdentifierMatch]:
    """UPS ``1Z`` numbers and S10 items: letters and a check digit, no keyword needed."""
    searches = [(S10, IdentifierKind.USPS_TRACKING, "S10")]
    if "1z" in text.lower():
        searches.append((UPS, IdentifierKind.UPS_TRACKING, "UPS"))
    for pattern, kind, product in searches:
        for match in pattern.finditer(text):
            value = SPACES.sub("", match.group()).upper()
            if accepted_by(product, value):
                yield IdentifierMatch(kind, value, match.group(), match.start(), match.end())


def find_digit_numbers(text: str) -> Iterator[IdentifierMatch]:
    """Digits-only tracking numbers, also printed in groups (``9400 1118 9922 3100 0012 34``)."""
    if not mentions_any(text, DIGITS_GATE):
        return
    for run in DIGIT_GROUPS.finditer(text):
        if len(run.group()) < 10:
            continue
        groups = [(group.start(), group.end()) for group in DIGIT_GROUP.finditer(text, *run.span())]
        yield from _numbers_in_groups(text, groups)


def _numbers_in_groups(text: str, groups: list[tuple[int, int]]) -> Iterator[IdentifierMatch]:
    """From the left, the longest run of consecutive groups that is a valid tracking number."""
    first = 0
    while first < len(groups):
        found = _longest_from(text, groups, first)
        if found is None:
            first += 1
            continue
        match, last = found
        yield match
        first = last + 1


def _longest_from(
    text: str, groups: list[tuple[int, int]], first: int
) -> tuple[IdentifierMatch, int] | None:
    ends: list[int] = []
    digits = 0
    for last in range(first, len(groups)):
        digits += groups[last][1] - groups[last][0]
        if digits > MAX_DIGITS:
            break
        ends.append(last)
    for last in reversed(ends):
        match = _digit_match(text, groups[first][0], groups[last][1])
        if match is not None:
            return match, last
    return None


def _digit_match(text: str, start: int, end: int) -> IdentifierMatch | None:
    display = text[start:end]
    digits = display.replace(" ", "")
    if len(digits) not in DIGIT_LENGTHS:
        return None
    form = _digit_format(digits)
    if form is None or not any(accepted_by(product, digits) for product in form.products):
        return None
    if not keyword_near(text, start, end, form.context):
        return None
    return IdentifierMatch(form.kind, digits, display, start, end)


def read_ups(typed: str) -> Reading | None:
    value = SPACES.sub("", typed).upper()
    if not (len(value) == 18 and value.startswith("1Z") and value.isalnum()):
        return None
    return _reading(IdentifierKind.UPS_TRACKING, value, ("UPS",))


def read_s10(typed: str) -> Reading | None:
    value = SPACES.sub("", typed).upper()
    if S10.fullmatch(value) is None:
        return None
    return _reading(IdentifierKind.USPS_TRACKING, value, ("S10",))


def read_digits(kind: IdentifierKind, typed: str) -> Reading | None:
    """A digits-only number of ``kind`` (spaces allowed), checked without asking for context."""
    if DIGITS_TYPED.fullmatch(typed) is None:
        return None
    digits = typed.replace(" ", "")
    form = _digit_format(digits)
    if form is None or form.kind is not kind:
        return None
    return _reading(kind, digits, form.products)


def _reading(kind: IdentifierKind, value: str, products: tuple[str, ...]) -> Reading:
    valid = any(accepted_by(product, value) for product in products)
    return Reading(kind, value, valid=valid, checked=True)


def read_usps(typed: str) -> Reading | None:
    return read_s10(typed) or read_digits(IdentifierKind.USPS_TRACKING, typed)


def read_fedex(typed: str) -> Reading | None:
    return read_digits(IdentifierKind.FEDEX_TRACKING, typed)


def read_dhl(typed: str) -> Reading | None:
    """Ten digits with no spaces: spaced digits are more likely a phone number."""
    if not (len(typed) == 10 and typed.isdigit()):
        return None
    return read_digits(IdentifierKind.DHL_TRACKING, typed)


def read_dhl_spaced(typed: str) -> Reading | None:
    """Ten digits, spaces allowed: for ``dhl:33 1881 0025``, where the user named the carrier."""
    return read_digits(IdentifierKind.DHL_TRACKING, typed)
