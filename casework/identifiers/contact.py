"""E-mail addresses and phone numbers.

E-mail candidates are cut by a regex and checked by ``email_validator`` (syntax only: no DNS).
Phone numbers are found by ``phonenumbers``' matcher with VALID leniency, run only on strings
shaped like the numbers accepted here. A number without a ``+`` must be grouped like a North
American number (``312-555-0100``, ``(312) 555-0100``, ``1-800-555-0199``): dates, prices, ZIP+4
codes, serial and docket numbers are grouped otherwise, and a bare run of ten digits is more
often an order or account number than a phone number (so ``3125550100`` in prose is missed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

DEFAULT_REGION = "US"
EMAIL = re.compile(r"(?<![\w.+%-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,63}(?![\w-])")
EMAIL_TYPED = re.compile(r"(?:mailto:)?([^@\s]+@[^@\s]+)", re.IGNORECASE)
PHONE_SHAPE = re.compile(
    r"\+\d[\d ().\-/\u00a0]{5,20}\d"
    r"|(?:1[ .-])?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}"
)
"""Where a phone number as this module accepts it could be: a ``+`` and digits, or a North
American number in groups. The matcher runs only on small windows around these, since it costs
about 2 ms per 1,000 characters of prose and far more on tables of numbers. The windows are the
shapes themselves: what is around a number is checked here, on the whole text."""
NANP_GROUPS = ((3, 3, 4), (1, 3, 3, 4))
TYPED_NANP_GROUPS = (*NANP_GROUPS, (10,), (11,), (3, 7))
"""A typed number without ``+`` needs its area code: a seven-digit local number has no E.164."""
PHONE_TYPED = re.compile(
    r"(?:tel:)?(\+?[\d ().\-/\u00a0]{7,24})((?:\s*(?:ext\.?|x|#)\s*\d{1,6})?)", re.IGNORECASE
)
EXTENSION = re.compile(r"\s*(?:ext\.?|x|#)\s*\d{1,6}$", re.IGNORECASE)
BAD_NEIGHBOURS = "-/.#$€£,"


def find_emails(text: str) -> Iterator[IdentifierMatch]:
    if "@" not in text:
        return
    for match in EMAIL.finditer(text):
        value = normalise_email(match.group())
        if value is not None:
            yield IdentifierMatch(
                IdentifierKind.EMAIL, value, match.group(), match.start(), match.end()
            )


def normalise_email(candidate: str) -> str | None:
    """Lower-cased whole: investigators expect ``J.Doe@X.com`` and ``j.doe@x.com`` to match."""
    try:
        checked = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    return str(checked.normalized).lower()


def read_email(typed: str) -> Reading | None:
    shape = EMAIL_TYPED.fullmatch(typed)
    if shape is None:
        return None
    address = shape.group(1)
    value = normalise_email(address)
    if value is None:
        return Reading(IdentifierKind.EMAIL, address.lower(), valid=False)
    return Reading(IdentifierKind.EMAIL, value, valid=True)


def find_phones(text: str) -> Iterator[IdentifierMatch]:
    seen: set[int] = set()
    for shape in PHONE_SHAPE.finditer(text):
        window_start, window = shape.start(), shape.group()
        for found in PhoneNumberMatcher(window, DEFAULT_REGION, leniency=Leniency.VALID):
            start, end = window_start + found.start, window_start + found.end
            if start in seen or not _plausibly_written_as_phone(text, start, end, found.raw_string):
                continue
            seen.add(start)
            value = phonenumbers.format_number(found.number, PhoneNumberFormat.E164)
            yield IdentifierMatch(IdentifierKind.PHONE, value, found.raw_string, start, end)


def _plausibly_written_as_phone(text: str, start: int, end: int, raw: str) -> bool:
    before = text[max(0, start - 2) : start]
    if before and (before[-1].isalnum() or before[-1] in BAD_NEIGHBOURS):
        return False
    if before.endswith(":") and before[:1].isdigit():
        return False
    if end < len(text) and (text[end].isalnum() or text[end] in "-/"):
        return False
    if raw.startswith("+"):
        return True
    return _digit_groups(EXTENSION.sub("", raw)) in NANP_GROUPS


def _digit_groups(raw: str) -> tuple[int, ...]:
    return tuple(len(group) for group in re.findall(r"\d+", raw))


def read_phone(typed: str) -> Reading | None:
    shape = PHONE_TYPED.fullmatch(typed)
    if shape is None:
        return None
    number_part = shape.group(1).strip()
    digits = sum(char.isdigit() for char in number_part)
    if not 7 <= digits <= 15:
        return None
    if not number_part.startswith("+") and _digit_groups(number_part) not in TYPED_NANP_GROUPS:
        return None
    try:
        number = phonenumbers.parse(number_part + shape.group(2), DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    value = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return Reading(IdentifierKind.PHONE, value, valid=phonenumbers.is_valid_number(number))
