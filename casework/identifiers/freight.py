"""Freight identifiers: air waybills, ISO 6346 containers, IMO ship numbers, HTS tariff codes.

Containers (owner code, category U/J/Z, serial, check digit) and IMO numbers are checked by
``python-stdnum``. An IMO number needs its ``IMO`` prefix, which is how it is always written.
Air waybill numbers have a weak check (one in seven), so they need a cargo keyword nearby.
HTS codes have no check at all: the dotted ``6403.99.60`` / ``6403.99.6075`` forms stand alone
(unless they read as a date, ``2004.10.08``), the short ``6403.99`` needs a tariff keyword,
since it is also how prices and measurements are written.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from stdnum import imo, iso6346

from casework.identifiers.context import keyword_near, keywords, mentions_any
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

AIR_WAYBILL = re.compile(r"(\d(?<![\w.,/-].)\d{2})[- ]?(\d{4}) ?(\d{4})(?![\w-]|[.,/]\d)")
AIR_WAYBILL_KEYWORDS = keywords(
    "AWBs?", "MAWBs?", "HAWBs?", r"air ?way ?bills?", r"air cargo", r"waybills?", r"air freight"
)
AIR_WAYBILL_GATE = ("awb", "waybill", "way bill", "air cargo", "air freight")
AIR_WAYBILL_TYPED = re.compile(r"(\d{3})[- ]?(\d{4}) ?(\d{4})")
CONTAINER = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z]{2}[UJZ][ -]?\d{6}[ -]?\d(?![A-Za-z0-9])")
CONTAINER_TYPED = re.compile(r"[A-Z]{3}[UJZ][ -]?\d{6}[ -]?\d", re.IGNORECASE)
IMO_NUMBER = re.compile(
    r"(?<![A-Za-z])IMO(?:[ :#.\-]|No\.?|Nr\.?|number)*(\d{7})(?!\d)", re.IGNORECASE
)
IMO_TYPED = re.compile(r"(?:IMO(?:[ :#.\-]|No\.?|Nr\.?|number)*)?(\d{7})", re.IGNORECASE)
HTS_DOTTED = re.compile(
    r"(\d(?<![\d.,$€£/-].)\d{3})\.(\d{2})(?:\.(\d{2})(?:\.?(\d{2}))?)?(?!\d|[.,]\d|%)"
)
HTS_KEYWORDS = keywords(
    "HTS",
    "HTSUS",
    "HTSA",
    "HS",
    r"tariff",
    r"harmoni[sz]ed",
    r"subheadings?",
    r"headings?",
    r"classifi\w*",
)
HTS_DIGITS_TYPED = re.compile(r"\d{6}(?:\d{2}){0,2}")
NO_SUCH_CHAPTER = 77
SEPARATORS = re.compile(r"[ -]")


def air_waybill_check(serial: str) -> bool:
    """IATA air waybill check: the 8th serial digit is the first seven taken as a number, mod 7
    (IATA Resolution 600a; the 3-digit airline prefix takes no part)."""
    return int(serial[:7]) % 7 == int(serial[7])


def find_air_waybills(text: str) -> Iterator[IdentifierMatch]:
    if not mentions_any(text, AIR_WAYBILL_GATE):
        return
    for match in AIR_WAYBILL.finditer(text):
        prefix, serial = match.group(1), match.group(2) + match.group(3)
        if prefix == "000" or not air_waybill_check(serial):
            continue
        if keyword_near(text, match.start(), match.end(), AIR_WAYBILL_KEYWORDS):
            value = f"{prefix}-{serial}"
            yield IdentifierMatch(
                IdentifierKind.AIR_WAYBILL, value, match.group(), match.start(), match.end()
            )


def read_air_waybill(typed: str) -> Reading | None:
    shape = AIR_WAYBILL_TYPED.fullmatch(typed)
    if shape is None:
        return None
    prefix, serial = shape.group(1), shape.group(2) + shape.group(3)
    valid = prefix != "000" and air_waybill_check(serial)
    return Reading(IdentifierKind.AIR_WAYBILL, f"{prefix}-{serial}", valid=valid, checked=True)


def find_containers(text: str) -> Iterator[IdentifierMatch]:
    for match in CONTAINER.finditer(text):
        value = SEPARATORS.sub("", match.group())
        if iso6346.is_valid(value):
            yield IdentifierMatch(
                IdentifierKind.CONTAINER, value, match.group(), match.start(), match.end()
            )


def read_container(typed: str) -> Reading | None:
    if CONTAINER_TYPED.fullmatch(typed) is None:
        return None
    value = SEPARATORS.sub("", typed).upper()
    return Reading(IdentifierKind.CONTAINER, value, valid=iso6346.is_valid(value), checked=True)


def find_imo_numbers(text: str) -> Iterator[IdentifierMatch]:
    if "imo" not in text.lower():
        return
    for match in IMO_NUMBER.finditer(text):
        if imo.is_valid(match.group(1)):
            yield IdentifierMatch(
                IdentifierKind.IMO, match.group(1), match.group(), match.start(), match.end()
            )


def read_imo(typed: str) -> Reading | None:
    shape = IMO_TYPED.fullmatch(typed)
    if shape is None:
        return None
    digits = shape.group(1)
    return Reading(IdentifierKind.IMO, digits, valid=imo.is_valid(digits), checked=True)


def find_hts_codes(text: str) -> Iterator[IdentifierMatch]:
    for match in HTS_DOTTED.finditer(text):
        digits = "".join(group for group in match.groups() if group)
        if not _known_chapter(digits):
            continue
        needs_keyword = len(digits) == 6 or _reads_as_date(match)
        if needs_keyword and not keyword_near(text, match.start(), match.end(), HTS_KEYWORDS):
            continue
        yield IdentifierMatch(
            IdentifierKind.HTS_CODE, format_hts(digits), match.group(), match.start(), match.end()
        )


def format_hts(digits: str) -> str:
    """``6403996075`` → ``6403.99.6075``, as the HTSUS prints a statistical reporting number."""
    parts = [digits[:4], digits[4:6]]
    if len(digits) > 6:
        parts.append(digits[6:])
    return ".".join(parts)


def _known_chapter(digits: str) -> bool:
    chapter = int(digits[:2])
    return 1 <= chapter <= 99 and chapter != NO_SUCH_CHAPTER


def _reads_as_date(match: re.Match[str]) -> bool:
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day is None or match.group(4) is not None:
        return False
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return year.startswith(("19", "20"))


def read_hts(typed: str) -> Reading | None:
    """Dotted forms only: a bare run of digits is read as HTS only when typed as ``hts:...``."""
    shape = HTS_DOTTED.fullmatch(typed)
    if shape is None:
        return None
    digits = "".join(group for group in shape.groups() if group)
    return Reading(IdentifierKind.HTS_CODE, format_hts(digits), valid=_known_chapter(digits))


def read_hts_digits(typed: str) -> Reading | None:
    compact = typed.replace(".", "").replace(" ", "")
    if HTS_DIGITS_TYPED.fullmatch(compact) is None:
        return None
    return Reading(IdentifierKind.HTS_CODE, format_hts(compact), valid=_known_chapter(compact))
