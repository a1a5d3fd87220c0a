"""What an identifier is (its kind) and what finding or reading one gives back.

Values are normalised so that the same identifier written two ways is one lookup key: a phone
number in E.164, a container number without spaces, a docket number as ``1:24-cv-01234``. The
``display`` of a match is the text as written, so a citation can quote it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IdentifierKind(StrEnum):
    """Stable lower-case values: they are stored with lookups and typed as ``kind:value``."""

    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    DOMAIN = "domain"
    ASIN = "asin"
    AMAZON_SELLER_ID = "amazon_seller_id"
    UPS_TRACKING = "ups_tracking"
    FEDEX_TRACKING = "fedex_tracking"
    USPS_TRACKING = "usps_tracking"
    """USPS Intelligent Mail package barcodes, and UPU S10 international items."""
    DHL_TRACKING = "dhl_tracking"
    AIR_WAYBILL = "air_waybill"
    CONTAINER = "container"
    IMO = "imo"
    HTS_CODE = "hts_code"
    USPTO_SERIAL = "uspto_serial"
    USPTO_REGISTRATION = "uspto_registration"
    DOCKET = "docket"
    IBAN = "iban"
    BIC = "bic"
    BITCOIN = "bitcoin"
    ETHEREUM = "ethereum"
    EIN = "ein"
    USCC = "uscc"


@dataclass(frozen=True)
class IdentifierMatch:
    """One identifier found in a text; ``text[start:end] == display``."""

    kind: IdentifierKind
    value: str
    display: str
    start: int
    end: int
    detail: str | None = None
    """Extra facts written near it, e.g. the court of a docket number (``N.D. Ill.``)."""


@dataclass(frozen=True)
class Reading:
    """One way to read a typed string as an identifier of ``kind``."""

    kind: IdentifierKind
    value: str
    valid: bool
    """False when the string has the identifier's shape but its check digit (or other check)
    fails: the lookup card can still say what it looks like and why it is doubtful."""
    checked: bool = False
    """True when ``valid`` was decided by a check digit (or checksum), not by shape alone."""
    detail: str | None = None


@dataclass(frozen=True)
class ParsedQuery:
    """What a user typed into a lookup: an identifier of ``kind``, or a name (``kind is None``)."""

    typed: str
    kind: IdentifierKind | None
    value: str
    valid: bool
    checked: bool = False
    alternatives: tuple[Reading, ...] = ()
    """Other kinds the same string could be, most plausible first (each with its own value)."""
    detail: str | None = None
