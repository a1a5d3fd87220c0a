"""Read what a user types into a lookup: which identifier it is, normalised, and whether it checks.

No keyword is needed here, the user has said they are looking something up. ``kind:value``
(``phone:312-555-0100``, ``container:MSCU1234565``) settles the kind. Otherwise every kind reads
the string; a reading whose check digit holds beats one with no check digit, which beats one
whose check fails; ties go to the kind earlier in ``registry.TYPED_PRIORITY``. The other readings
are offered as alternatives: ``3318810025`` is a DHL waybill whose check digit holds, and also a
phone number.
"""

from __future__ import annotations

import re

from casework.identifiers.kinds import IdentifierKind, ParsedQuery, Reading
from casework.identifiers.registry import ALIASES, BY_KIND, RECOGNISERS, TYPED_PRIORITY

PRIORITY = {kind: rank for rank, kind in enumerate(TYPED_PRIORITY)}
PREFIX = re.compile(r"([A-Za-z][A-Za-z_ -]{1,23}?)\s*:\s*(\S.*)", re.DOTALL)
LABEL = re.compile(
    r"((?:U\.S\.\s*)?[A-Za-z]{2,12})\.?(?:\s*(No|Nr|number)\.?)?\s*[#:]?\s*(\S.*)",
    re.IGNORECASE | re.DOTALL,
)
"""A label pasted with the number, ``Reg. No. 1,234,567`` or ``AWB 176-84920312``."""


def parse_query(typed: str) -> ParsedQuery:
    text = " ".join(typed.replace("\u00a0", " ").split())
    prefix = _explicit_kind(text)
    if prefix is not None:
        kind, rest = prefix
        return _parse_as(typed, kind, rest)
    labelled = _labelled_reading(text)
    if labelled is not None:
        return _parsed(typed, labelled, ())
    readings = sorted(_readings(text), key=_plausibility)
    if not readings:
        return ParsedQuery(typed=typed, kind=None, value=text, valid=False)
    best, others = readings[0], readings[1:]
    if best.valid:
        others = [reading for reading in others if reading.valid]
    return _parsed(typed, best, tuple(others))


def _explicit_kind(text: str) -> tuple[IdentifierKind, str] | None:
    shape = PREFIX.fullmatch(text)
    if shape is None:
        return None
    name = re.sub(r"[ -]", "_", shape.group(1).strip().lower())
    kind = ALIASES.get(name) or _kind_named(name)
    return (kind, shape.group(2)) if kind is not None else None


def _labelled_reading(text: str) -> Reading | None:
    """The number after a label naming its kind, if it reads as that kind; else None, and the
    string is read as a whole (``DHL Express`` is a name)."""
    shape = LABEL.fullmatch(text)
    if shape is None:
        return None
    name = re.sub(r"\s+", "_", shape.group(1).lower())
    if shape.group(2):
        name = f"{name}_no"
    kind = ALIASES.get(name) or ALIASES.get(name.removesuffix("_no")) or _kind_named(name)
    if kind is None:
        return None
    return _read_as(kind, shape.group(3))


def _kind_named(name: str) -> IdentifierKind | None:
    try:
        return IdentifierKind(name)
    except ValueError:
        return None


def _parse_as(typed: str, kind: IdentifierKind, rest: str) -> ParsedQuery:
    """Read ``rest`` as ``kind`` only: the user has said what it is."""
    reading = _read_as(kind, rest)
    if reading is None:
        return ParsedQuery(typed=typed, kind=kind, value=rest, valid=False)
    return _parsed(typed, reading, ())


def _read_as(kind: IdentifierKind, rest: str) -> Reading | None:
    """``rest`` as ``kind``, also in its loose form (``hts:640399``) or in capitals
    (``bic:deutdeff``)."""
    recogniser = BY_KIND[kind]
    readers = [recogniser.read]
    if recogniser.read_when_named is not None:
        readers.append(recogniser.read_when_named)
    attempts = (read(candidate) for read in readers for candidate in (rest, rest.upper()))
    reading = next((attempt for attempt in attempts if attempt is not None), None)
    return reading if reading is not None and reading.kind is kind else None


def _readings(text: str) -> list[Reading]:
    readings = []
    for recogniser in RECOGNISERS:
        reading = recogniser.read(text)
        if reading is not None:
            readings.append(reading)
    return readings


def _plausibility(reading: Reading) -> tuple[int, int]:
    """Checked and valid first, then valid, then well-formed; ties to the more specific kind."""
    evidence = 2 if reading.valid and reading.checked else 1 if reading.valid else 0
    return -evidence, PRIORITY[reading.kind]


def _parsed(typed: str, reading: Reading, alternatives: tuple[Reading, ...]) -> ParsedQuery:
    return ParsedQuery(
        typed=typed,
        kind=reading.kind,
        value=reading.value,
        valid=reading.valid,
        checked=reading.checked,
        alternatives=alternatives,
        detail=reading.detail,
    )
