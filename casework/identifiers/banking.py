"""Bank identifiers: IBANs and SWIFT/BIC codes, checked by ``python-stdnum``.

An IBAN's mod-97 check makes it safe to take anywhere. A BIC has no check digit and is eight or
eleven capital letters, like many acronyms and shouted words, so it needs "SWIFT" or "BIC"
nearby.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import bic, iban

from casework.identifiers.context import keyword_near, keywords, mentions_any
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

IBAN = re.compile(
    r"[A-Z](?<![A-Za-z0-9].)[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,8}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])"
)
IBAN_TYPED = re.compile(r"[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,32}")
IBAN_MIN_LENGTH = 15
BIC = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z]{5}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])")
BIC_KEYWORDS = keywords("SWIFT", "BIC", r"bank identifier")
BIC_GATE = ("swift", "bic", "bank identifier")


def find_ibans(text: str) -> Iterator[IdentifierMatch]:
    for match in IBAN.finditer(text):
        found = _longest_valid_iban(match)
        if found is not None:
            yield found


def _longest_valid_iban(match: re.Match[str]) -> IdentifierMatch | None:
    """The IBAN may be followed by an unrelated capitalised word: drop groups until it checks."""
    written = match.group()
    while len(written.replace(" ", "")) >= IBAN_MIN_LENGTH:
        value = written.replace(" ", "")
        if iban.is_valid(value):
            start = match.start()
            return IdentifierMatch(IdentifierKind.IBAN, value, written, start, start + len(written))
        if " " not in written:
            return None
        written = written.rsplit(" ", 1)[0]
    return None


def read_iban(typed: str) -> Reading | None:
    if IBAN_TYPED.fullmatch(typed) is None:
        return None
    value = typed.replace(" ", "").upper()
    return Reading(IdentifierKind.IBAN, value, valid=iban.is_valid(value), checked=True)


def find_bics(text: str) -> Iterator[IdentifierMatch]:
    if not mentions_any(text, BIC_GATE):
        return
    for match in BIC.finditer(text):
        if bic.is_valid(match.group()) and keyword_near(
            text, match.start(), match.end(), BIC_KEYWORDS
        ):
            yield IdentifierMatch(
                IdentifierKind.BIC, match.group(), match.group(), match.start(), match.end()
            )


def read_bic(typed: str) -> Reading | None:
    """Capitals only: a lower-case eight-letter word typed into a lookup is a name."""
    if BIC.fullmatch(typed) is None:
        return None
    return Reading(IdentifierKind.BIC, typed, valid=bic.is_valid(typed))
