"""Amazon identifiers: ASINs and seller IDs.

Current ASINs are ``B0`` and eight upper-case letters or digits, distinctive enough alone. Books
keep their ISBN-10 as ASIN, so a ten-digit ASIN counts only with the word "ASIN" nearby and a
valid ISBN check digit. Seller IDs (``A`` and 12 to 14 upper-case letters or digits) look like any
upper-case code, so they need the word "seller" (or "merchant", "storefront") nearby, or to be
the value of a ``seller=`` or ``me=`` parameter in a storefront URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import isbn

from casework.identifiers.context import keyword_near, keywords, mentions_any
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

ASIN = re.compile(r"(?<![A-Za-z0-9])B0[A-Z0-9]{8}(?![A-Za-z0-9])")
BOOK_ASIN = re.compile(r"(?<![\w-])\d{9}[\dX](?![\w-])")
ASIN_KEYWORDS = keywords("ASINs?")
ASIN_TYPED = re.compile(r"B0[A-Z0-9]{8}", re.IGNORECASE)
BOOK_ASIN_TYPED = re.compile(r"\d{9}[\dXx]")
SELLER_ID = re.compile(r"A(?<![A-Za-z0-9].)(?=[A-Z]*\d)[A-Z0-9]{12,14}(?![A-Za-z0-9])")
SELLER_KEYWORDS = keywords("sellers?", "merchants?", "storefronts?", "seller id")
SELLER_PARAMETERS = ("seller=", "me=", "merchant=")
SELLER_GATE = ("seller", "merchant", "storefront", "me=")


def find_asins(text: str) -> Iterator[IdentifierMatch]:
    if "B0" in text:
        for match in ASIN.finditer(text):
            yield _match(IdentifierKind.ASIN, match)
    if "asin" not in text.lower():
        return
    for match in BOOK_ASIN.finditer(text):
        if isbn.is_valid(match.group()) and keyword_near(
            text, match.start(), match.end(), ASIN_KEYWORDS
        ):
            yield _match(IdentifierKind.ASIN, match)


def find_seller_ids(text: str) -> Iterator[IdentifierMatch]:
    if not mentions_any(text, SELLER_GATE):
        return
    for match in SELLER_ID.finditer(text):
        start = match.start()
        in_parameter = text[max(0, start - 9) : start].lower().endswith(SELLER_PARAMETERS)
        if in_parameter or keyword_near(text, start, match.end(), SELLER_KEYWORDS):
            yield _match(IdentifierKind.AMAZON_SELLER_ID, match)


def _match(kind: IdentifierKind, match: re.Match[str]) -> IdentifierMatch:
    return IdentifierMatch(kind, match.group().upper(), match.group(), match.start(), match.end())


def read_asin(typed: str) -> Reading | None:
    if ASIN_TYPED.fullmatch(typed):
        return Reading(IdentifierKind.ASIN, typed.upper(), valid=True)
    if BOOK_ASIN_TYPED.fullmatch(typed):
        valid = isbn.is_valid(typed)
        return Reading(IdentifierKind.ASIN, typed.upper(), valid=valid, checked=True)
    return None


def read_seller_id(typed: str) -> Reading | None:
    if SELLER_ID.fullmatch(typed) is None:
        return None
    return Reading(IdentifierKind.AMAZON_SELLER_ID, typed, valid=True)
