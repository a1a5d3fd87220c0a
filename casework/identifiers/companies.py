"""Company tax identifiers: US EINs and Chinese unified social credit codes (USCC).

An EIN is nine digits with no check digit (only its first two, the IRS campus prefix, are
checked by ``python-stdnum``), so it needs "EIN" or "tax ID" nearby. A USCC has a mod-31 check
character; one with letters stands alone, an all-digit one needs its keyword, as any 18-digit
order number passes the check one time in 31.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.cn import uscc
from stdnum.us import ein

from casework.identifiers.context import keyword_near, keywords, mentions_any
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

EIN = re.compile(r"\d(?<![\w.,/-].)\d-?\d{7}(?![\w-]|[.,/]\d)")
EIN_KEYWORDS = keywords(
    "F?EINs?",
    r"employer identification",
    r"tax ?id",
    r"tax identification",
    r"taxpayer identification",
)
EIN_GATE = ("ein", "employer identification", "tax id", "taxid", "tax identification")
EIN_TYPED = re.compile(r"\d{2}-?\d{7}")
USCC_CHARS = "[0-9A-HJ-NPQRTUWXY]"
USCC = re.compile(
    rf"{USCC_CHARS}(?<![A-Za-z0-9].){USCC_CHARS}\d{{6}}{USCC_CHARS}{{10}}(?![A-Za-z0-9])"
)
USCC_TYPED = re.compile(rf"{USCC_CHARS}{{2}}\d{{6}}{USCC_CHARS}{{10}}", re.IGNORECASE)
USCC_KEYWORDS = keywords(
    "USCC", r"unified social credit", r"social credit code", r"credit code", r"business licen[cs]e"
)


def find_eins(text: str) -> Iterator[IdentifierMatch]:
    if not mentions_any(text, EIN_GATE):
        return
    for match in EIN.finditer(text):
        if ein.is_valid(match.group()) and keyword_near(
            text, match.start(), match.end(), EIN_KEYWORDS
        ):
            yield IdentifierMatch(
                IdentifierKind.EIN, ein.format(match.group()), match.group(), *match.span()
            )


def read_ein(typed: str) -> Reading | None:
    if EIN_TYPED.fullmatch(typed) is None:
        return None
    return Reading(IdentifierKind.EIN, ein.format(typed), valid=ein.is_valid(typed))


def find_usccs(text: str) -> Iterator[IdentifierMatch]:
    for match in USCC.finditer(text):
        code = match.group()
        if not uscc.is_valid(code):
            continue
        if code.isdigit() and not keyword_near(text, match.start(), match.end(), USCC_KEYWORDS):
            continue
        yield IdentifierMatch(IdentifierKind.USCC, code, code, *match.span())


def read_uscc(typed: str) -> Reading | None:
    if USCC_TYPED.fullmatch(typed) is None:
        return None
    value = typed.upper()
    return Reading(IdentifierKind.USCC, value, valid=uscc.is_valid(value), checked=True)
