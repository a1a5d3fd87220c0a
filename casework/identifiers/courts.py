"""US federal district courts as they are written near a docket number.

Both the Bluebook abbreviation (``N.D. Ill.``, ``S.D.N.Y.``, ``D. Ariz.``) and the long form
(``Northern District of Illinois``) are recognised and given back as the abbreviation, so one
court is one value however a document names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STATES: dict[str, str] = {
    "Alabama": "Ala.",
    "Alaska": "Alaska",
    "Arizona": "Ariz.",
    "Arkansas": "Ark.",
    "California": "Cal.",
    "Colorado": "Colo.",
    "Connecticut": "Conn.",
    "Delaware": "Del.",
    "Columbia": "D.C.",
    "Florida": "Fla.",
    "Georgia": "Ga.",
    "Guam": "Guam",
    "Hawaii": "Haw.",
    "Idaho": "Idaho",
    "Illinois": "Ill.",
    "Indiana": "Ind.",
    "Iowa": "Iowa",
    "Kansas": "Kan.",
    "Kentucky": "Ky.",
    "Louisiana": "La.",
    "Maine": "Me.",
    "Maryland": "Md.",
    "Massachusetts": "Mass.",
    "Michigan": "Mich.",
    "Minnesota": "Minn.",
    "Mississippi": "Miss.",
    "Missouri": "Mo.",
    "Montana": "Mont.",
    "Nebraska": "Neb.",
    "Nevada": "Nev.",
    "New Hampshire": "N.H.",
    "New Jersey": "N.J.",
    "New Mexico": "N.M.",
    "New York": "N.Y.",
    "North Carolina": "N.C.",
    "North Dakota": "N.D.",
    "Northern Mariana Islands": "N. Mar. I.",
    "Ohio": "Ohio",
    "Oklahoma": "Okla.",
    "Oregon": "Or.",
    "Pennsylvania": "Pa.",
    "Puerto Rico": "P.R.",
    "Rhode Island": "R.I.",
    "South Carolina": "S.C.",
    "South Dakota": "S.D.",
    "Tennessee": "Tenn.",
    "Texas": "Tex.",
    "Utah": "Utah",
    "Vermont": "Vt.",
    "Virgin Islands": "V.I.",
    "Virginia": "Va.",
    "Washington": "Wash.",
    "West Virginia": "W. Va.",
    "Wisconsin": "Wis.",
    "Wyoming": "Wyo.",
}
DIVISIONS = {
    "Northern": "N.",
    "Southern": "S.",
    "Eastern": "E.",
    "Western": "W.",
    "Central": "C.",
    "Middle": "M.",
}
INITIALS_ONLY = re.compile(r"(?:[A-Z]\.)+")


def _abbreviation_pattern(abbreviation: str) -> str:
    """``W. Va.`` → a pattern that also accepts ``W.Va.``; ``N.Y.`` also ``N. Y.``."""
    compact = abbreviation.replace(". ", ".")
    return r"\.\s?".join(re.escape(part) for part in compact.split(".")).removesuffix(r"\s?")


def _alternation(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_ABBREVIATIONS = {
    abbreviation: _abbreviation_pattern(abbreviation) for abbreviation in STATES.values()
}
ABBREVIATED = re.compile(
    r"(?<![A-Za-z.])(?:([NSEWCM])\.\s?)?D\.\s?("
    + _alternation(list(_ABBREVIATIONS.values()))
    + r")(?![A-Za-z])"
)
SPELLED_OUT = re.compile(
    r"(?:\b(" + "|".join(DIVISIONS) + r")\s+)?District\s+of\s+("
    r"(?:the\s+)?(?:" + _alternation([re.escape(name) for name in STATES]) + r"))\b"
)
_STATE_BY_PATTERN = {
    re.compile(pattern): abbreviation for abbreviation, pattern in _ABBREVIATIONS.items()
}


@dataclass(frozen=True)
class CourtMention:
    court: str
    start: int
    end: int


def court_mentions(text: str, start: int, end: int) -> list[CourtMention]:
    """Every district court named in ``text[start:end]``, as its Bluebook abbreviation."""
    mentions = []
    for match in ABBREVIATED.finditer(text, start, end):
        state = _state_from_abbreviation(match.group(2))
        division = f"{match.group(1)}." if match.group(1) else ""
        mentions.append(CourtMention(court_name(division, state), match.start(), match.end()))
    for match in SPELLED_OUT.finditer(text, start, end):
        name = re.sub(r"^the\s+", "", match.group(2))
        division = DIVISIONS[match.group(1)] if match.group(1) else ""
        mentions.append(
            CourtMention(court_name(division, STATES[name]), match.start(), match.end())
        )
    return mentions


def _state_from_abbreviation(written: str) -> str:
    for pattern, abbreviation in _STATE_BY_PATTERN.items():
        if pattern.fullmatch(written):
            return abbreviation
    raise LookupError(written)


def court_name(division: str, state: str) -> str:
    """``N.`` + ``Ill.`` → ``N.D. Ill.``; ``S.`` + ``N.Y.`` → ``S.D.N.Y.``; ``""`` + ``Ariz.``
    → ``D. Ariz.`` (Bluebook: no space between runs of single initials)."""
    court = f"{division}D."
    separator = "" if INITIALS_ONLY.fullmatch(state) else " "
    return f"{court}{separator}{state}"
