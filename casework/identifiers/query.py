"""Read what a user types into a lookup: which identifier it is, normalised, and whether it checks.

No keyword is needed here, the user has said they are looking something up. ``kind:value``
(``phone:312-555-0100``, ``container:MSCU1234565``) settles the kind. Otherwise every kind reads
the string; a reading whose check digit holds beats one with no check digit, which beats one
whose check fails; ties go to the more specific kind (``PRIORITY``). The other readings are
offered as alternatives: ``3318810025`` is a DHL waybill whose check digit holds, and also a
phone number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from casework.identifiers import (
    banking,
    companies,
    contact,
    crypto,
    dockets,
    freight,
    marketplace,
    parcels,
    trademarks,
    web,
)
from casework.identifiers.kinds import IdentifierKind, ParsedQuery, Reading

Reader = Callable[[str], Reading | None]

READERS: dict[IdentifierKind, Reader] = {
    IdentifierKind.EMAIL: contact.read_email,
    IdentifierKind.URL: web.read_url,
    IdentifierKind.ETHEREUM: crypto.read_ethereum,
    IdentifierKind.BITCOIN: crypto.read_bitcoin,
    IdentifierKind.IBAN: banking.read_iban,
    IdentifierKind.USCC: companies.read_uscc,
    IdentifierKind.UPS_TRACKING: parcels.read_ups,
    IdentifierKind.USPS_TRACKING: parcels.read_usps,
    IdentifierKind.CONTAINER: freight.read_container,
    IdentifierKind.DOCKET: dockets.read_docket,
    IdentifierKind.AIR_WAYBILL: freight.read_air_waybill,
    IdentifierKind.HTS_CODE: freight.read_hts,
    IdentifierKind.IMO: freight.read_imo,
    IdentifierKind.ASIN: marketplace.read_asin,
    IdentifierKind.AMAZON_SELLER_ID: marketplace.read_seller_id,
    IdentifierKind.BIC: banking.read_bic,
    IdentifierKind.FEDEX_TRACKING: parcels.read_fedex,
    IdentifierKind.DHL_TRACKING: parcels.read_dhl,
    IdentifierKind.PHONE: contact.read_phone,
    IdentifierKind.EIN: companies.read_ein,
    IdentifierKind.USPTO_SERIAL: trademarks.read_serial_number,
    IdentifierKind.USPTO_REGISTRATION: trademarks.read_registration_number,
    IdentifierKind.DOMAIN: web.read_domain,
}
PRIORITY = {kind: rank for rank, kind in enumerate(READERS)}
"""Insertion order of READERS: most specific first."""
EXPLICIT_READERS: dict[IdentifierKind, Reader] = {
    IdentifierKind.HTS_CODE: freight.read_hts_digits,
    IdentifierKind.DHL_TRACKING: parcels.read_dhl_spaced,
}
"""Readings too loose to offer unasked, e.g. ``640399`` as an HTS code: only with ``hts:``."""
ALIASES: dict[str, IdentifierKind] = {
    "tel": IdentifierKind.PHONE,
    "mailto": IdentifierKind.EMAIL,
    "ups": IdentifierKind.UPS_TRACKING,
    "fedex": IdentifierKind.FEDEX_TRACKING,
    "usps": IdentifierKind.USPS_TRACKING,
    "dhl": IdentifierKind.DHL_TRACKING,
    "awb": IdentifierKind.AIR_WAYBILL,
    "mawb": IdentifierKind.AIR_WAYBILL,
    "hawb": IdentifierKind.AIR_WAYBILL,
    "hts": IdentifierKind.HTS_CODE,
    "htsus": IdentifierKind.HTS_CODE,
    "serial": IdentifierKind.USPTO_SERIAL,
    "serial_no": IdentifierKind.USPTO_SERIAL,
    "registration": IdentifierKind.USPTO_REGISTRATION,
    "registration_no": IdentifierKind.USPTO_REGISTRATION,
    "reg": IdentifierKind.USPTO_REGISTRATION,
    "reg_no": IdentifierKind.USPTO_REGISTRATION,
    "u.s._reg": IdentifierKind.USPTO_REGISTRATION,
    "seller": IdentifierKind.AMAZON_SELLER_ID,
    "swift": IdentifierKind.BIC,
    "btc": IdentifierKind.BITCOIN,
    "eth": IdentifierKind.ETHEREUM,
    "case": IdentifierKind.DOCKET,
    "case_no": IdentifierKind.DOCKET,
    "docket_no": IdentifierKind.DOCKET,
}
"""Names a user may give a kind, besides its own value (``ein:``, ``imo:``): as a ``name:``
prefix, or as the label pasted with the number (``Reg. No. 1,234,567``)."""
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
    readers = [READERS[kind]]
    if kind in EXPLICIT_READERS:
        readers.append(EXPLICIT_READERS[kind])
    attempts = (read(candidate) for read in readers for candidate in (rest, rest.upper()))
    reading = next((attempt for attempt in attempts if attempt is not None), None)
    return reading if reading is not None and reading.kind is kind else None


def _readings(text: str) -> list[Reading]:
    readings = []
    for read in READERS.values():
        reading = read(text)
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
