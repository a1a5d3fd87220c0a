"""US federal court docket (case) numbers, and the court named beside them.

``1:24-cv-01234``, ``2:19-cr-00123-ABC``, ``24-cr-123``: office, year, case type, sequence, and
judges' initials. The value is the CM/ECF form, ``1:24-cv-01234``: year in two digits, sequence
padded to five, initials dropped (they change when a case is reassigned; the case does not). A
case number is unique only within its court, so the nearest court named around it (``N.D.
Ill.``, ``Northern District of Illinois``) is kept as the match's detail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.identifiers.courts import court_mentions
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

CASE_TYPES = (
    "cv",
    "cr",
    "mj",
    "mc",
    "md",
    "mdl",
    "po",
    "sw",
    "gj",
    "bk",
    "ap",
    "dp",
    "ml",
    "misc",
    "pt",
)
DOCKET = re.compile(
    r"(?<![\w:/.-])(?:(\d{1,2}):)?(\d{2}|(?:19|20)\d{2})-?(?i:("
    + "|".join(sorted(CASE_TYPES, key=len, reverse=True))
    + r"))-?(\d{1,6})((?:-[A-Z]{2,4})*)(?!\w|-\d)"
)
DOCKET_GATE = re.compile(r"\d-?(?i:" + "|".join(CASE_TYPES) + r")-?\d")
"""Cheap to scan for (it starts with a digit); the full pattern runs only where it occurs."""
COURT_WINDOW_BEFORE = 200
COURT_WINDOW_AFTER = 120
SEQUENCE_DIGITS = 5


def find_dockets(text: str) -> Iterator[IdentifierMatch]:
    if DOCKET_GATE.search(text) is None:
        return
    for match in DOCKET.finditer(text):
        yield IdentifierMatch(
            IdentifierKind.DOCKET,
            _normalise(match),
            match.group(),
            match.start(),
            match.end(),
            detail=_nearest_court(text, match.start(), match.end()),
        )


def _normalise(match: re.Match[str]) -> str:
    office, year, case_type, sequence = (
        match.group(1),
        match.group(2),
        match.group(3),
        match.group(4),
    )
    number = f"{year[-2:]}-{case_type.lower()}-{sequence.zfill(SEQUENCE_DIGITS)}"
    return f"{int(office)}:{number}" if office else number


def _nearest_court(text: str, start: int, end: int) -> str | None:
    window_start = max(0, start - COURT_WINDOW_BEFORE)
    window_end = min(len(text), end + COURT_WINDOW_AFTER)
    mentions = court_mentions(text, window_start, window_end)
    if not mentions:
        return None
    nearest = min(mentions, key=lambda mention: max(start - mention.end, mention.start - end))
    return nearest.court


def read_docket(typed: str) -> Reading | None:
    shape = DOCKET.fullmatch(typed)
    if shape is None:
        return None
    return Reading(IdentifierKind.DOCKET, _normalise(shape), valid=True)
