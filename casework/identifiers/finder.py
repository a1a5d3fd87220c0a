"""Find every identifier in a text: each family's recogniser proposes matches, then overlaps are
settled by precedence.

A span claimed by a more specific kind is not reported again as a weaker one: the digits of a
UPS number are not also a phone number, a DHL waybill is not also a domain. URLs and e-mail
addresses are containers: what is inside them (an ASIN in a product link, a seller ID in a
``seller=`` parameter, the URL's own domain) is reported too, except phone numbers and
bare domains, which inside an address are only part of it.
"""

from __future__ import annotations

import bisect

from casework.identifiers.kinds import IdentifierKind, IdentifierMatch
from casework.identifiers.registry import RECOGNISERS, text_finders

FINDERS = text_finders()
RANK = {recogniser.kind: rank for rank, recogniser in enumerate(RECOGNISERS)}
CONTAINERS = frozenset({IdentifierKind.EMAIL, IdentifierKind.URL})
NOT_INSIDE = {
    IdentifierKind.EMAIL: frozenset({IdentifierKind.DOMAIN, IdentifierKind.PHONE}),
    IdentifierKind.URL: frozenset({IdentifierKind.PHONE}),
}


def find_identifiers(text: str) -> list[IdentifierMatch]:
    """Every valid identifier in ``text``, in order of position."""
    candidates = [match for find in FINDERS for match in find(text)]
    return sorted(_settle_overlaps(candidates), key=lambda match: (match.start, RANK[match.kind]))


def _settle_overlaps(candidates: list[IdentifierMatch]) -> list[IdentifierMatch]:
    """Keep the strongest of overlapping candidates, the longest first within a kind."""
    ordered = sorted(
        candidates, key=lambda match: (RANK[match.kind], match.start - match.end, match.start)
    )
    kept = _Kept()
    for candidate in ordered:
        if not any(_conflict(held, candidate) for held in kept.overlapping(candidate)):
            kept.add(candidate)
    return kept.matches


class _Kept:
    """Kept matches by start offset, so finding the ones a candidate overlaps is a bisection,
    not a scan: a table of numbers can yield thousands of candidates."""

    def __init__(self) -> None:
        self.matches: list[IdentifierMatch] = []
        self._starts: list[int] = []
        self._longest = 0

    def add(self, match: IdentifierMatch) -> None:
        position = bisect.bisect_right(self._starts, match.start)
        self._starts.insert(position, match.start)
        self.matches.insert(position, match)
        self._longest = max(self._longest, match.end - match.start)

    def overlapping(self, candidate: IdentifierMatch) -> list[IdentifierMatch]:
        first = bisect.bisect_left(self._starts, candidate.start - self._longest)
        last = bisect.bisect_left(self._starts, candidate.end)
        return [held for held in self.matches[first:last] if held.end > candidate.start]


def _conflict(held: IdentifierMatch, candidate: IdentifierMatch) -> bool:
    if held.end <= candidate.start or candidate.end <= held.start:
        return False
    if held.kind == candidate.kind:
        return True
    if held.kind in CONTAINERS and _within(candidate, held):
        return candidate.kind in NOT_INSIDE[held.kind]
    if candidate.kind in CONTAINERS and _within(held, candidate):
        return held.kind in NOT_INSIDE[candidate.kind]
    return True


def _within(inner: IdentifierMatch, outer: IdentifierMatch) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
