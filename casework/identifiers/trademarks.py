"""USPTO trademark serial and registration numbers.

Neither has a check digit, and both are just numbers, so both need their keyword nearby, and
the keyword must be about a trademark: a laptop has a "serial number" and a car a "registration"
too. A serial number is eight digits whose first two are the series code (70 to 99 for
trademarks), written ``97/123,456`` (that form alone is the USPTO's) or ``97123456`` next to
trademark words. A registration number is seven digits, often written ``1,234,567``, cited as
``Reg. No.`` or next to trademark words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.identifiers.context import keyword_near, keywords, mentions_any
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

SERIAL = re.compile(r"(\d(?<![\w.,/-].)\d)([/-]?)(\d{3}),?(\d{3})(?![\w-]|[.,/]\d)")
SERIAL_KEYWORDS = keywords(r"serial", r"ser\.", r"S/N", "SN", r"application")
SERIAL_GATE = ("serial", "ser.", "s/n", "sn", "application")
SERIES_CODES = range(70, 100)
REGISTRATION = re.compile(r"([1-9](?<![\w.,/-].)),?(\d{3}),?(\d{3})(?![\w-]|[.,/]\d)")
REGISTRATION_KEYWORDS = keywords(r"registrations?", r"reg\.", "regs?")
REGISTRATION_GATE = ("reg",)
TRADEMARK_CONTEXT = keywords(
    r"trade ?marks?",
    r"service marks?",
    r"(?:word |design )?marks?",
    "USPTO",
    "TSDR",
    r"reg\.",
    r"principal register",
    r"applicants?",
    r"applications?",
    r"opposition",
    r"class \d{1,2}",
    r"lanham",
)
CONTEXT_BEFORE = 150
CONTEXT_AFTER = 100


def find_serial_numbers(text: str) -> Iterator[IdentifierMatch]:
    if not mentions_any(text, SERIAL_GATE):
        return
    for match in SERIAL.finditer(text):
        if int(match.group(1)) not in SERIES_CODES:
            continue
        start, end = match.span()
        if not keyword_near(text, start, end, SERIAL_KEYWORDS, after=20):
            continue
        if match.group(2) or _about_trademarks(text, start, end):
            yield IdentifierMatch(
                IdentifierKind.USPTO_SERIAL, _serial_value(match), match.group(), start, end
            )


def _serial_value(match: re.Match[str]) -> str:
    return match.group(1) + match.group(3) + match.group(4)


def _about_trademarks(text: str, start: int, end: int) -> bool:
    return keyword_near(text, start, end, TRADEMARK_CONTEXT, CONTEXT_BEFORE, CONTEXT_AFTER)


def read_serial_number(typed: str) -> Reading | None:
    shape = SERIAL.fullmatch(typed)
    if shape is None:
        return None
    valid = int(shape.group(1)) in SERIES_CODES
    return Reading(IdentifierKind.USPTO_SERIAL, _serial_value(shape), valid=valid)


def find_registration_numbers(text: str) -> Iterator[IdentifierMatch]:
    if not mentions_any(text, REGISTRATION_GATE):
        return
    for match in REGISTRATION.finditer(text):
        start, end = match.span()
        if _mixed_grouping(match.group()):
            continue
        if keyword_near(text, start, end, REGISTRATION_KEYWORDS, after=20) and _about_trademarks(
            text, start, end
        ):
            yield IdentifierMatch(
                IdentifierKind.USPTO_REGISTRATION,
                "".join(match.groups()),
                match.group(),
                start,
                end,
            )


def _mixed_grouping(written: str) -> bool:
    """``1,234567``: one comma but not the other is a typo or a different number."""
    return written.count(",") == 1


def read_registration_number(typed: str) -> Reading | None:
    shape = REGISTRATION.fullmatch(typed)
    if shape is None or _mixed_grouping(typed):
        return None
    return Reading(IdentifierKind.USPTO_REGISTRATION, "".join(shape.groups()), valid=True)
